/** `/__sandbox` control routes of the Melipayamak sandbox (JSON in/out, no auth; never called by the node). */
import { obj, optDate, optInt, optString, plain, reqString } from '../core/control';
import type { JsonObject } from '../core/json';
import type { ControlRoute } from '../core/server';
import type { AccountName, MelipayamakSandbox } from './index';

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
	];
}
