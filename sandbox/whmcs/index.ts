/**
 * Loopback emulator ("sandbox") of the WHMCS external API.
 *
 *   const sb = await startWhmcsSandbox();
 *   // credential: { url: sb.url, identifier: sb.credential.identifier, secret: sb.credential.secret }
 *   await sb.close();
 *
 * API: POST /includes/api.php (also under /whmcs/ for a sub-folder installation);
 * SSO tokens are redeemed at GET /oauth/singlesignon.php. The control surface is
 * under /__sandbox (GET /__sandbox lists it).
 */
import { commonControlRoutes, commonSandbox } from '../core/control';
import type { CommonSandbox } from '../core/control';
import { SandboxClock } from '../core/clock';
import { FaultQueue } from '../core/faults';
import type { FaultKind, FaultSpec } from '../core/faults';
import { RequestLog } from '../core/log';
import type { RequestLogEntry } from '../core/log';
import { startHttpSandbox } from '../core/server';
import {
	API_PATH,
	DEFAULT_ACCESS_KEY,
	DEFAULT_ADMINS,
	DEFAULT_CREDENTIAL,
	LIMITED_CREDENTIAL,
	NO_API_ACCESS_CREDENTIAL,
	SSO_PATH,
	SUBFOLDER_ROOT,
} from './constants';
import type { ApiCredentialDef } from './constants';
import { whmcsControlRoutes } from './control';
import { WhmcsEmulator } from './emulator';
import type { ResetEmail, SentEmail, SsoToken, WhmcsCallRecord, WhmcsClient, WhmcsSwitches, WhmcsUser } from './emulator';
import { md5Hex } from './php';

export type { ApiCredentialDef, FaultKind, FaultSpec, RequestLogEntry, ResetEmail, SentEmail, SsoToken, WhmcsCallRecord, WhmcsClient, WhmcsSwitches, WhmcsUser };
export {
	ACTIONS as WHMCS_ACTIONS,
	API_PATH as WHMCS_API_PATH,
	MSG as WHMCS_MESSAGES,
	SSO_TOKEN_TTL_MS,
	UNDOCUMENTED_ERROR,
	WHMCS_VERSION,
} from './constants';
export { DEFAULT_SWITCHES as WHMCS_DEFAULT_SWITCHES } from './emulator';
export { md5Hex, serializeFlatArray } from './php';

export interface WhmcsSandbox extends CommonSandbox {
	/** `${url}/includes/api.php` */
	apiUrl: string;
	/** Root of the second, sub-folder installation: `${url}/whmcs`. */
	subfolderUrl: string;
	/** Full-access API credential. */
	credential: { identifier: string; secret: string };
	/** API role: ResetPassword, GetUsers, GetClientsDetails only. */
	limitedCredential: { identifier: string; secret: string };
	/** Belongs to an admin without "API Access": always Authentication Failed. */
	noApiAccessCredential: { identifier: string; secret: string };
	/** Legacy admin login (the API gets md5(password)). */
	admin: { username: string; password: string; passwordMd5: string };
	/** `$api_access_key` (bypasses the IP allow list). */
	accessKey: string;
	/** What each API call asked for: action, auth mode, response type, field names. */
	calls(): WhmcsCallRecord[];
	users(): WhmcsUser[];
	clients(): WhmcsClient[];
	/** `allowDuplicateEmail`: legacy data WHMCS's own checks would refuse (two users, one address). */
	addUser(u: Partial<Omit<WhmcsUser, 'lastlogin'>> & { email: string; allowDuplicateEmail?: boolean }): WhmcsUser;
	addClient(c: Partial<WhmcsClient> & { email: string; ownerUserId: number }): WhmcsClient;
	setClientState(id: number, patch: { allowSingleSignOn?: boolean; status?: WhmcsClient['status'] }): void;
	/** Ledger of password-reset emails (one entry per successful ResetPassword). */
	resetEmails(): ResetEmail[];
	/** Emails sent by SendEmail. */
	sentEmails(): SentEmail[];
	ssoTokens(): SsoToken[];
	allowedIps(): string[];
	/** [] or a list without 127.0.0.1: the "IP" profile (403 unless the access key is sent). */
	setAllowedIps(ips: string[]): void;
	setAccessKey(key: string | null): void;
	setCredential(def: ApiCredentialDef): void;
	removeCredential(identifier: string): boolean;
	setAdminApiAccess(username: string, apiAccess: boolean): void;
	/** Every call of the action answers this WHMCS error (after auth), doing nothing; null clears. */
	setActionError(action: string, message: string | null): void;
	switches(): WhmcsSwitches;
	setSwitches(s: Partial<WhmcsSwitches>): void;
}

/** Query values that are secrets: an access key (the docs show it in the URL) and an SSO token. */
const SECRET_QUERY_RE = /([?&](?:accesskey|access_token|identifier|secret|username|password)=)[^&#]*/gi;

/** The core logs the path as received; this log masks secret query values in it. */
class WhmcsRequestLog extends RequestLog {
	add(entry: RequestLogEntry): RequestLogEntry {
		entry.path = entry.path.replace(SECRET_QUERY_RE, '$1***');
		return super.add(entry);
	}
}

export async function startWhmcsSandbox(opts: { port?: number } = {}): Promise<WhmcsSandbox> {
	const clock = new SandboxClock();
	const log = new WhmcsRequestLog();
	const faults = new FaultQueue();
	const emu = new WhmcsEmulator(clock);
	const routeNames = emu.routeNames();
	const admin = DEFAULT_ADMINS[0];

	const controlRoutes: Parameters<typeof startHttpSandbox>[0]['control'][number][] = [];
	const http = await startHttpSandbox({
		title: 'WHMCS',
		port: opts.port,
		clock,
		log,
		faults,
		resolve: (req) => emu.resolve(req),
		faultResponse: (kind, status, fault) => emu.faultResponse(kind, status, fault),
		maskBody: (req, body) => emu.maskBody(req, body),
		control: controlRoutes,
		helpNotes: [
			`API: POST ${API_PATH} (also ${SUBFOLDER_ROOT}${API_PATH}), form-encoded, responsetype=json; SSO: GET ${SSO_PATH}?access_token=…`,
			`Auth: identifier=${DEFAULT_CREDENTIAL.identifier}&secret=…  or  username=${admin.username}&password=md5(…)`,
			'Fault routes: api, an action name (e.g. ResetPassword), sso',
		],
	});

	const pair = (c: ApiCredentialDef) => ({ identifier: c.identifier, secret: c.secret });
	const sandbox: WhmcsSandbox = {
		...commonSandbox({ http, clock, log, faults, routeNames: routeNames, resetState: () => emu.reset() }),
		apiUrl: `${http.url}${API_PATH}`,
		subfolderUrl: `${http.url}${SUBFOLDER_ROOT}`,
		credential: pair(DEFAULT_CREDENTIAL),
		limitedCredential: pair(LIMITED_CREDENTIAL),
		noApiAccessCredential: pair(NO_API_ACCESS_CREDENTIAL),
		admin: { username: admin.username, password: admin.password, passwordMd5: md5Hex(admin.password) },
		accessKey: DEFAULT_ACCESS_KEY,
		calls: () => emu.callLog(),
		users: () => emu.listUsers(),
		clients: () => emu.listClients(),
		addUser: (u) => emu.addUser(u),
		addClient: (c) => emu.addClient(c),
		setClientState: (id, patch) => emu.setClientState(id, patch),
		resetEmails: () => emu.resetEmails(),
		sentEmails: () => emu.sentEmails(),
		ssoTokens: () => emu.ssoTokens(),
		allowedIps: () => emu.getAllowedIps(),
		setAllowedIps: (ips) => emu.setAllowedIps(ips),
		setAccessKey: (key) => emu.setAccessKey(key),
		setCredential: (def) => emu.setCredential(def),
		removeCredential: (id) => emu.removeCredential(id),
		setAdminApiAccess: (u, on) => emu.setAdminApiAccess(u, on),
		setActionError: (action, message) => emu.setActionError(action, message),
		switches: () => emu.getSwitches(),
		setSwitches: (s) => emu.setSwitches(s),
	};

	controlRoutes.push(
		...commonControlRoutes(sandbox, {
			routeNames,
			masked: 'identifier, secret, username, password, password2, accesskey masked',
			faultExample: '{"route":"ResetPassword","times":1,"kind":"resetAfter","delayMs":0,"status":503}',
			clockExample: '{"at":"2026-01-05T08:00:00Z"}  or  {"advanceMs":61000}',
			switches: {
				summary: 'authFailedStatus 200|403, ipDeniedBody json|text, defaultResponseType xml|nvp, jsonContentType, resetPasswordPrefers id|email, clientsDetailsWarning',
				example: '{"authFailedStatus":403,"resetPasswordPrefers":"email"}',
			},
		}),
		...whmcsControlRoutes(sandbox, {
			routeNames,
			state: () => ({
				url: sandbox.url,
				apiUrl: sandbox.apiUrl,
				identifier: sandbox.credential.identifier,
				adminUsername: sandbox.admin.username,
				allowedIps: emu.getAllowedIps(),
				accessKeySet: emu.getAccessKey() !== null,
				switches: emu.getSwitches(),
				actionErrors: emu.getActionErrors(),
				clock: { now: clock.now(), frozen: clock.isFrozen() },
				pendingFaults: faults.pending(),
				users: emu.listUsers().length,
				clients: emu.listClients().length,
				resetEmails: emu.resetEmails().length,
				sentEmails: emu.sentEmails().length,
				ssoTokens: emu.ssoTokens().length,
			}),
		}),
	);
	return sandbox;
}
