/** `/__sandbox` control routes of the SepahanGostar sandbox (JSON in/out, no auth). */
import { obj, optBool, optDate, optInt, optString, reqString } from '../core/control';
import type { ControlRoute } from '../core/server';
import type { SepahanGostarSandbox } from './index';

export function sepahanGostarControlRoutes(sb: SepahanGostarSandbox, extra: {
	state(): Record<string, unknown>;
	routeNames: readonly string[];
}): ControlRoute[] {
	return [
		{
			method: 'GET',
			path: '/state',
			summary: 'URL, test key, lines, credit, switches, clock, pending faults, tokens',
			handle: () => extra.state(),
		},
		{
			method: 'POST',
			path: '/inbound',
			summary: 'add an inbound SMS (privateNumber defaults to 50003300; at defaults to the sandbox clock)',
			example: '{"privateNumber":"50003300","sendNumber":"09121234567","text":"Hello","at":"2026-01-05T08:00:00Z"}',
			handle: (body) => {
				const o = obj(body);
				sb.addInbound({
					privateNumber: optString(o, 'privateNumber'),
					sendNumber: reqString(o, 'sendNumber'),
					text: (() => {
						const t = optString(o, 'text');
						if (t === undefined) throw new Error('text is required');
						return t;
					})(),
					at: optDate(o, 'at'),
				});
				return { ok: true, inbox: sb.inbox().length };
			},
		},
		{
			method: 'GET',
			path: '/inbox',
			summary: 'every inbound SMS with its read flag',
			handle: () => sb.inbox(),
		},
		{
			method: 'POST',
			path: '/mark-read',
			summary: '"another consumer" reads every unread SMS (optionally of one line)',
			example: '{"privateNumber":"50003300"}',
			handle: (body) => ({ marked: sb.markAllReadExternally(optString(obj(body), 'privateNumber')) }),
		},
		{
			method: 'GET',
			path: '/credit',
			summary: 'current balance (raw JSON integer)',
			handle: () => ({ value: sb.credit() }),
		},
		{
			method: 'POST',
			path: '/credit',
			summary: 'set the balance; an integer literal (any size) or a decimal string',
			example: '{"value":9007199254740993}',
			handle: (body) => {
				const v = obj(body).value;
				if (typeof v !== 'bigint' && typeof v !== 'string') throw new Error('value must be an integer or a decimal string');
				sb.setCredit(v);
				return { value: sb.credit() };
			},
		},
		{
			method: 'POST',
			path: '/status',
			summary: 'set the delivery status code of a message id (e.g. 1, 2, 16, -23)',
			example: '{"messageId":"639027944154527201","code":1}',
			handle: (body) => {
				const o = obj(body);
				const raw = o.messageId;
				const id = typeof raw === 'bigint' ? raw.toString() : typeof raw === 'string' ? raw : undefined;
				if (id === undefined) throw new Error('messageId must be a string or an integer literal');
				const code = optInt(o, 'code');
				if (code === undefined) throw new Error('code is required');
				sb.setDeliveryStatus(id, code);
				return { ok: true };
			},
		},
		{
			method: 'POST',
			path: '/account-error',
			summary: 'apply an account error to every authenticated call: -8..-11, -13..-19, or null',
			example: '{"code":-14}',
			handle: (body) => {
				const o = obj(body);
				sb.setAccountError(o.code === null || o.code === undefined ? null : (optInt(o, 'code') as number));
				return { code: o.code === undefined ? null : o.code };
			},
		},
		{
			method: 'POST',
			path: '/token',
			summary: 'token state: active (-2), allowedIps (-3), blocked (-22); token defaults to the test key',
			example: '{"token":"b2fa64f05d774e56a948727441b898c3","active":true,"allowedIps":["10.0.0.1"],"blocked":false}',
			handle: (body) => {
				const o = obj(body);
				const ips = o.allowedIps;
				if (ips !== undefined && ips !== null && (!Array.isArray(ips) || ips.some((x) => typeof x !== 'string'))) {
					throw new Error('allowedIps must be an array of strings');
				}
				sb.setTokenState(optString(o, 'token') ?? sb.apiKey, {
					active: optBool(o, 'active'),
					blocked: optBool(o, 'blocked'),
					allowedIps: ips === null ? [] : (ips as string[] | undefined),
				});
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/sent',
			summary: 'messages really "sent" (ids as strings)',
			handle: () => sb.sentMessages(),
		},
	];
}
