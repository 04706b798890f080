/** `/__sandbox` control routes of the ChinaTrainTickets sandbox (JSON in/out, no auth). */
import { obj, optInt, optString, reqString } from '../core/control';
import type { ControlRoute } from '../core/server';
import type { ChinaTrainTicketsSandbox } from './index';

export function chinaTrainTicketsControlRoutes(
	sb: ChinaTrainTicketsSandbox,
	extra: { state(): Record<string, unknown>; routeNames: readonly string[] },
): ControlRoute[] {
	return [
		{
			method: 'GET',
			path: '/state',
			summary: 'URL, signing key, switches, clock, pending faults, members, captchas, outbox size',
			handle: () => extra.state(),
		},
		{
			method: 'POST',
			path: '/sign',
			summary:
				'fresh signing fields (terminal, time_stamp, random, sign) for the sandbox clock and key',
			example: '{"random":12345,"time_stamp":"20240101120000"}   (both optional)',
			handle: (body) => {
				const o = obj(body);
				return sb.signingFields({
					random: optInt(o, 'random'),
					timeStamp: optString(o, 'time_stamp'),
				});
			},
		},
		{
			method: 'GET',
			path: '/members',
			summary: 'members {username, phone_number, password}',
			handle: () => sb.members(),
		},
		{
			method: 'POST',
			path: '/members',
			summary: 'add a member or replace the one with the same username',
			example: '{"username":"traveller09","phone_number":"13800000009","password":"Pass-09"}',
			handle: (body) => {
				const o = obj(body);
				sb.upsertMember({
					username: reqString(o, 'username'),
					phone_number: reqString(o, 'phone_number'),
					password: optString(o, 'password') ?? '',
				});
				return { ok: true, members: sb.members().length };
			},
		},
		{
			method: 'GET',
			path: '/captchas',
			summary: 'captcha fixture: client GUID → img_code',
			handle: () => sb.captchas(),
		},
		{
			method: 'POST',
			path: '/captchas',
			summary: 'set (or, with img_code null, remove) the image code of a client GUID',
			example: '{"client":"c395c016-ad85-40d9-963b-9255d4957d4c","img_code":"7K3P"}',
			handle: (body) => {
				const o = obj(body);
				const img = o.img_code === null ? null : reqString(o, 'img_code');
				sb.setCaptcha(reqString(o, 'client'), img);
				return sb.captchas();
			},
		},
		{
			method: 'GET',
			path: '/outbox',
			summary: 'codes "sent" by sendcode (with the code, expiry and used flag)',
			handle: () => sb.outbox(),
		},
		{
			method: 'GET',
			path: '/password-changes',
			summary: 'successful resets (username and time; never the password)',
			handle: () => sb.passwordChanges(),
		},
		{
			method: 'POST',
			path: '/key',
			summary: "replace the sandbox's signing key (reset restores the default)",
			example: '{"signingKey":"abc@123!"}',
			handle: (body) => {
				sb.setSigningKey(reqString(obj(body), 'signingKey'));
				return { ok: true };
			},
		},
	];
}
