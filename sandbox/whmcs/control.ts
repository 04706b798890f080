/** `/__sandbox` control routes of the WHMCS sandbox (JSON in/out, no auth). */
import { obj, optBool, optInt, optString, reqString } from '../core/control';
import type { JsonValue } from '../core/json';
import type { ControlRoute } from '../core/server';
import type { WhmcsSandbox } from './index';

function stringList(v: JsonValue | undefined, name: string): string[] {
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${name} must be an array of strings`);
	return v as string[];
}

function intList(v: JsonValue | undefined, name: string): number[] | undefined {
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'bigint')) throw new Error(`${name} must be an array of integers`);
	return (v as bigint[]).map((x) => Number(x));
}

export function whmcsControlRoutes(
	sb: WhmcsSandbox,
	extra: { state(): Record<string, unknown>; routeNames: readonly string[] },
): ControlRoute[] {
	return [
		{
			method: 'GET',
			path: '/state',
			summary: 'URL, identifier, allow list, switches, action errors, clock, pending faults, counts',
			handle: () => extra.state(),
		},
		{
			method: 'GET',
			path: '/users',
			summary: 'every user (id, names, email, language, 2FA, lastlogin)',
			handle: () => sb.users().map(({ password: _p, ...u }) => u),
		},
		{
			method: 'POST',
			path: '/users',
			summary: 'add a user',
			example: '{"email":"new@example.com","firstname":"New","lastname":"User","password":"x","id":77}',
			handle: (body) => {
				const o = obj(body);
				const u = sb.addUser({
					email: reqString(o, 'email'),
					firstname: optString(o, 'firstname'),
					lastname: optString(o, 'lastname'),
					password: optString(o, 'password'),
					language: optString(o, 'language'),
					twoFactorEnabled: optBool(o, 'twoFactorEnabled'),
					id: optInt(o, 'id'),
				});
				return { id: u.id };
			},
		},
		{
			method: 'GET',
			path: '/clients',
			summary: 'every client with its linked user ids (owner first)',
			handle: () => sb.clients(),
		},
		{
			method: 'POST',
			path: '/clients',
			summary: 'add a client owned by a user (users: more linked user ids)',
			example: '{"email":"billing@example.com","ownerUserId":1,"users":[2],"allowSingleSignOn":true}',
			handle: (body) => {
				const o = obj(body);
				const owner = optInt(o, 'ownerUserId');
				if (owner === undefined) throw new Error('ownerUserId is required');
				const c = sb.addClient({
					email: reqString(o, 'email'),
					ownerUserId: owner,
					users: intList(o.users, 'users'),
					firstname: optString(o, 'firstname'),
					lastname: optString(o, 'lastname'),
					companyname: optString(o, 'companyname'),
					allowSingleSignOn: optBool(o, 'allowSingleSignOn'),
					id: optInt(o, 'id'),
				});
				return { id: c.id };
			},
		},
		{
			method: 'POST',
			path: '/client-state',
			summary: 'single sign-on allowed, or status, of a client',
			example: '{"id":1,"allowSingleSignOn":false,"status":"Active"}',
			handle: (body) => {
				const o = obj(body);
				const id = optInt(o, 'id');
				if (id === undefined) throw new Error('id is required');
				const status = optString(o, 'status');
				sb.setClientState(id, { allowSingleSignOn: optBool(o, 'allowSingleSignOn'), status: status as 'Active' | undefined });
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/reset-emails',
			summary: 'ledger of password-reset emails (one per successful ResetPassword)',
			handle: () => sb.resetEmails(),
		},
		{
			method: 'GET',
			path: '/emails',
			summary: 'emails sent by SendEmail (template or custom subject, related id, custom variables)',
			handle: () => sb.sentEmails(),
		},
		{
			method: 'GET',
			path: '/sso-tokens',
			summary: 'SSO tokens minted (client, user, destination, expiry, redeemed)',
			handle: () => sb.ssoTokens(),
		},
		{
			method: 'POST',
			path: '/allowed-ips',
			summary: 'API IP allow list; [] or a list without 127.0.0.1 = the "IP" profile (403 unless the access key is sent)',
			example: '{"ips":["10.0.0.1"]}',
			handle: (body) => {
				sb.setAllowedIps(stringList(obj(body).ips, 'ips'));
				return { ips: sb.allowedIps() };
			},
		},
		{
			method: 'POST',
			path: '/access-key',
			summary: '$api_access_key of configuration.php; null = none',
			example: '{"key":"Sbx-Key_[2026]!@#$%.()*"}',
			handle: (body) => {
				const o = obj(body);
				if (!Object.prototype.hasOwnProperty.call(o, 'key')) throw new Error('key is required (a string or null)');
				sb.setAccessKey(o.key === null ? null : reqString(o, 'key'));
				return { ok: true };
			},
		},
		{
			method: 'POST',
			path: '/credential',
			summary: "add or replace an API credential; role: 'all' or a list of actions",
			example: '{"identifier":"abc","secret":"def","admin":"sandboxadmin","role":["GetUsers"]}',
			handle: (body) => {
				const o = obj(body);
				const role = o.role === 'all' || o.role === undefined ? 'all' : stringList(o.role, 'role');
				sb.setCredential({ identifier: reqString(o, 'identifier'), secret: reqString(o, 'secret'), admin: optString(o, 'admin') ?? 'sandboxadmin', role });
				return { ok: true };
			},
		},
		{
			method: 'DELETE',
			path: '/credential',
			summary: 'remove an API credential',
			example: '{"identifier":"abc"}',
			handle: (body) => ({ removed: sb.removeCredential(reqString(obj(body), 'identifier')) }),
		},
		{
			method: 'POST',
			path: '/admin-api-access',
			summary: 'turn an admin\'s "API Access" permission on or off',
			example: '{"username":"sandboxadmin","apiAccess":false}',
			handle: (body) => {
				const o = obj(body);
				const on = optBool(o, 'apiAccess');
				if (on === undefined) throw new Error('apiAccess is required');
				sb.setAdminApiAccess(reqString(o, 'username'), on);
				return { ok: true };
			},
		},
		{
			method: 'POST',
			path: '/action-error',
			summary: 'make every call of an action answer this WHMCS error (nothing done); message null clears',
			example: '{"action":"SendEmail","message":"Sending Failed. Please see documentation."}',
			handle: (body) => {
				const o = obj(body);
				if (!Object.prototype.hasOwnProperty.call(o, 'message')) throw new Error('message is required (a string or null)');
				sb.setActionError(reqString(o, 'action'), o.message === null ? null : reqString(o, 'message'));
				return { ok: true };
			},
		},
		{
			method: 'GET',
			path: '/calls',
			summary: 'per API call: action, auth mode, response type, field names (no values)',
			handle: () => sb.calls(),
		},
	];
}
