/** `/__sandbox` control routes of the Melipayamak sandbox (JSON in/out, no auth; never called by the node). */
import type { FaultSpec } from '../core/faults';
import { FAULT_KINDS } from '../core/faults';
import { isJsonObject } from '../core/json';
import type { JsonObject, JsonValue } from '../core/json';
import type { ControlRoute } from '../core/server';
import type { AccountName, MelipayamakSandbox } from './index';

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

function optDate(o: JsonObject, name: string): Date | undefined {
	const v = optString(o, name);
	if (v === undefined) return undefined;
	const d = new Date(v);
	if (Number.isNaN(d.getTime())) throw new Error(`${name} must be an ISO 8601 date-time`);
	return d;
}

/** JSON values from the lossless parser → plain values (small integers become numbers). */
function plain(v: JsonValue): unknown {
	if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
	if (Array.isArray(v)) return v.map(plain);
	if (isJsonObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
	return v;
}

const ACCOUNT_NAMES: readonly AccountName[] = ['good', 'nocredit', 'inactive', 'ipblocked', 'apikeyonly', 'reseller'];

function accountName(o: JsonObject): AccountName {
	const name = optString(o, 'username') ?? 'good';
	if (!(ACCOUNT_NAMES as readonly string[]).includes(name)) throw new Error(`username must be one of ${ACCOUNT_NAMES.join(', ')}`);
	return name as AccountName;
}

export function melipayamakControlRoutes(
	sb: MelipayamakSandbox,
	extra: { state(): Record<string, unknown>; routeNames: readonly string[] },
): ControlRoute[] {
	return [
		{
			method: 'GET',
			path: '/state',
			summary: 'URLs, accounts (no secrets), switches, clock, pending faults, counts',
			handle: () => extra.state(),
		},
		{
			method: 'POST',
			path: '/inbound',
			summary: "add an inbound SMS (to defaults to the good account's line 50002710000000)",
			example: '{"from":"09121234567","to":"50002710000000","text":"Hello","at":"2026-01-05T08:00:00Z","isFlash":false}',
			handle: (body) => {
				const o = obj(body);
				const text = optString(o, 'text');
				if (text === undefined) throw new Error('text is required');
				const isFlash = o.isFlash;
				if (isFlash !== undefined && typeof isFlash !== 'boolean') throw new Error('isFlash must be a boolean');
				return sb.addInbound({ from: reqString(o, 'from'), to: optString(o, 'to'), text, at: optDate(o, 'at'), isFlash });
			},
		},
		{
			method: 'GET',
			path: '/inbox',
			summary: 'every inbound SMS (MsgID as a string) with its read flag',
			handle: () => sb.inbox(),
		},
		{
			method: 'GET',
			path: '/sent',
			summary: 'messages really "sent" (recIds as strings)',
			handle: () => sb.sentMessages(),
		},
		{
			method: 'GET',
			path: '/accounts',
			summary: 'fixture accounts and their state (credit, flags, allowed IPs, limits)',
			handle: () => ACCOUNT_NAMES.map((n) => sb.account(n)),
		},
		{
			method: 'POST',
			path: '/account',
			summary: 'patch an account: credit, inactive, ipBlocked, apiKeyOnly, requireAllowedIps, allowedIps, dailyLimit',
			example: '{"username":"good","credit":"12.5","allowedIps":["10.0.0.1"],"dailyLimit":100}',
			handle: (body) => {
				const o = obj(body);
				const name = accountName(o);
				const patch = plain(o) as Record<string, unknown>;
				delete patch.username;
				return sb.patchAccount(name, patch);
			},
		},
		{
			method: 'POST',
			path: '/delivery',
			summary: 'fix the delivery code of a recId (default progression 200 → 8 → 1)',
			example: '{"recId":"5107391183294726719","code":2}',
			handle: (body) => {
				const o = obj(body);
				const raw = o.recId;
				const id = typeof raw === 'bigint' ? raw.toString() : typeof raw === 'string' ? raw : undefined;
				if (id === undefined) throw new Error('recId must be a string or an integer literal');
				const code = optInt(o, 'code');
				if (code === undefined) throw new Error('code is required');
				sb.setDeliveryStatus(id, code);
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/otp',
			summary: 'codes sent by console send/otp',
			handle: () => sb.otpLog(),
		},
		{
			method: 'POST',
			path: '/otp',
			summary: 'queue the next console OTP code (digits, leading zeros kept)',
			example: '{"code":"01234"}',
			handle: (body) => {
				sb.queueOtpCode(reqString(obj(body), 'code'));
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/password-recoveries',
			summary: 'ForgotPassword calls that "sent the password to the reseller\'s mobile"',
			handle: () => sb.passwordRecoveries(),
		},
		{
			method: 'POST',
			path: '/fault',
			summary: `inject a fault; kind: ${FAULT_KINDS.join('|')}`,
			example: '{"route":"soap:SendSimpleSMS","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":6}',
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
				return { ok: true, pending: sb.pendingFaults() };
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
			path: '/routes',
			summary: 'names a fault route may use',
			handle: () => extra.routeNames,
		},
		{
			method: 'GET',
			path: '/requests',
			summary: 'request log of API calls (passwords and console keys masked)',
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
			example: '{"at":"2026-01-05T22:00:00Z"}  or  {"advanceMs":60000}',
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
			method: 'GET',
			path: '/switches',
			summary: 'current switches',
			handle: () => sb.switches(),
		},
		{
			method: 'POST',
			path: '/switches',
			summary:
				'unknownRecIdCode, unknownRecIdRetStatus, restUnexpectedErrorMethods, restUnexpectedErrorStatus, soapSendFailureShape, forgotPasswordResult, consoleBadKeyStatus, otpCodeAsNumber, bigMsgIds',
			example: '{"forgotPasswordResult":0,"bigMsgIds":true,"restUnexpectedErrorMethods":["BaseServiceNumber"]}',
			handle: (body) => {
				sb.setSwitches(plain(obj(body)) as Record<string, never>);
				return sb.switches();
			},
		},
	];
}
