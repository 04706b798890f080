/** `/__sandbox` control routes of the SepahanGostar sandbox (JSON in/out, no auth). */
import type { FaultSpec } from '../core/faults';
import { FAULT_KINDS } from '../core/faults';
import { isJsonObject } from '../core/json';
import type { JsonObject, JsonValue } from '../core/json';
import type { ControlRoute } from '../core/server';
import type { SepahanGostarSandbox } from './index';

function obj(body: JsonValue | undefined): JsonObject {
	if (body === undefined) return Object.create(null) as JsonObject;
	if (!isJsonObject(body)) throw new Error('Body must be a JSON object');
	return body;
}

function optString(o: JsonObject, name: string): string | undefined {
	const v = o[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') throw new Error(`${name} must be a string`);
	return v;
}

function reqString(o: JsonObject, name: string): string {
	const v = optString(o, name);
	if (v === undefined || v === '') throw new Error(`${name} is required`);
	return v;
}

function optInt(o: JsonObject, name: string): number | undefined {
	const v = o[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v === 'bigint') {
		if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`${name} is out of range`);
		return Number(v);
	}
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	throw new Error(`${name} must be an integer`);
}

function optBool(o: JsonObject, name: string): boolean | undefined {
	const v = o[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') throw new Error(`${name} must be a boolean`);
	return v;
}

function optDate(o: JsonObject, name: string): Date | undefined {
	const v = optString(o, name);
	if (v === undefined) return undefined;
	const d = new Date(v);
	if (Number.isNaN(d.getTime())) throw new Error(`${name} must be an ISO 8601 date-time`);
	return d;
}

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
			path: '/fault',
			summary: `inject a fault; kind: ${FAULT_KINDS.join('|')}`,
			example: '{"route":"send","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":-8}',
			handle: (body) => {
				const o = obj(body);
				const spec: FaultSpec = {
					kind: reqString(o, 'kind') as FaultSpec['kind'],
					route: optString(o, 'route'),
					times: optInt(o, 'times'),
					delayMs: optInt(o, 'delayMs'),
					status: optInt(o, 'status'),
					code: optInt(o, 'code'),
				};
				sb.injectFault(spec);
				return { ok: true, pending: sb.pendingFaults(), routes: extra.routeNames };
			},
		},
		{
			method: 'DELETE',
			path: '/fault',
			summary: 'drop every pending fault',
			handle: () => {
				sb.clearFaults();
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/requests',
			summary: 'request log of API calls (Authorization masked)',
			handle: () => sb.requests(),
		},
		{
			method: 'DELETE',
			path: '/requests',
			summary: 'clear the request log',
			handle: () => {
				sb.clearRequests();
				return { ok: true };
			},
		},
		{
			method: 'POST',
			path: '/reset',
			summary: 'everything back to defaults (state, switches, faults, log, real-time clock)',
			handle: () => {
				sb.reset();
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/clock',
			summary: 'sandbox clock',
			handle: () => ({ now: sb.clock.now(), frozen: sb.clockIsFrozen() }),
		},
		{
			method: 'POST',
			path: '/clock',
			summary: 'freeze the clock at an instant, or advance it; {"at":null} = real time again',
			example: '{"at":"2026-01-05T22:00:00Z"}  or  {"advanceMs":14400000}',
			handle: (body) => {
				const o = obj(body);
				if (Object.prototype.hasOwnProperty.call(o, 'at') && o.at === null) sb.useRealTime();
				else {
					const at = optString(o, 'at');
					const adv = optInt(o, 'advanceMs');
					if (at === undefined && adv === undefined) throw new Error('give at (ISO 8601 or null) or advanceMs');
					if (at !== undefined) sb.clock.set(at);
					if (adv !== undefined) sb.clock.advance(adv);
				}
				return { now: sb.clock.now(), frozen: sb.clockIsFrozen() };
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
			method: 'GET',
			path: '/switches',
			summary: 'current switches',
			handle: () => sb.switches(),
		},
		{
			method: 'POST',
			path: '/switches',
			summary: 'perRecipientErrors, registerFailedRequestIds, legacyShape (bool); receiveDateFormat; oldStatusRangeDays',
			example: '{"perRecipientErrors":true,"receiveDateFormat":"gregorian-time","oldStatusRangeDays":30}',
			handle: (body) => {
				const o = obj(body);
				const patch: Record<string, unknown> = {};
				for (const [k, v] of Object.entries(o)) patch[k] = typeof v === 'bigint' ? Number(v) : v;
				sb.setSwitches(patch);
				return sb.switches();
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
