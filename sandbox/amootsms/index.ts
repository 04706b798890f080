/**
 * Loopback emulator ("sandbox") of the AmootSMS REST API (spec §8).
 *
 *   const sb = await startAmootSmsSandbox();
 *   // credential: { baseUrl: sb.baseUrl, token: sb.token }
 *   await sb.close();
 *
 * API: POST (or GET) /rest/{Method}; the control surface is under /__sandbox
 * (GET /__sandbox lists it).
 */
import { commonControlRoutes, commonSandbox } from '../core/control';
import type { CommonSandbox } from '../core/control';
import { SandboxClock } from '../core/clock';
import { FaultQueue } from '../core/faults';
import type { FaultKind, FaultSpec } from '../core/faults';
import { RequestLog } from '../core/log';
import type { RequestLogEntry } from '../core/log';
import { startHttpSandbox } from '../core/server';
import type { ControlRoute } from '../core/server';
import {
	BLACKLISTED_MOBILE,
	DEDICATED_LINE,
	FIXTURE_TOKENS,
	METHODS,
	REST_PREFIX,
	SECOND_RECEIVING_LINE,
} from './constants';
import type { MethodName, PatternDef } from './constants';
import { amootSmsControlRoutes } from './control';
import { AmootSmsEmulator, maskFormToken } from './emulator';
import type {
	AccountInfo,
	AccountPatch,
	AmootSmsSwitches,
	ForcedStatus,
	InboundInfo,
	InboundInput,
	OtpInfo,
	RelayInfo,
	SentInfo,
	TokenInfo,
	TokenPatch,
} from './emulator';

export type {
	AccountInfo,
	AccountPatch,
	AmootSmsSwitches,
	FaultKind,
	FaultSpec,
	ForcedStatus,
	InboundInfo,
	InboundInput,
	MethodName,
	OtpInfo,
	PatternDef,
	RelayInfo,
	RequestLogEntry,
	SentInfo,
	TokenInfo,
	TokenPatch,
};
export {
	BLACKLISTED_MOBILE,
	DEDICATED_LINE,
	DEFAULT_CREDIT,
	DEFAULT_LINES,
	FIXTURE_TOKENS,
	METHODS as AMOOTSMS_METHODS,
	PRICES,
	SECOND_RECEIVING_LINE,
	STATUS_TABLE,
} from './constants';
export { DEFAULT_SWITCHES } from './emulator';
export { smsParts as smsPages, smsEncoding } from '../core/sms-parts';
export { formatReplyDateTime, parseRequestDateTime } from './dates';

/** A request log that also masks a `Token` query parameter (the PHP samples' form) in the logged path. */
class AmootSmsRequestLog extends RequestLog {
	override add(entry: RequestLogEntry): RequestLogEntry {
		entry.path = maskFormToken(entry.path);
		return super.add(entry);
	}
}

export interface AmootSmsSandbox extends CommonSandbox {
	/** The credential's base URL: `${url}/rest`. */
	baseUrl: string;
	/** The working fixture token (main account). */
	token: string;
	/** Every fixture token by outcome (spec §8.1). */
	tokens: typeof FIXTURE_TOKENS;
	/** The main account's dedicated line (sends and receives). */
	dedicatedLine: string;
	/** A receiving-only line of the main account. */
	secondReceivingLine: string;
	/** A recipient on the blacklist (10-digit form). */
	blacklistedMobile: string;
	/** Credit in Rial of an account (default main). */
	credit(account?: string): bigint;
	setCredit(value: number | bigint | string, account?: string): void;
	account(id?: string): AccountInfo;
	accounts(): AccountInfo[];
	setAccount(patch: AccountPatch, id?: string): void;
	tokenList(): TokenInfo[];
	setToken(token: string, patch: TokenPatch): void;
	patterns(): PatternDef[];
	addInbound(m: InboundInput): InboundInfo;
	inbox(): InboundInfo[];
	sent(): SentInfo[];
	otps(): OtpInfo[];
	/** The next generated code of that length. */
	setNextOtpCode(code: string): void;
	setDeliveryType(messageId: string, deliveryType: number): void;
	relays(): RelayInfo[];
	/** The next calls answer `status` (title or number) in the method's shape without doing anything. */
	forceStatus(f: { method?: string; status: string | number; times?: number }): ForcedStatus;
	pendingForcedStatuses(): ForcedStatus[];
	switches(): AmootSmsSwitches;
	setSwitches(s: Partial<AmootSmsSwitches>): void;
	/** Names a fault's `route` may use: method names and `/rest/{Method}` paths. */
	routeNames(): string[];
}

export async function startAmootSmsSandbox(opts: { port?: number } = {}): Promise<AmootSmsSandbox> {
	const clock = new SandboxClock();
	const log = new AmootSmsRequestLog();
	const faults = new FaultQueue();
	const emu = new AmootSmsEmulator(clock);
	const routeNames = emu.routeNames();

	// The control routes need the sandbox object, the server needs the routes: filled in after start.
	const controlRoutes: ControlRoute[] = [];
	const http = await startHttpSandbox({
		title: 'AmootSMS',
		port: opts.port,
		clock,
		log,
		faults,
		resolve: (req) => emu.resolve(req),
		faultResponse: (kind, status, fault) => emu.faultResponse(kind, status, fault),
		maskBody: (req, body) => emu.maskBody(req, body),
		control: controlRoutes,
		helpNotes: [
			`API: POST ${REST_PREFIX}/{Method} (GET with a query string also works), methods: ${METHODS.join(', ')}`,
			`Header: Authorization: ${FIXTURE_TOKENS.valid}   (raw token, no "Bearer")`,
			'Body: application/x-www-form-urlencoded; charset=UTF-8, lists comma-joined (SendPeerToPeer: JSON).',
			`Fixture tokens: ${Object.entries(FIXTURE_TOKENS)
				.map(([k, v]) => `${k}=${v}`)
				.join(', ')}`,
		],
	});

	const sandbox: AmootSmsSandbox = {
		...commonSandbox({ http, clock, log, faults, routeNames: routeNames, resetState: () => emu.reset() }),
		baseUrl: `${http.url}${REST_PREFIX}`,
		token: FIXTURE_TOKENS.valid,
		tokens: FIXTURE_TOKENS,
		dedicatedLine: DEDICATED_LINE,
		secondReceivingLine: SECOND_RECEIVING_LINE,
		blacklistedMobile: BLACKLISTED_MOBILE,
		credit: (account) => emu.credit(account),
		setCredit: (v, account) => emu.setCredit(v, account),
		account: (id) => emu.getAccount(id),
		accounts: () => emu.listAccounts(),
		setAccount: (patch, id) => emu.setAccount(patch, id),
		tokenList: () => emu.listTokens(),
		setToken: (t, p) => emu.setToken(t, p),
		patterns: () => emu.listPatterns(),
		addInbound: (m) => emu.addInbound(m),
		inbox: () => emu.listInbox(),
		sent: () => emu.sentMessages(),
		otps: () => emu.otps(),
		setNextOtpCode: (c) => emu.setNextOtpCode(c),
		setDeliveryType: (id, t) => emu.setDeliveryType(id, t),
		relays: () => emu.listRelays(),
		forceStatus: (f) => emu.forceStatus(f),
		pendingForcedStatuses: () => emu.pendingForcedStatuses(),
		switches: () => emu.getSwitches(),
		setSwitches: (s) => emu.setSwitches(s),
		clearFaults: () => {
			faults.clear();
			emu.clearForcedStatuses();
		},
		routeNames: () => [...routeNames],
	};

	controlRoutes.push(
		...commonControlRoutes(sandbox, {
			routeNames,
			masked: 'token masked',
			faultExample: '{"route":"SendSimple","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":500}',
			clockExample: '{"at":"2026-01-05T06:30:00Z"}  or  {"advanceMs":60000}',
			switches: {
				summary: 'bigIds, stringIds, allowGet, caseInsensitiveFields, jsonOnFormMethods, systemDisabled (bool); maxRecipients, maxDeliveryIds, maxPages, receiveMaxRows (int)',
				example: '{"bigIds":true,"maxRecipients":100}',
			},
		}),
		...amootSmsControlRoutes(sandbox, {
			routeNames,
			state: () => ({
				url: sandbox.url,
				baseUrl: sandbox.baseUrl,
				token: sandbox.token,
				tokens: FIXTURE_TOKENS,
				dedicatedLine: DEDICATED_LINE,
				blacklistedMobile: BLACKLISTED_MOBILE,
				accounts: emu.listAccounts(),
				patterns: emu.listPatterns(),
				switches: emu.getSwitches(),
				clock: { now: clock.now(), frozen: clock.isFrozen() },
				pendingFaults: faults.pending(),
				forcedStatuses: emu.pendingForcedStatuses(),
				sentCount: emu.sentMessages().length,
				inboxCount: emu.listInbox().length,
			}),
		}),
	);
	return sandbox;
}
