/** `/__sandbox` control routes of the ChinaTrainTickets sandbox (JSON in/out, no auth). */
import type { FaultSpec } from '../core/faults';
import { FAULT_KINDS } from '../core/faults';
import { isJsonObject } from '../core/json';
import type { JsonObject, JsonValue } from '../core/json';
import type { ControlRoute } from '../core/server';
import type { ChinaTrainTicketsSandbox } from './index';

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
		if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER))
			throw new Error(`${name} is out of range`);
		return Number(v);
	}
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	throw new Error(`${name} must be an integer`);
}

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
			path: '/fault',
			summary: `inject a fault; kind: ${FAULT_KINDS.join('|')}`,
			example:
				'{"route":"sendcode","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":0}',
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
			summary: 'request log of API calls (new_password and code masked)',
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
			summary:
				'everything back to defaults (key, members, captchas, outbox, switches, faults, log, clock)',
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
			example: '{"at":"2024-01-01T12:00:00Z"}  or  {"advanceMs":600000}',
			handle: (body) => {
				const o = obj(body);
				if (Object.prototype.hasOwnProperty.call(o, 'at') && o.at === null) sb.useRealTime();
				else {
					const at = optString(o, 'at');
					const adv = optInt(o, 'advanceMs');
					if (at === undefined && adv === undefined)
						throw new Error('give at (ISO 8601 or null) or advanceMs');
					if (at !== undefined) sb.clock.set(at);
					if (adv !== undefined) sb.clock.advance(adv);
				}
				return { now: sb.clock.now(), frozen: sb.clockIsFrozen() };
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
			summary:
				'timestampWindowSec, cooldownSec, codeTtlSec (int); rejectReplays, requireImgCode, xmlWhenNoAccept, alwaysXml (bool); signatureFailureStatus (200|401|403); fixedCode ("6 digits"|null)',
			example: '{"rejectReplays":true,"requireImgCode":false,"signatureFailureStatus":401}',
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
