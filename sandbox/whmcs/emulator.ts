/**
 * State and API behaviour of the WHMCS external API emulator (`POST /includes/api.php`).
 * Transport (HTTP server, request log, faults, control surface) lives in ../core.
 *
 * Checks run in the order of the provider spec §8: IP allow list (or access key),
 * authentication, API role, known action, then the action's own parameter checks.
 * Every business error is HTTP 200 with `{"result":"error","message":…}`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';

import type { SandboxClock } from '../core/clock';
import type { ActiveFault } from '../core/faults';
import type { Jsonable } from '../core/json';
import type { ApiResolution, FaultBodyKind, SandboxRequest, SandboxResponse } from '../core/server';
import {
	ACCESS_KEY_RE,
	ACTIONS,
	API_PATH,
	DEFAULT_ACCESS_KEY,
	DEFAULT_ADMINS,
	DEFAULT_ALLOWED_IPS,
	DEFAULT_CREDENTIAL,
	EMAIL_TYPES,
	LIMITED_CREDENTIAL,
	MSG,
	NO_API_ACCESS_CREDENTIAL,
	SEED_CLIENTS,
	SEED_RELATED_IDS,
	SEED_TEMPLATES,
	SEED_USERS,
	SSO_DESTINATIONS,
	SSO_PATH,
	SSO_TOKEN_TTL_MS,
	SUBFOLDER_ROOT,
	UNDOCUMENTED_ERROR,
	UNSENDABLE_TEMPLATES,
	WHMCS_VERSION,
} from './constants';
import type { ActionName, AdminDef, ApiCredentialDef, EmailTemplateDef, EmailType } from './constants';
import { isValidEmail, md5Hex, parsePhpForm, phpInt, phpJson, phpNvp, phpTruthy, phpXml, str, unserializeFlatArray } from './php';
import type { PostFields } from './php';

export interface WhmcsSwitches {
	/** HTTP status of "Authentication Failed" (undocumented; the node must handle both). */
	authFailedStatus: 200 | 403;
	/** Body of the 403 for a refused IP: WHMCS JSON, or a bare text line (some web-server setups). */
	ipDeniedBody: 'json' | 'text';
	/** Response type when `responsetype` is missing (undocumented). */
	defaultResponseType: 'xml' | 'nvp';
	/** Content-Type of JSON answers; tests can make it `text/html` to prove the node reads the body. */
	jsonContentType: string;
	/** ResetPassword when both `id` and `email` are sent (undocumented). */
	resetPasswordPrefers: 'id' | 'email';
	/** GetClientsDetails adds the documented deprecation `warning` to its success answer. */
	clientsDetailsWarning: boolean;
}

export const DEFAULT_SWITCHES: Readonly<WhmcsSwitches> = Object.freeze({
	authFailedStatus: 200,
	ipDeniedBody: 'json',
	defaultResponseType: 'xml',
	jsonContentType: 'application/json; charset=utf-8',
	resetPasswordPrefers: 'id',
	clientsDetailsWarning: false,
});

export interface WhmcsUser {
	id: number;
	firstname: string;
	lastname: string;
	email: string;
	password: string;
	datecreated: string;
	language: string;
	twoFactorEnabled: boolean;
	/** Set by a successful ValidateLogin. */
	lastlogin: Date | null;
}

export interface WhmcsClient {
	id: number;
	uuid: string;
	firstname: string;
	lastname: string;
	companyname: string;
	email: string;
	status: 'Active' | 'Inactive' | 'Closed';
	allowSingleSignOn: boolean;
	/** Linked user ids, the owner first. */
	users: number[];
}

/** One password-reset email WHMCS sent (ResetPassword's side effect). */
export interface ResetEmail {
	userId: number;
	email: string;
	at: Date;
}

/** One email SendEmail sent. */
export interface SentEmail {
	/** Template name, or undefined for a custom message. */
	template?: string;
	type: EmailType;
	subject?: string;
	message?: string;
	relatedId: number;
	customvars: Record<string, string>;
	at: Date;
}

export interface SsoToken {
	token: string;
	clientId: number;
	userId: number;
	destination: string;
	redirectPath?: string;
	serviceId?: number;
	domainId?: number;
	createdAt: Date;
	expiresAt: Date;
	redeemedAt: Date | null;
}

export interface WhmcsCallRecord {
	/** Action as sent (any case). */
	action: string;
	/** How the caller authenticated, when it did. */
	auth?: 'apiCredential' | 'adminLogin';
	identifier?: string;
	adminUsername?: string;
	/** Response type actually used. */
	responseType: 'json' | 'xml' | 'nvp';
	/** Field names received (never values). */
	fields: string[];
}

type Answer = { status?: number; value: Record<string, Jsonable> };
type Caller = { admin: AdminDef; credential?: ApiCredentialDef };

const SECRET_FIELDS = ['identifier', 'secret', 'username', 'password', 'password2', 'accesskey'];
const FORM_TYPE = 'application/x-www-form-urlencoded';

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** `Y-m-d H:i:s` in UTC (the sandbox's server time zone). */
export function mysqlDateTime(at: Date): string {
	return `${at.getUTCFullYear()}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())} ${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}:${pad2(at.getUTCSeconds())}`;
}

function htmlPage(title: string, text: string): string {
	return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`;
}

function error(message: string, status?: number): Answer {
	return { status, value: { result: 'error', message } };
}

function success(fields: Record<string, Jsonable> = {}): Answer {
	return { value: { result: 'success', ...fields } };
}

export class WhmcsEmulator {
	private users = new Map<number, WhmcsUser>();
	private clients = new Map<number, WhmcsClient>();
	private nextUserId = 1;
	private nextClientId = 1;
	private credentials = new Map<string, ApiCredentialDef>();
	private admins = new Map<string, AdminDef>();
	private allowedIps: string[] = [];
	private accessKey: string | null = null;
	private switches: WhmcsSwitches = { ...DEFAULT_SWITCHES };
	private templates: EmailTemplateDef[] = [];
	private relatedIds = new Map<EmailType, Set<number>>();
	private resetLedger: ResetEmail[] = [];
	private emailOutbox: SentEmail[] = [];
	private sso: SsoToken[] = [];
	private actionErrors = new Map<string, string>();
	private calls: WhmcsCallRecord[] = [];

	constructor(private readonly clock: SandboxClock) {
		this.reset();
	}

	// ------------------------------------------------------------------ state / control

	reset(): void {
		this.users = new Map();
		for (const u of SEED_USERS) this.users.set(u.id, { ...u, lastlogin: null });
		this.nextUserId = Math.max(...SEED_USERS.map((u) => u.id)) + 1;
		this.clients = new Map();
		for (const c of SEED_CLIENTS) this.clients.set(c.id, { ...c, users: [...c.users] });
		this.nextClientId = Math.max(...SEED_CLIENTS.map((c) => c.id)) + 1;
		this.credentials = new Map();
		for (const c of [DEFAULT_CREDENTIAL, LIMITED_CREDENTIAL, NO_API_ACCESS_CREDENTIAL]) this.credentials.set(c.identifier, { ...c });
		this.admins = new Map();
		for (const a of DEFAULT_ADMINS) this.admins.set(a.username.toLowerCase(), { ...a });
		this.allowedIps = [...DEFAULT_ALLOWED_IPS];
		this.accessKey = DEFAULT_ACCESS_KEY;
		this.switches = { ...DEFAULT_SWITCHES };
		this.templates = SEED_TEMPLATES.map((t) => ({ ...t }));
		this.relatedIds = new Map();
		for (const [type, ids] of Object.entries(SEED_RELATED_IDS)) this.relatedIds.set(type as EmailType, new Set(ids));
		this.resetLedger = [];
		this.emailOutbox = [];
		this.sso = [];
		this.actionErrors = new Map();
		this.calls = [];
	}

	listUsers(): WhmcsUser[] {
		return [...this.users.values()].sort((a, b) => a.id - b.id).map((u) => ({ ...u, lastlogin: u.lastlogin && new Date(u.lastlogin) }));
	}

	listClients(): WhmcsClient[] {
		return [...this.clients.values()].sort((a, b) => a.id - b.id).map((c) => ({ ...c, users: [...c.users] }));
	}

	/** `allowDuplicateEmail`: legacy data WHMCS's own checks would refuse (two users, one address). */
	addUser(u: Partial<Omit<WhmcsUser, 'lastlogin'>> & { email: string; allowDuplicateEmail?: boolean }): WhmcsUser {
		if (!u || typeof u.email !== 'string' || !isValidEmail(u.email)) throw new Error('email must be a valid address');
		if (!u.allowDuplicateEmail && this.findUserByEmail(u.email)) throw new Error(`a user with email ${u.email} exists`);
		const id = u.id ?? this.nextUserId;
		if (!Number.isSafeInteger(id) || id < 1) throw new Error('id must be a positive integer');
		if (this.users.has(id)) throw new Error(`user ${id} exists`);
		const rec: WhmcsUser = {
			id,
			firstname: u.firstname ?? 'Test',
			lastname: u.lastname ?? `User${id}`,
			email: u.email,
			password: u.password ?? `Pass-${id}`,
			datecreated: u.datecreated ?? mysqlDateTime(this.clock.now()),
			language: u.language ?? '',
			twoFactorEnabled: u.twoFactorEnabled ?? false,
			lastlogin: null,
		};
		this.users.set(id, rec);
		this.nextUserId = Math.max(this.nextUserId, id + 1);
		return { ...rec };
	}

	addClient(c: Partial<WhmcsClient> & { email: string; ownerUserId: number }): WhmcsClient {
		if (!c || typeof c.email !== 'string' || !isValidEmail(c.email)) throw new Error('email must be a valid address');
		if (!this.users.has(c.ownerUserId)) throw new Error(`owner user ${c.ownerUserId} does not exist`);
		const id = c.id ?? this.nextClientId;
		if (!Number.isSafeInteger(id) || id < 1) throw new Error('id must be a positive integer');
		if (this.clients.has(id)) throw new Error(`client ${id} exists`);
		const owner = this.users.get(c.ownerUserId)!;
		const rec: WhmcsClient = {
			id,
			uuid: c.uuid ?? randomUUID(),
			firstname: c.firstname ?? owner.firstname,
			lastname: c.lastname ?? owner.lastname,
			companyname: c.companyname ?? '',
			email: c.email,
			status: c.status ?? 'Active',
			allowSingleSignOn: c.allowSingleSignOn ?? true,
			users: [c.ownerUserId, ...(c.users ?? []).filter((u) => u !== c.ownerUserId)],
		};
		for (const uid of rec.users) if (!this.users.has(uid)) throw new Error(`user ${uid} does not exist`);
		this.clients.set(id, rec);
		this.nextClientId = Math.max(this.nextClientId, id + 1);
		return { ...rec, users: [...rec.users] };
	}

	setClientState(id: number, patch: { allowSingleSignOn?: boolean; status?: WhmcsClient['status'] }): void {
		const c = this.clients.get(id);
		if (!c) throw new Error(`client ${id} does not exist`);
		if (patch.allowSingleSignOn !== undefined) c.allowSingleSignOn = Boolean(patch.allowSingleSignOn);
		if (patch.status !== undefined) {
			if (!['Active', 'Inactive', 'Closed'].includes(patch.status)) throw new Error('status must be Active, Inactive or Closed');
			c.status = patch.status;
		}
	}

	resetEmails(): ResetEmail[] {
		return this.resetLedger.map((e) => ({ ...e, at: new Date(e.at) }));
	}

	sentEmails(): SentEmail[] {
		return this.emailOutbox.map((e) => ({ ...e, customvars: { ...e.customvars }, at: new Date(e.at) }));
	}

	ssoTokens(): SsoToken[] {
		return this.sso.map((t) => ({ ...t, createdAt: new Date(t.createdAt), expiresAt: new Date(t.expiresAt), redeemedAt: t.redeemedAt && new Date(t.redeemedAt) }));
	}

	/** What each API call asked for (no values), oldest first. */
	callLog(): WhmcsCallRecord[] {
		return this.calls.map((c) => ({ ...c, fields: [...c.fields] }));
	}

	getAllowedIps(): string[] {
		return [...this.allowedIps];
	}

	/** Empty list: no IP is allowed (only the access key gets through). */
	setAllowedIps(ips: string[]): void {
		if (!Array.isArray(ips) || ips.some((ip) => typeof ip !== 'string' || isIP(ip.trim()) === 0)) {
			throw new Error('allowedIps must be an array of IP addresses');
		}
		this.allowedIps = ips.map((ip) => ip.trim());
	}

	getAccessKey(): string | null {
		return this.accessKey;
	}

	/** null: configuration.php has no `$api_access_key`. */
	setAccessKey(key: string | null): void {
		if (key !== null && (typeof key !== 'string' || !ACCESS_KEY_RE.test(key))) {
			throw new Error('access key: letters, digits and ! @ # $ % . ( ) * [ ] - _ only');
		}
		this.accessKey = key;
	}

	/** Adds or replaces an API credential. */
	setCredential(def: ApiCredentialDef): void {
		if (!def || typeof def.identifier !== 'string' || def.identifier === '' || typeof def.secret !== 'string' || def.secret === '') {
			throw new Error('identifier and secret are required');
		}
		if (!this.admins.has(String(def.admin).toLowerCase())) throw new Error(`unknown admin ${JSON.stringify(def.admin)}`);
		if (def.role !== 'all' && (!Array.isArray(def.role) || def.role.some((a) => typeof a !== 'string'))) {
			throw new Error("role must be 'all' or a list of action names");
		}
		this.credentials.set(def.identifier, { ...def, role: def.role === 'all' ? 'all' : [...def.role] });
	}

	removeCredential(identifier: string): boolean {
		return this.credentials.delete(identifier);
	}

	/** Turns an admin's "API Access" permission on or off. */
	setAdminApiAccess(username: string, apiAccess: boolean): void {
		const a = this.admins.get(String(username).toLowerCase());
		if (!a) throw new Error(`unknown admin ${JSON.stringify(username)}`);
		a.apiAccess = Boolean(apiAccess);
	}

	getSwitches(): WhmcsSwitches {
		return { ...this.switches };
	}

	setSwitches(s: Partial<WhmcsSwitches>): void {
		const next = { ...this.switches };
		for (const [key, value] of Object.entries(s ?? {})) {
			switch (key) {
				case 'authFailedStatus':
					if (value !== 200 && value !== 403) throw new Error('authFailedStatus must be 200 or 403');
					next.authFailedStatus = value;
					break;
				case 'ipDeniedBody':
					if (value !== 'json' && value !== 'text') throw new Error("ipDeniedBody must be 'json' or 'text'");
					next.ipDeniedBody = value;
					break;
				case 'defaultResponseType':
					if (value !== 'xml' && value !== 'nvp') throw new Error("defaultResponseType must be 'xml' or 'nvp'");
					next.defaultResponseType = value;
					break;
				case 'jsonContentType':
					if (typeof value !== 'string' || value.trim() === '') throw new Error('jsonContentType must be a non-empty string');
					next.jsonContentType = value;
					break;
				case 'resetPasswordPrefers':
					if (value !== 'id' && value !== 'email') throw new Error("resetPasswordPrefers must be 'id' or 'email'");
					next.resetPasswordPrefers = value;
					break;
				case 'clientsDetailsWarning':
					if (typeof value !== 'boolean') throw new Error('clientsDetailsWarning must be a boolean');
					next.clientsDetailsWarning = value;
					break;
				default:
					throw new Error(`Unknown switch ${JSON.stringify(key)}`);
			}
		}
		this.switches = next;
	}

	/**
	 * Makes every call of `action` answer `{"result":"error","message":message}` after the
	 * auth checks, without doing anything (e.g. "Sending Failed. Please see documentation.").
	 * null clears it.
	 */
	setActionError(action: string, message: string | null): void {
		const canonical = ACTIONS.find((a) => a.toLowerCase() === String(action).toLowerCase());
		if (!canonical) throw new Error(`Unknown action ${JSON.stringify(action)}; use one of ${ACTIONS.join(', ')}`);
		if (message === null) this.actionErrors.delete(canonical);
		else {
			if (typeof message !== 'string' || message === '') throw new Error('message must be a non-empty string or null');
			this.actionErrors.set(canonical, message);
		}
	}

	getActionErrors(): Record<string, string> {
		return Object.fromEntries(this.actionErrors);
	}

	// ------------------------------------------------------------------ routing

	/** Names a fault's `route` may use: 'api', the endpoint path, each action, 'sso' and its path. */
	routeNames(): string[] {
		return ['api', API_PATH, ...ACTIONS, 'sso', SSO_PATH];
	}

	resolve(req: SandboxRequest): ApiResolution {
		const root = req.pathname.startsWith(`${SUBFOLDER_ROOT}/`) ? SUBFOLDER_ROOT : '';
		const rest = req.pathname.slice(root.length);
		if (rest === API_PATH) {
			const fields = this.readFields(req);
			const action = str(fields, 'action');
			const canonical = ACTIONS.find((a) => a.toLowerCase() === action.toLowerCase());
			const names = ['api', API_PATH, ...(canonical ? [canonical] : action ? [action] : [])];
			return { names, run: () => this.api(req, fields, root) };
		}
		if (rest === SSO_PATH) return { names: ['sso', SSO_PATH], run: () => this.redeemSso(req, root) };
		return { run: () => ({ status: 404, headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: htmlPage('404 Not Found', 'The requested URL was not found on this server.') }) };
	}

	faultResponse(kind: FaultBodyKind, status: number, _fault: ActiveFault): SandboxResponse {
		if (kind === 'failure200') return this.encode('json', '', { status, value: { result: 'error', message: UNDOCUMENTED_ERROR } });
		const title =
			kind === 'http503' ? '503 Service Unavailable' : kind === 'http429' ? '429 Too Many Requests' : '500 Internal Server Error';
		const text =
			kind === 'http503'
				? 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems.'
				: kind === 'http429'
					? 'You are being rate limited.'
					: 'The server encountered an internal error or misconfiguration and was unable to complete your request.';
		return { status, headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: htmlPage(title, text) };
	}

	/** The request log keeps field names and masks every secret value (and an access key or SSO token in the query). */
	maskBody(req: SandboxRequest, body: string): string {
		const media = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (media !== FORM_TYPE) return body === '' ? '' : `<${body.length} bytes of ${media || 'no content type'}>`;
		return body
			.split('&')
			.map((pair) => {
				const eq = pair.indexOf('=');
				if (eq < 0) return pair;
				let name = pair.slice(0, eq);
				try {
					name = decodeURIComponent(name.replace(/\+/g, ' '));
				} catch {
					/* keep raw */
				}
				return SECRET_FIELDS.includes(name.toLowerCase()) ? `${pair.slice(0, eq)}=***` : pair;
			})
			.join('&');
	}

	// ------------------------------------------------------------------ request handling

	private readFields(req: SandboxRequest): PostFields {
		if (req.method !== 'POST') return Object.create(null) as PostFields;
		const media = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		// PHP fills $_POST from form bodies only; a JSON body leaves it empty.
		if (media !== FORM_TYPE) return Object.create(null) as PostFields;
		return parsePhpForm(req.body);
	}

	private responseType(fields: PostFields): 'json' | 'xml' | 'nvp' {
		const t = str(fields, 'responsetype').toLowerCase();
		if (t === 'json' || t === 'xml' || t === 'nvp') return t;
		return this.switches.defaultResponseType;
	}

	private encode(type: 'json' | 'xml' | 'nvp', action: string, a: Answer): SandboxResponse {
		const status = a.status ?? 200;
		if (type === 'json') return { status, headers: { 'content-type': this.switches.jsonContentType }, body: phpJson(a.value) };
		if (type === 'xml') {
			return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: phpXml(action.toLowerCase(), a.value, WHMCS_VERSION.version) };
		}
		return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: phpNvp(a.value) };
	}

	private api(req: SandboxRequest, fields: PostFields, root: string): SandboxResponse {
		const type = this.responseType(fields);
		const action = str(fields, 'action');
		const record: WhmcsCallRecord = { action, responseType: type, fields: Object.keys(fields) };
		this.calls.push(record);
		if (this.calls.length > 5000) this.calls.splice(0, this.calls.length - 5000);

		// 1. IP allow list; the access key (body, or query as the docs show it) bypasses it.
		if (!this.allowedIps.includes(req.remoteAddress)) {
			const key = str(fields, 'accesskey') || req.query.get('accesskey') || '';
			if (this.accessKey === null || key !== this.accessKey) {
				const message = MSG.invalidIp(req.remoteAddress);
				if (this.switches.ipDeniedBody === 'text') {
					return { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' }, body: message };
				}
				return this.encode(type, action, error(message, 403));
			}
		}

		// 2. Authentication.
		const caller = this.authenticate(fields);
		if (!caller) return this.encode(type, action, error(MSG.authFailed, this.switches.authFailedStatus === 403 ? 403 : undefined));
		record.auth = caller.credential ? 'apiCredential' : 'adminLogin';
		if (caller.credential) record.identifier = caller.credential.identifier;
		else record.adminUsername = caller.admin.username;

		const canonical = ACTIONS.find((a) => a.toLowerCase() === action.toLowerCase());
		// 3. API role (admin logins have full access).
		const role = caller.credential?.role ?? 'all';
		if (action !== '' && role !== 'all' && !role.some((r) => r.toLowerCase() === action.toLowerCase())) {
			return this.encode(type, action, error(MSG.notAllowed(action.toLowerCase())));
		}
		// 4. Known action.
		if (!canonical) return this.encode(type, action, error(MSG.commandNotFound));

		const forced = this.actionErrors.get(canonical);
		if (forced !== undefined) return this.encode(type, action, error(forced));

		// 5. The action.
		return this.encode(type, action, this.runAction(canonical, fields, caller, req, root));
	}

	private authenticate(f: PostFields): Caller | undefined {
		const viaPair = (identifier: string, secret: string): Caller | undefined => {
			const cred = this.credentials.get(identifier);
			if (!cred || cred.secret !== secret) return undefined;
			const admin = this.admins.get(cred.admin.toLowerCase());
			if (!admin || !admin.apiAccess) return undefined;
			return { admin, credential: cred };
		};
		const identifier = str(f, 'identifier');
		const secret = str(f, 'secret');
		if (identifier !== '' || secret !== '') return viaPair(identifier, secret);
		const username = str(f, 'username');
		const password = str(f, 'password');
		if (username === '' || password === '') return undefined;
		// The API credential pair is also accepted in username/password (forward compatibility).
		const pair = viaPair(username, password);
		if (pair) return pair;
		const admin = this.admins.get(username.toLowerCase());
		if (!admin || !admin.apiAccess || md5Hex(admin.password) !== password) return undefined;
		return { admin };
	}

	private runAction(action: ActionName, f: PostFields, caller: Caller, req: SandboxRequest, root: string): Answer {
		switch (action) {
			case 'ResetPassword':
				return this.resetPassword(f);
			case 'GetUsers':
				return this.getUsers(f);
			case 'GetClientsDetails':
				return this.getClientsDetails(f);
			case 'ValidateLogin':
				return this.validateLogin(f);
			case 'CreateSsoToken':
				return this.createSsoToken(f, req, root);
			case 'UpdateUser':
				return this.updateUser(f);
			case 'AddUser':
				return this.addUserAction(f);
			case 'SendEmail':
				return this.sendEmail(f);
			case 'WhmcsDetails':
				return success({ whmcs: { ...WHMCS_VERSION } });
			case 'GetAdminDetails':
				return success({
					adminid: caller.admin.id,
					name: `${caller.admin.firstname} ${caller.admin.lastname}`,
					notes: '',
					signature: '',
					allowedpermissions: 'Main Homepage,My Account,List Clients,View Clients Summary,Edit Clients Details,API Access',
					departments: '1',
					requesttime: mysqlDateTime(this.clock.now()),
					whmcs: { ...WHMCS_VERSION },
				});
		}
	}

	private findUserByEmail(email: string): WhmcsUser | undefined {
		const lower = email.trim().toLowerCase();
		for (const u of this.users.values()) if (u.email.toLowerCase() === lower) return u;
		return undefined;
	}

	private userClients(userId: number): Array<{ id: number; isOwner: boolean }> {
		return [...this.clients.values()]
			.filter((c) => c.users.includes(userId))
			.sort((a, b) => a.id - b.id)
			.map((c) => ({ id: c.id, isOwner: c.users[0] === userId }));
	}

	// ------------------------------------------------------------------ ResetPassword (the seed's action)

	private resetPassword(f: PostFields): Answer {
		const rawId = str(f, 'id').trim();
		const email = str(f, 'email').trim();
		if (rawId === '' && email === '') return error(MSG.resetNeedIdOrEmail);
		const byId = rawId !== '' && (email === '' || this.switches.resetPasswordPrefers === 'id');
		let user: WhmcsUser | undefined;
		if (byId) {
			const id = phpInt(rawId);
			user = id > 0 ? this.users.get(id) : undefined;
		} else {
			if (!isValidEmail(email)) return error(MSG.resetInvalidEmail);
			user = this.findUserByEmail(email);
		}
		if (!user) return error(MSG.userNotFound);
		this.resetLedger.push({ userId: user.id, email: user.email, at: this.clock.now() });
		return success();
	}

	// ------------------------------------------------------------------ GetUsers

	private getUsers(f: PostFields): Answer {
		const startRaw = str(f, 'limitstart');
		const numRaw = str(f, 'limitnum');
		const start = Math.max(0, phpInt(startRaw));
		let num = numRaw === '' ? 25 : phpInt(numRaw);
		if (num < 1) num = 25;
		const desc = str(f, 'sorting').trim().toUpperCase() === 'DESC';
		const search = str(f, 'search').toLowerCase();
		const matches = [...this.users.values()]
			.filter((u) => {
				if (search === '') return true;
				const full = `${u.firstname} ${u.lastname}`;
				return [u.email, u.firstname, u.lastname, full].some((v) => v.toLowerCase().startsWith(search));
			})
			.sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
		const page = matches.slice(start, start + num);
		return success({
			totalresults: matches.length,
			startnumber: start,
			numreturned: page.length,
			users: page.map((u) => ({
				id: u.id,
				firstname: u.firstname,
				lastname: u.lastname,
				email: u.email,
				datecreated: u.datecreated,
				validationdata: '',
				clients: this.userClients(u.id),
			})),
		});
	}

	// ------------------------------------------------------------------ GetClientsDetails

	private getClientsDetails(f: PostFields): Answer {
		const rawId = str(f, 'clientid').trim();
		const email = str(f, 'email').trim();
		if (rawId === '' && email === '') return error(MSG.clientIdOrEmailRequired);
		let client: WhmcsClient | undefined;
		if (rawId !== '') {
			const id = phpInt(rawId);
			client = id > 0 ? this.clients.get(id) : undefined;
		} else {
			const lower = email.toLowerCase();
			client = [...this.clients.values()].find((c) => c.email.toLowerCase() === lower);
		}
		if (!client) return error(MSG.clientNotFound);
		const details = this.clientDetails(client);
		const out: Record<string, Jsonable> = { result: 'success' };
		// The deprecated top-level copy of the client's fields (docs: "may be removed").
		for (const [k, v] of Object.entries(details)) if (k !== 'users' && k !== 'customfields' && k !== 'email_preferences') out[k] = v;
		out.client = details;
		if (phpTruthy(str(f, 'stats'))) out.stats = this.clientStats(client);
		if (this.switches.clientsDetailsWarning) out.warning = MSG.clientsDetailsWarning;
		return { value: out };
	}

	private clientDetails(c: WhmcsClient): Record<string, Jsonable> {
		const owner = c.users[0];
		const lastLogins = c.users.map((u) => this.users.get(u)?.lastlogin).filter((d): d is Date => d instanceof Date);
		const last = lastLogins.sort((a, b) => b.getTime() - a.getTime())[0];
		const lastlogin = last
			? `Date: ${pad2(last.getUTCDate())}/${pad2(last.getUTCMonth() + 1)}/${last.getUTCFullYear()} ${pad2(last.getUTCHours())}:${pad2(last.getUTCMinutes())}<br>IP Address: 127.0.0.1<br>Host: localhost`
			: 'No Login Logged';
		return {
			client_id: c.id,
			owner_user_id: owner,
			userid: c.id,
			id: c.id,
			uuid: c.uuid,
			firstname: c.firstname,
			lastname: c.lastname,
			fullname: `${c.firstname} ${c.lastname}`,
			companyname: c.companyname,
			email: c.email,
			address1: '123 Test Street',
			address2: '',
			city: 'Test',
			fullstate: 'Tester',
			state: 'Tester',
			postcode: 'TE5 5ST',
			countrycode: 'GB',
			country: 'GB',
			phonenumber: '01234567890',
			tax_id: '',
			email_preferences: { general: '1', invoice: '1', support: '1', product: '1', domain: '1', affiliate: '1' },
			statecode: 'Tester',
			countryname: 'United Kingdom',
			phonecc: '44',
			phonenumberformatted: '+44.1234567890',
			telephoneNumber: '+44.1234567890',
			billingcid: 0,
			notes: '',
			currency: 1,
			defaultgateway: '',
			groupid: 0,
			status: c.status,
			credit: '0.00',
			taxexempt: false,
			latefeeoveride: false,
			overideduenotices: false,
			separateinvoices: false,
			disableautocc: false,
			emailoptout: false,
			marketing_emails_opt_in: true,
			overrideautoclose: false,
			allowSingleSignOn: c.allowSingleSignOn ? 1 : 0,
			email_verified: true,
			language: '',
			isOptedInToMarketingEmails: true,
			lastlogin,
			currency_code: 'USD',
			customfields: [],
			users: {
				user: c.users
					.map((uid) => this.users.get(uid))
					.filter((u): u is WhmcsUser => u !== undefined)
					.map((u) => ({ id: u.id, name: `${u.firstname} ${u.lastname}`, email: u.email, is_owner: u.id === owner })),
			},
		};
	}

	private clientStats(c: WhmcsClient): Record<string, Jsonable> {
		const active = c.status === 'Active';
		return {
			numdueinvoices: active ? 2 : 0,
			dueinvoicesbalance: active ? '$25.90 USD' : '$0.00 USD',
			incredit: false,
			creditbalance: '$0.00 USD',
			grossRevenue: '$120.00 USD',
			expenses: '$0.00 USD',
			income: '$120.00 USD',
			numoverdueinvoices: 0,
			overdueinvoicesbalance: '$0.00 USD',
			numDraftInvoices: 0,
			draftInvoicesBalance: '$0.00 USD',
			numunpaidinvoices: active ? 2 : 0,
			unpaidinvoicesamount: active ? '$25.90 USD' : '$0.00 USD',
			numpaidinvoices: 5,
			paidinvoicesamount: '$120.00 USD',
			productsnumactive: active ? 1 : 0,
			productsnumtotal: 1,
			numactivedomains: active ? 1 : 0,
			numdomains: 1,
			numtickets: 0,
			numactivetickets: 0,
			isAffiliate: false,
		};
	}

	// ------------------------------------------------------------------ ValidateLogin

	private validateLogin(f: PostFields): Answer {
		const email = str(f, 'email').trim();
		const password = str(f, 'password2');
		const user = email === '' ? undefined : this.findUserByEmail(email);
		if (!user || password === '' || user.password !== password) return error(MSG.loginInvalid);
		// Side effect (docs): a session starts and the last-login time moves.
		user.lastlogin = this.clock.now();
		const out: Record<string, Jsonable> = { userid: String(user.id) };
		if (!user.twoFactorEnabled) out.passwordhash = randomBytes(30).toString('base64').replace(/[+/=]/g, 'x').slice(0, 40);
		out.twoFactorEnabled = user.twoFactorEnabled ? 'true' : 'false';
		return success(out);
	}

	// ------------------------------------------------------------------ CreateSsoToken

	private createSsoToken(f: PostFields, req: SandboxRequest, root: string): Answer {
		const rawClient = str(f, 'client_id').trim();
		const rawUser = str(f, 'user_id').trim();
		if (rawClient === '' && rawUser === '') return error(MSG.ssoNeedClientOrUser);
		let client: WhmcsClient | undefined;
		let user: WhmcsUser | undefined;
		if (rawClient !== '') {
			const id = phpInt(rawClient);
			client = id > 0 ? this.clients.get(id) : undefined;
			if (!client) return error(MSG.ssoInvalidClient);
		}
		if (rawUser !== '') {
			const id = phpInt(rawUser);
			user = id > 0 ? this.users.get(id) : undefined;
			if (!user) return error(MSG.ssoInvalidUser);
		}
		if (client && user && !client.users.includes(user.id)) return error(MSG.ssoUserNotOfClient);
		if (client && !user) user = this.users.get(client.users[0]);
		if (user && !client) {
			const owned = this.userClients(user.id);
			const pick = owned.find((c) => c.isOwner) ?? owned[0];
			client = pick ? this.clients.get(pick.id) : undefined;
		}
		if (!user) return error(MSG.ssoInvalidUser);
		const destination = str(f, 'destination').trim() || 'clientarea:homepage';
		if (!SSO_DESTINATIONS.includes(destination)) return error(MSG.ssoInvalidDestination);
		if (client && !client.allowSingleSignOn) return error(MSG.ssoBlocked(client.id));
		const now = this.clock.now();
		const token = randomBytes(20).toString('hex');
		const redirectPath = str(f, 'sso_redirect_path').trim() || undefined;
		const serviceId = str(f, 'service_id').trim() ? phpInt(str(f, 'service_id')) : undefined;
		const domainId = str(f, 'domain_id').trim() ? phpInt(str(f, 'domain_id')) : undefined;
		this.sso.push({
			token,
			clientId: client?.id ?? 0,
			userId: user.id,
			destination,
			redirectPath,
			serviceId,
			domainId,
			createdAt: now,
			expiresAt: new Date(now.getTime() + SSO_TOKEN_TTL_MS),
			redeemedAt: null,
		});
		const host = req.headers.host ?? '127.0.0.1';
		return success({ access_token: token, redirect_url: `http://${host}${root}${SSO_PATH}?access_token=${token}` });
	}

	/** GET /oauth/singlesignon.php?access_token=…: one use, within 60 s, then the client area. */
	private redeemSso(req: SandboxRequest, root: string): SandboxResponse {
		const token = req.query.get('access_token') ?? '';
		const rec = this.sso.find((t) => t.token === token);
		const nowMs = this.clock.nowMs();
		if (!rec || rec.redeemedAt !== null || nowMs >= rec.expiresAt.getTime()) {
			return { status: 302, headers: { location: `${root}/login.php?sso=invalid` }, body: '' };
		}
		rec.redeemedAt = new Date(nowMs);
		const target = rec.destination === 'sso:custom_redirect' && rec.redirectPath ? rec.redirectPath : `/clientarea.php?sso=${encodeURIComponent(rec.destination)}`;
		return { status: 302, headers: { location: `${root}${target.startsWith('/') ? '' : '/'}${target}` }, body: '' };
	}

	// ------------------------------------------------------------------ UpdateUser / AddUser

	private updateUser(f: PostFields): Answer {
		const id = phpInt(str(f, 'user_id'));
		const user = id > 0 ? this.users.get(id) : undefined;
		if (!user) return error(MSG.invalidUserId);
		const firstname = str(f, 'firstname').trim();
		const lastname = str(f, 'lastname').trim();
		const email = str(f, 'email').trim();
		const language = str(f, 'language').trim();
		if (!firstname && !lastname && !email && !language) return error(MSG.updateNeedsField);
		if (email) {
			if (!isValidEmail(email)) return error(MSG.emailNotValid);
			const other = this.findUserByEmail(email);
			if (other && other.id !== user.id) return error(MSG.emailTaken);
		}
		if (firstname) user.firstname = firstname;
		if (lastname) user.lastname = lastname;
		if (email) user.email = email;
		if (language) user.language = language.toLowerCase();
		return success({ user_id: String(user.id) });
	}

	private addUserAction(f: PostFields): Answer {
		const firstname = str(f, 'firstname').trim();
		const lastname = str(f, 'lastname').trim();
		const email = str(f, 'email').trim();
		const password = str(f, 'password2');
		if (!firstname) return error(MSG.noFirstName);
		if (!lastname) return error(MSG.noLastName);
		if (!email) return error(MSG.noEmail);
		if (!password) return error(MSG.noPassword);
		if (!isValidEmail(email)) return error(MSG.emailNotValid);
		if (this.findUserByEmail(email)) return error(MSG.emailTaken);
		const user = this.addUser({ firstname, lastname, email, password, language: str(f, 'language').trim().toLowerCase() });
		return success({ user_id: String(user.id) });
	}

	// ------------------------------------------------------------------ SendEmail

	private sendEmail(f: PostFields): Answer {
		const messagename = str(f, 'messagename').trim();
		const customtype = str(f, 'customtype').trim().toLowerCase();
		if (!messagename && !customtype) return error(MSG.sendNeedTemplateOrType);
		let type: EmailType;
		let subject: string | undefined;
		let message: string | undefined;
		if (!messagename) {
			if (!(EMAIL_TYPES as readonly string[]).includes(customtype)) return error(MSG.sendInvalidType);
			subject = str(f, 'customsubject');
			message = str(f, 'custommessage');
			if (subject.trim() === '') return error(MSG.sendNeedSubject);
			if (message.trim() === '') return error(MSG.sendNeedBody);
			type = customtype as EmailType;
		} else type = 'general';

		let customvars: Record<string, string> = {};
		const rawVars = f.customvars;
		if (typeof rawVars === 'object') customvars = { ...rawVars };
		else if (typeof rawVars === 'string' && rawVars !== '') {
			const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(rawVars) && rawVars.length % 4 === 0 ? Buffer.from(rawVars, 'base64').toString('utf8') : undefined;
			const parsed = decoded === undefined ? undefined : unserializeFlatArray(decoded);
			if (!parsed) return error(MSG.sendInvalidVars);
			customvars = parsed;
		}

		const rawId = str(f, 'id').trim();
		if (rawId === '') return error(MSG.sendNeedRelatedId);
		const relatedId = phpInt(rawId);

		if (messagename) {
			const tpl = this.templates.find((t) => t.name.toLowerCase() === messagename.toLowerCase());
			if (!tpl || UNSENDABLE_TEMPLATES.some((n) => n.toLowerCase() === messagename.toLowerCase())) return error(MSG.templateNotFound);
			if (tpl.disabled) return error(MSG.templateDisabled);
			type = tpl.type;
		}
		const exists = type === 'general' ? this.clients.has(relatedId) : (this.relatedIds.get(type)?.has(relatedId) ?? false);
		if (!exists) return error(MSG.sendingFailed);
		const tplName = messagename ? this.templates.find((t) => t.name.toLowerCase() === messagename.toLowerCase())!.name : undefined;
		this.emailOutbox.push({
			...(tplName !== undefined ? { template: tplName } : { subject, message }),
			type,
			relatedId,
			customvars,
			at: this.clock.now(),
		});
		return success();
	}
}
