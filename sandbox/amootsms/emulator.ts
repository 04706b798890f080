/**
 * State and API behaviour of the AmootSMS REST API emulator (spec §4, §8).
 * Transport (HTTP server, log, faults, control surface) lives in ../core.
 *
 * Every logical outcome is HTTP 200 with a JSON body whose `Status` carries a
 * title of the seed's status table; only an unknown method (404), a wrong HTTP
 * method (405) and injected faults answer otherwise.
 */
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';

import type { SandboxClock } from '../core/clock';
import type { ActiveFault } from '../core/faults';
import { getMember, isJsonObject, maskJsonStringMembers, parseJson, toJson } from '../core/json';
import type { JsonObject, JsonValue, Jsonable } from '../core/json';
import type { ApiResolution, FaultBodyKind, SandboxRequest, SandboxResponse } from '../core/server';
import {
	BIG_FIRST_CAMPAIGN_ID,
	BIG_FIRST_MESSAGE_ID,
	BLACKLISTED_MOBILE,
	DEDICATED_LINE,
	DEFAULT_CREDIT,
	DEFAULT_LINES,
	DEFAULT_PATTERNS,
	DELIVERED_AFTER_MS,
	DELIVERED_DELIVERY_TYPE,
	DEMO_ACCOUNT,
	DISABLED_ACCOUNT,
	DOTNET_MIN_DATE,
	EMPTY_ACCOUNT,
	EXPIRED_ACCOUNT,
	FIRST_CAMPAIGN_ID,
	FIRST_MESSAGE_ID,
	FIXTURE_TOKENS,
	MAIN_ACCOUNT,
	METHODS,
	NEW_MESSAGES_FOUND,
	NO_NEW_MESSAGES,
	PENDING_DELIVERY_TYPE,
	PRICES,
	REST_PREFIX,
	SECOND_RECEIVING_LINE,
	TOKEN_SHAPE,
	USER_ERRORS,
	lineKind,
	statusTitle,
} from './constants';
import type { MethodName, PatternDef, UserError } from './constants';
import { formatReplyDateTime, parseRequestDateTime } from './dates';
import { smsEncoding, smsParts as smsPages } from '../core/sms-parts';

// ---------------------------------------------------------------------- public types

export interface AmootSmsSwitches {
	/** New message, campaign and inbox ids start above 2^53 (odd, so a double cannot hold them). */
	bigIds: boolean;
	/** `MessageID` / `CampaignID` / `ID` written as JSON strings instead of numbers. */
	stringIds: boolean;
	/** Accept GET with the fields in the query string (the PHP samples). */
	allowGet: boolean;
	/** Match field names case-insensitively (default: exactly the documented spelling). */
	caseInsensitiveFields: boolean;
	/** Read a JSON object body as the fields of a form method (D-doc's JSON samples). */
	jsonOnFormMethods: boolean;
	/** Recipients per SendSimple / SendWithBackupLine / SendPeerToPeer request (undocumented; → Length_Exceeded). */
	maxRecipients: number;
	/** Ids per GetDeliveries request (undocumented; → Length_Exceeded). */
	maxDeliveryIds: number;
	/** Pages per text (undocumented; → Length_Exceeded). */
	maxPages: number;
	/** RecieveMessages returns at most this many rows, oldest first (0 = no cap). */
	receiveMaxRows: number;
	/** Every call answers System_Disabled. */
	systemDisabled: boolean;
}

export const DEFAULT_SWITCHES: Readonly<AmootSmsSwitches> = Object.freeze({
	bigIds: false,
	stringIds: false,
	allowGet: true,
	caseInsensitiveFields: false,
	jsonOnFormMethods: false,
	maxRecipients: 100,
	maxDeliveryIds: 100,
	maxPages: 8,
	receiveMaxRows: 0,
	systemDisabled: false,
});

export interface AccountInfo {
	id: string;
	name: string;
	credit: bigint;
	demo: boolean;
	userError: UserError | null;
	/** Sending lines (AccountStatus `ListLineNumbers`). */
	lines: string[];
	/** Lines that receive SMS. */
	receivingLines: string[];
}

export interface AccountPatch {
	name?: string;
	demo?: boolean;
	userError?: UserError | null;
	lines?: string[];
	receivingLines?: string[];
}

export interface TokenInfo {
	token: string;
	account: string;
	active: boolean;
	expiresAt: Date | null;
	allowedIps: string[];
	/** null: every method. */
	allowedMethods: MethodName[] | null;
}

export interface TokenPatch {
	account?: string;
	active?: boolean;
	expiresAt?: Date | null;
	allowedIps?: string[];
	allowedMethods?: string[] | null;
}

export interface SentInfo {
	messageId: string;
	campaignId: string;
	account: string;
	method: MethodName;
	/** Recipient, 10-digit form (9XXXXXXXXX). */
	mobile: string;
	lineNumber: string;
	/** The line that really carried it (the backup line for a blacklisted recipient). */
	usedLine: string;
	text: string;
	pages: number;
	/** Rial. */
	price: bigint;
	registeredAt: Date;
	/** When it goes (went) out: later than registeredAt for a scheduled send. */
	sendAt: Date;
	code?: string;
	patternCodeId?: number;
	patternValues?: string[];
}

export interface OtpInfo {
	method: 'SendOTP' | 'SendQuickOTP';
	mobile: string;
	code: string;
	messageId: string;
	at: Date;
}

export interface InboundInfo {
	messageId: string;
	account: string;
	/** Sender, 09XXXXXXXXX. */
	mobile: string;
	lineNumber: string;
	text: string;
	/** What the API reports as ReceiveDateTime. */
	receivedAt: Date;
	/** When the API starts returning it (later than receivedAt for a late-indexed message). */
	visibleAt: Date;
	/** Returned by RecieveNewMessages (consumed for the whole account). */
	pulled: boolean;
}

export interface InboundInput {
	mobile: string;
	text: string;
	lineNumber?: string;
	account?: string;
	/** ReceiveDateTime; default: the sandbox clock minus lateByMs. */
	receivedAt?: Date;
	/** Back-dates ReceiveDateTime by this much while the message only becomes visible now. */
	lateByMs?: number;
}

export interface RelayInfo {
	kind: 'recieve' | 'delivery';
	id: string;
	account: string;
	url: string;
	active: boolean;
	registeredAt: Date;
}

export interface ForcedStatus {
	method?: MethodName;
	status: string;
	times: number;
}

// ---------------------------------------------------------------------- internal records

interface AccountRecord extends AccountInfo {}

interface TokenRecord extends TokenInfo {}

interface SentRecord {
	id: bigint;
	campaignId: bigint;
	account: string;
	method: MethodName;
	mobile: string;
	line: string;
	usedLine: string;
	text: string;
	pages: number;
	price: bigint;
	regAtMs: number;
	sendAtMs: number;
	code?: string;
	patternCodeId?: number;
	patternValues?: string[];
}

interface InboundRecord {
	id: bigint;
	seq: number;
	account: string;
	mobile: string;
	line: string;
	text: string;
	receivedAtMs: number;
	visibleAtMs: number;
	pulled: boolean;
}

interface RelayRecord {
	kind: 'recieve' | 'delivery';
	id: bigint;
	account: string;
	url: string;
	active: boolean;
	regAtMs: number;
}

interface Ctx {
	method: MethodName;
	account: AccountRecord;
	fields: Fields;
	req: SandboxRequest;
}

/** Form (and query) fields the way the API binds them. */
interface Fields {
	get(name: string): string | undefined;
}

type Result = SandboxResponse;

const FORM_MEDIA = 'application/x-www-form-urlencoded';
const JSON_MEDIA_RE = /^(application\/json|text\/json|application\/[a-z0-9.+-]*\+json)$/;
const MOBILE_RE = /^(?:\+98|0098|98|0)?(9[0-9]{9})$/;
const ID_RE = /^[0-9]{1,19}$/;
const INT64_MAX = 9223372036854775807n;

const HTML_404 =
	'<!DOCTYPE html>\n<html><head><title>404 - File or directory not found.</title></head>' +
	'<body><h2>404 - File or directory not found.</h2>' +
	'<h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3></body></html>\n';
const HTML_405 =
	'<!DOCTYPE html>\n<html><head><title>405 - HTTP verb used to access this page is not allowed.</title></head>' +
	'<body><h2>405 - HTTP verb used to access this page is not allowed.</h2></body></html>\n';
const HTML_500 =
	'<!DOCTYPE html>\n<html><head><title>Runtime Error</title></head>' +
	"<body><h1>Server Error in '/' Application.</h1><h2><i>Runtime Error</i></h2></body></html>\n";
const HTML_503 =
	'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\n' +
	'<HTML><HEAD><TITLE>Service Unavailable</TITLE></HEAD><BODY><h2>Service Unavailable</h2>' +
	'<hr><p>HTTP Error 503. The service is unavailable.</p></BODY></HTML>\n';
const HTML_429 =
	'<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head>' +
	'<body><h1>Too Many Requests</h1></body></html>\n';

function json(value: Jsonable): Result {
	return {
		status: 200,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: toJson(value),
	};
}

function html(status: number, body: string): Result {
	return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

/** 10-digit form of an Iranian mobile, or undefined. */
export function normaliseMobile(raw: string): string | undefined {
	const m = MOBILE_RE.exec(raw.trim());
	return m ? m[1] : undefined;
}

function splitList(raw: string | undefined): string[] {
	if (raw === undefined) return [];
	return raw
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

function parseId(raw: string | undefined): bigint | undefined {
	if (raw === undefined) return undefined;
	const t = raw.trim();
	if (!ID_RE.test(t)) return undefined;
	const v = BigInt(t);
	return v > 0n && v <= INT64_MAX ? v : undefined;
}

export class AmootSmsEmulator {
	readonly tokens = { ...FIXTURE_TOKENS };
	readonly blacklistedMobile = BLACKLISTED_MOBILE;
	readonly dedicatedLine = DEDICATED_LINE;

	private accounts = new Map<string, AccountRecord>();
	private tokenMap = new Map<string, TokenRecord>();
	private switches: AmootSmsSwitches = { ...DEFAULT_SWITCHES };
	private patterns: PatternDef[] = [];
	private sent: SentRecord[] = [];
	private sentById = new Map<string, SentRecord>();
	private campaigns = new Map<string, SentRecord[]>();
	private otpLog: OtpInfo[] = [];
	private nextOtpCodes: string[] = [];
	private deliveryOverrides = new Map<string, number>();
	private inbox: InboundRecord[] = [];
	private inboxSeq = 0;
	private relays: RelayRecord[] = [];
	private forced: ForcedStatus[] = [];
	private nextMessageId = FIRST_MESSAGE_ID;
	private nextCampaignId = FIRST_CAMPAIGN_ID;
	private nextInboxId = 800_000_001n;
	private nextRelayId = 999n;

	constructor(private readonly clock: SandboxClock) {
		this.reset();
	}

	// ------------------------------------------------------------------ state / control

	reset(): void {
		const account = (
			id: string,
			name: string,
			credit: bigint,
			extra: Partial<AccountRecord> = {},
		): AccountRecord => ({
			id,
			name,
			credit,
			demo: false,
			userError: null,
			lines: [...DEFAULT_LINES],
			receivingLines: [DEDICATED_LINE, SECOND_RECEIVING_LINE],
			...extra,
		});
		this.accounts = new Map(
			[
				account(MAIN_ACCOUNT, 'Sandbox Shop', DEFAULT_CREDIT),
				account(DEMO_ACCOUNT, 'Sandbox Demo', DEFAULT_CREDIT, { demo: true }),
				account(EMPTY_ACCOUNT, 'Sandbox No Credit', 0n),
				account(DISABLED_ACCOUNT, 'Sandbox Disabled', DEFAULT_CREDIT, {
					userError: 'User_Disabled',
				}),
				account(EXPIRED_ACCOUNT, 'Sandbox Expired', DEFAULT_CREDIT, { userError: 'User_Expired' }),
			].map((a) => [a.id, a]),
		);
		const token = (t: string, acc: string, extra: Partial<TokenRecord> = {}): TokenRecord => ({
			token: t,
			account: acc,
			active: true,
			expiresAt: null,
			allowedIps: [],
			allowedMethods: null,
			...extra,
		});
		const T = FIXTURE_TOKENS;
		this.tokenMap = new Map(
			[
				token(T.valid, MAIN_ACCOUNT),
				token(T.demo, DEMO_ACCOUNT),
				token(T.noCredit, EMPTY_ACCOUNT),
				token(T.disabled, MAIN_ACCOUNT, { active: false }),
				token(T.expired, MAIN_ACCOUNT, { expiresAt: new Date('2020-01-01T00:00:00Z') }),
				token(T.ipRestricted, MAIN_ACCOUNT, { allowedIps: ['10.20.30.40'] }),
				token(T.methodRestricted, MAIN_ACCOUNT, { allowedMethods: ['SendSimple'] }),
				token(T.userDisabled, DISABLED_ACCOUNT),
				token(T.userExpired, EXPIRED_ACCOUNT),
			].map((t) => [t.token, t]),
		);
		this.switches = { ...DEFAULT_SWITCHES };
		this.patterns = DEFAULT_PATTERNS.map((p) => ({ ...p }));
		this.sent = [];
		this.sentById = new Map();
		this.campaigns = new Map();
		this.otpLog = [];
		this.nextOtpCodes = [];
		this.deliveryOverrides = new Map();
		this.inbox = [];
		this.inboxSeq = 0;
		this.relays = [];
		this.forced = [];
		this.nextMessageId = FIRST_MESSAGE_ID;
		this.nextCampaignId = FIRST_CAMPAIGN_ID;
		this.nextInboxId = 800_000_001n;
		this.nextRelayId = 999n;
	}

	private accountOf(id: string): AccountRecord {
		const a = this.accounts.get(id);
		if (!a)
			throw new Error(
				`Unknown account ${JSON.stringify(id)}; use one of ${[...this.accounts.keys()].join(', ')}`,
			);
		return a;
	}

	getAccount(id = MAIN_ACCOUNT): AccountInfo {
		const a = this.accountOf(id);
		return { ...a, lines: [...a.lines], receivingLines: [...a.receivingLines] };
	}

	listAccounts(): AccountInfo[] {
		return [...this.accounts.keys()].map((id) => this.getAccount(id));
	}

	setAccount(patch: AccountPatch, id = MAIN_ACCOUNT): void {
		const a = this.accountOf(id);
		const strings = (v: unknown, name: string): string[] => {
			if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
				throw new Error(`${name} must be an array of non-empty strings`);
			}
			return (v as string[]).map((x) => x.trim());
		};
		if (
			patch.userError !== undefined &&
			patch.userError !== null &&
			!(USER_ERRORS as readonly string[]).includes(patch.userError)
		) {
			throw new Error(`userError must be null or one of ${USER_ERRORS.join(', ')}`);
		}
		if (patch.name !== undefined && typeof patch.name !== 'string')
			throw new Error('name must be a string');
		if (patch.demo !== undefined && typeof patch.demo !== 'boolean')
			throw new Error('demo must be a boolean');
		const lines = patch.lines === undefined ? undefined : strings(patch.lines, 'lines');
		const receiving =
			patch.receivingLines === undefined
				? undefined
				: strings(patch.receivingLines, 'receivingLines');
		if (patch.name !== undefined) a.name = patch.name;
		if (patch.demo !== undefined) a.demo = patch.demo;
		if (patch.userError !== undefined) a.userError = patch.userError;
		if (lines) a.lines = lines;
		if (receiving) a.receivingLines = receiving;
	}

	credit(id = MAIN_ACCOUNT): bigint {
		return this.accountOf(id).credit;
	}

	setCredit(value: number | bigint | string, id = MAIN_ACCOUNT): void {
		let v: bigint;
		if (typeof value === 'bigint') v = value;
		else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
		else if (typeof value === 'string' && /^-?[0-9]{1,19}$/.test(value.trim()))
			v = BigInt(value.trim());
		else throw new Error('credit must be an integer (Rial), a bigint or a decimal string');
		if (v < 0n || v > INT64_MAX) throw new Error('credit must be between 0 and 2^63-1');
		this.accountOf(id).credit = v;
	}

	listTokens(): TokenInfo[] {
		return [...this.tokenMap.values()].map((t) => ({
			...t,
			expiresAt: t.expiresAt ? new Date(t.expiresAt) : null,
			allowedIps: [...t.allowedIps],
			allowedMethods: t.allowedMethods ? [...t.allowedMethods] : null,
		}));
	}

	/** Creates the token (on the main account) if unknown, then applies the patch. */
	setToken(token: string, patch: TokenPatch): void {
		if (typeof token !== 'string' || token.trim() === '')
			throw new Error('token must be a non-empty string');
		if (patch.account !== undefined) this.accountOf(patch.account);
		if (
			patch.allowedIps !== undefined &&
			(!Array.isArray(patch.allowedIps) ||
				patch.allowedIps.some((ip) => typeof ip !== 'string' || isIP(ip.trim()) === 0))
		) {
			throw new Error('allowedIps must be an array of IP addresses');
		}
		if (patch.allowedMethods !== undefined && patch.allowedMethods !== null) {
			if (
				!Array.isArray(patch.allowedMethods) ||
				patch.allowedMethods.some((m) => !(METHODS as readonly string[]).includes(m))
			) {
				throw new Error(`allowedMethods must be null or an array of ${METHODS.join(', ')}`);
			}
		}
		if (
			patch.expiresAt !== undefined &&
			patch.expiresAt !== null &&
			(!(patch.expiresAt instanceof Date) || Number.isNaN(patch.expiresAt.getTime()))
		) {
			throw new Error('expiresAt must be a date or null');
		}
		let rec = this.tokenMap.get(token);
		if (!rec) {
			rec = {
				token,
				account: MAIN_ACCOUNT,
				active: true,
				expiresAt: null,
				allowedIps: [],
				allowedMethods: null,
			};
			this.tokenMap.set(token, rec);
		}
		if (patch.account !== undefined) rec.account = patch.account;
		if (patch.active !== undefined) rec.active = Boolean(patch.active);
		if (patch.expiresAt !== undefined)
			rec.expiresAt = patch.expiresAt ? new Date(patch.expiresAt) : null;
		if (patch.allowedIps !== undefined) rec.allowedIps = patch.allowedIps.map((ip) => ip.trim());
		if (patch.allowedMethods !== undefined)
			rec.allowedMethods = patch.allowedMethods
				? ([...patch.allowedMethods] as MethodName[])
				: null;
	}

	getSwitches(): AmootSmsSwitches {
		return { ...this.switches };
	}

	setSwitches(s: Partial<AmootSmsSwitches>): void {
		const next = { ...this.switches };
		for (const [key, value] of Object.entries(s ?? {})) {
			switch (key) {
				case 'bigIds':
				case 'stringIds':
				case 'allowGet':
				case 'caseInsensitiveFields':
				case 'jsonOnFormMethods':
				case 'systemDisabled':
					if (typeof value !== 'boolean') throw new Error(`${key} must be a boolean`);
					next[key] = value;
					break;
				case 'maxRecipients':
				case 'maxDeliveryIds':
				case 'maxPages':
					if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 1_000_000)
						throw new Error(`${key} must be an integer from 1`);
					next[key] = value as number;
					break;
				case 'receiveMaxRows':
					if (!Number.isInteger(value) || (value as number) < 0)
						throw new Error('receiveMaxRows must be an integer >= 0 (0 = no cap)');
					next.receiveMaxRows = value as number;
					break;
				default:
					throw new Error(`Unknown switch ${JSON.stringify(key)}`);
			}
		}
		this.switches = next;
		if (next.bigIds) {
			if (this.nextMessageId < BIG_FIRST_MESSAGE_ID) this.nextMessageId = BIG_FIRST_MESSAGE_ID;
			if (this.nextCampaignId < BIG_FIRST_CAMPAIGN_ID) this.nextCampaignId = BIG_FIRST_CAMPAIGN_ID;
			if (this.nextInboxId < BIG_FIRST_MESSAGE_ID + 1_000_000_000n)
				this.nextInboxId = BIG_FIRST_MESSAGE_ID + 1_000_000_000n;
		}
	}

	listPatterns(): PatternDef[] {
		return this.patterns.map((p) => ({ ...p }));
	}

	setNextOtpCode(code: string): void {
		if (typeof code !== 'string' || !/^[0-9]{4,8}$/.test(code))
			throw new Error('code must be 4 to 8 digits');
		this.nextOtpCodes.push(code);
	}

	otps(): OtpInfo[] {
		return this.otpLog.map((o) => ({ ...o, at: new Date(o.at) }));
	}

	sentMessages(): SentInfo[] {
		return this.sent.map((r) => ({
			messageId: r.id.toString(),
			campaignId: r.campaignId.toString(),
			account: r.account,
			method: r.method,
			mobile: r.mobile,
			lineNumber: r.line,
			usedLine: r.usedLine,
			text: r.text,
			pages: r.pages,
			price: r.price,
			registeredAt: new Date(r.regAtMs),
			sendAt: new Date(r.sendAtMs),
			...(r.code !== undefined ? { code: r.code } : {}),
			...(r.patternCodeId !== undefined
				? { patternCodeId: r.patternCodeId, patternValues: [...(r.patternValues ?? [])] }
				: {}),
		}));
	}

	setDeliveryType(messageId: string, deliveryType: number): void {
		const id = parseId(String(messageId));
		if (id === undefined) throw new Error('messageId must be a positive decimal integer');
		if (!Number.isInteger(deliveryType)) throw new Error('deliveryType must be an integer');
		this.deliveryOverrides.set(id.toString(), deliveryType);
	}

	addInbound(m: InboundInput): InboundInfo {
		if (!m || typeof m.mobile !== 'string' || m.mobile.trim() === '')
			throw new Error('mobile is required');
		if (typeof m.text !== 'string') throw new Error('text is required');
		const account = this.accountOf(m.account ?? MAIN_ACCOUNT);
		const line = m.lineNumber ?? account.receivingLines[0];
		if (typeof line !== 'string' || line.trim() === '')
			throw new Error('lineNumber must be a non-empty string');
		const ten = normaliseMobile(m.mobile);
		const nowMs = this.clock.nowMs();
		if (m.lateByMs !== undefined && (!Number.isFinite(m.lateByMs) || m.lateByMs < 0))
			throw new Error('lateByMs must be >= 0');
		if (
			m.receivedAt !== undefined &&
			(!(m.receivedAt instanceof Date) || Number.isNaN(m.receivedAt.getTime()))
		) {
			throw new Error('receivedAt must be a valid date');
		}
		const receivedAtMs = m.receivedAt ? m.receivedAt.getTime() : nowMs - (m.lateByMs ?? 0);
		const rec: InboundRecord = {
			id: this.takeInboxId(),
			seq: ++this.inboxSeq,
			account: account.id,
			mobile: ten ? `0${ten}` : m.mobile.trim(),
			line: line.trim(),
			text: m.text,
			receivedAtMs,
			visibleAtMs: Math.max(nowMs, receivedAtMs),
			pulled: false,
		};
		this.inbox.push(rec);
		return this.inboundInfo(rec);
	}

	private inboundInfo(r: InboundRecord): InboundInfo {
		return {
			messageId: r.id.toString(),
			account: r.account,
			mobile: r.mobile,
			lineNumber: r.line,
			text: r.text,
			receivedAt: new Date(r.receivedAtMs),
			visibleAt: new Date(r.visibleAtMs),
			pulled: r.pulled,
		};
	}

	listInbox(): InboundInfo[] {
		return this.inbox.map((r) => this.inboundInfo(r));
	}

	listRelays(): RelayInfo[] {
		return this.relays.map((r) => ({
			kind: r.kind,
			id: r.id.toString(),
			account: r.account,
			url: r.url,
			active: r.active,
			registeredAt: new Date(r.regAtMs),
		}));
	}

	/** The next `times` calls (of `method`, or any method) answer `status` without doing anything. */
	forceStatus(f: { method?: string; status: string | number; times?: number }): ForcedStatus {
		const title = statusTitle(f.status);
		if (title === undefined)
			throw new Error(
				`Unknown status ${JSON.stringify(f.status)}; use a title or number of the status table`,
			);
		if (title === 'Success')
			throw new Error('Success cannot be forced: it would claim work that was not done');
		if (f.method !== undefined && !(METHODS as readonly string[]).includes(f.method)) {
			throw new Error(
				`Unknown method ${JSON.stringify(f.method)}; use one of ${METHODS.join(', ')}`,
			);
		}
		const times = f.times ?? 1;
		if (!Number.isInteger(times) || times < 1) throw new Error('times must be an integer >= 1');
		const entry: ForcedStatus = {
			method: f.method as MethodName | undefined,
			status: title,
			times,
		};
		this.forced.push(entry);
		return { ...entry };
	}

	pendingForcedStatuses(): ForcedStatus[] {
		return this.forced.map((f) => ({ ...f }));
	}

	clearForcedStatuses(): void {
		this.forced = [];
	}

	// ------------------------------------------------------------------ routing

	routeNames(): string[] {
		return METHODS.flatMap((m) => [m, `${REST_PREFIX}/${m}`]);
	}

	resolve(req: SandboxRequest): ApiResolution {
		const m = /^\/rest\/([A-Za-z0-9_]+)\/?$/i.exec(req.pathname);
		const method = m ? METHODS.find((x) => x.toLowerCase() === m[1].toLowerCase()) : undefined;
		if (!method) return { run: () => html(404, HTML_404) };
		const names = [method, `${REST_PREFIX}/${method}`];
		if (req.method !== 'POST' && !(req.method === 'GET' && this.switches.allowGet)) {
			return {
				names,
				run: () => ({
					...html(405, HTML_405),
					headers: {
						'content-type': 'text/html; charset=utf-8',
						allow: this.switches.allowGet ? 'GET, POST' : 'POST',
					},
				}),
			};
		}
		return { names, run: () => this.dispatch(method, req) };
	}

	faultResponse(kind: FaultBodyKind, status: number, fault: ActiveFault): SandboxResponse {
		switch (kind) {
			case 'failure200':
				return json({ Status: statusTitle(fault.code ?? 500) ?? 'ServerError', Data: null });
			case 'http503':
				return html(status, HTML_503);
			case 'http429':
				return html(status, HTML_429);
			default:
				return html(status, HTML_500);
		}
	}

	/** Masks the token wherever a request can carry it: form/query `Token`, JSON `Token`. */
	maskBody(_req: SandboxRequest, body: string): string {
		return maskFormToken(maskJsonStringMembers(body, ['Token']));
	}

	// ------------------------------------------------------------------ dispatch

	private dispatch(method: MethodName, req: SandboxRequest): Result {
		const fields = this.readFields(method, req);
		if (this.switches.systemDisabled) return this.error(method, 'System_Disabled');

		const auth = this.authenticate(method, req, fields);
		if (typeof auth === 'string') return this.error(method, auth);

		const forcedIdx = this.forced.findIndex((f) => f.method === undefined || f.method === method);
		if (forcedIdx >= 0) {
			const f = this.forced[forcedIdx];
			f.times -= 1;
			if (f.times <= 0) this.forced.splice(forcedIdx, 1);
			return this.error(method, f.status);
		}

		const ctx: Ctx = { method, account: auth, fields, req };
		switch (method) {
			case 'SendOTP':
				return this.sendOtp(ctx);
			case 'SendQuickOTP':
				return this.sendQuickOtp(ctx);
			case 'SendSimple':
				return this.sendSimple(ctx, false);
			case 'SendWithBackupLine':
				return this.sendSimple(ctx, true);
			case 'SendWithPattern':
				return this.sendPattern(ctx, false);
			case 'SendWithPatternOWN':
				return this.sendPattern(ctx, true);
			case 'SendPeerToPeer':
				return this.sendPeerToPeer(ctx);
			case 'GetMessage':
				return this.getMessage(ctx);
			case 'GetMessages':
				return this.getMessages(ctx);
			case 'GetDelivery':
				return this.getDelivery(ctx);
			case 'GetDeliveries':
				return this.getDeliveries(ctx);
			case 'GetDeliveriesByCampaignID':
				return this.getDeliveriesByCampaign(ctx);
			case 'AccountStatus':
				return this.accountStatus(ctx);
			case 'RecieveMessages':
				return this.recieveMessages(ctx);
			case 'RecieveNewMessages':
				return this.recieveNewMessages(ctx);
			case 'RelayRecieveMessageCreate':
				return this.relayCreate(ctx, 'recieve');
			case 'RelayMessageDeliveryCreate':
				return this.relayCreate(ctx, 'delivery');
			case 'RelayRecieveMessageList':
				return this.relayList(ctx, 'recieve');
			case 'RelayMessageDeliveryList':
				return this.relayList(ctx, 'delivery');
			case 'RelayRecieveMessageSetActive':
				return this.relaySetActive(ctx, 'recieve');
			case 'RelayMessageDeliverySetActive':
				return this.relaySetActive(ctx, 'delivery');
		}
	}

	/**
	 * Form body (application/x-www-form-urlencoded) plus query string, as ASP.NET's
	 * `Request[...]` sees them: a repeated key reads as its values joined with ','.
	 */
	private readFields(method: MethodName, req: SandboxRequest): Fields {
		const media = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const pairs: Array<[string, string]> = [];
		if (req.method === 'POST' && req.body !== '') {
			if (media === FORM_MEDIA) {
				for (const [k, v] of new URLSearchParams(req.body)) pairs.push([k, v]);
			} else if (
				JSON_MEDIA_RE.test(media) &&
				method !== 'SendPeerToPeer' &&
				this.switches.jsonOnFormMethods
			) {
				try {
					const v = parseJson(req.body);
					if (isJsonObject(v)) {
						for (const [k, x] of Object.entries(v)) {
							const s = jsonFieldText(x);
							if (s !== undefined) pairs.push([k, s]);
						}
					}
				} catch {
					/* an unreadable body binds nothing */
				}
			}
		}
		for (const [k, v] of req.query) pairs.push([k, v]);
		const insensitive = this.switches.caseInsensitiveFields;
		return {
			get(name: string): string | undefined {
				const values = pairs
					.filter(([k]) => (insensitive ? k.toLowerCase() === name.toLowerCase() : k === name))
					.map(([, v]) => v);
				return values.length === 0 ? undefined : values.join(',');
			},
		};
	}

	/** Token checks in the documented order, then the account's state. */
	private authenticate(
		method: MethodName,
		req: SandboxRequest,
		fields: Fields,
	): AccountRecord | string {
		const header = req.headers.authorization;
		let raw = (Array.isArray(header) ? header[0] : header) ?? '';
		if (raw.trim() === '') raw = fields.get('Token') ?? '';
		raw = raw.trim();
		if (raw === '') return 'Token_NotExists';
		if (!TOKEN_SHAPE.test(raw)) return 'Token_Invalid';
		const tok = this.tokenMap.get(raw);
		if (!tok) return 'Token_NotExists';
		if (!tok.active) return 'Token_Disabled';
		if (tok.expiresAt && tok.expiresAt.getTime() <= this.clock.nowMs()) return 'Token_Expired';
		if (tok.allowedIps.length > 0 && !tok.allowedIps.includes(req.remoteAddress))
			return 'Token_NotAllowIP';
		if (tok.allowedMethods && !tok.allowedMethods.includes(method)) return 'Token_NotAllowMethod';
		const account = this.accounts.get(tok.account);
		if (!account) return 'User_NotExists';
		if (account.userError) return account.userError;
		return account;
	}

	/** The method's own reply shape for a failure. */
	private error(method: MethodName, status: string): Result {
		switch (method) {
			case 'SendSimple':
			case 'SendWithBackupLine':
				return json({
					MessageText: null,
					SMSPagesCount: 1,
					CampaignID: 0,
					Price: 0,
					Status: status,
					Data: [],
				});
			case 'SendOTP':
			case 'SendQuickOTP':
			case 'GetMessage':
			case 'GetDelivery':
				return json({ Status: status, Data: null });
			case 'SendWithPattern':
			case 'SendWithPatternOWN':
				return json({
					Status: status,
					MessageID: '0',
					Mobile: null,
					LineNumber: null,
					PatternCodeID: 0,
					PatternValues: [],
				});
			case 'SendPeerToPeer':
				return json({ Data: null, Status: status });
			case 'AccountStatus':
				return json({
					Status: status,
					AccountName: null,
					RemaindCredit: 0,
					BaseSMS_PersianPrice: 0,
					BaseSMS_EnglishPrice: 0,
					ServiceSMS_PersianPrice: 0,
					ServiceSMS_EnglishPrice: 0,
					AdsSMS_PersianPrice: 0,
					AdsSMS_EnglishPrice: 0,
					Avanak_SecondPrice: 0,
					ListLineNumbers: [],
				});
			case 'RecieveNewMessages':
				return json({ Status: status, Message: null, Data: [] });
			case 'RelayRecieveMessageCreate':
				return json({ Status: status, RelayRecieveMessageID: 0 });
			case 'RelayMessageDeliveryCreate':
				return json({ Status: status, RelayMessageDeliveryID: 0 });
			case 'RelayRecieveMessageSetActive':
			case 'RelayMessageDeliverySetActive':
				return json(status);
			default:
				return json({ Status: status, Data: [] });
		}
	}

	// ------------------------------------------------------------------ helpers

	private id(v: bigint): Jsonable {
		return this.switches.stringIds ? v.toString() : v;
	}

	private takeMessageId(): bigint {
		const id = this.nextMessageId;
		this.nextMessageId += this.switches.bigIds ? 2n : 1n;
		return id;
	}

	private takeCampaignId(): bigint {
		const id = this.nextCampaignId;
		this.nextCampaignId += this.switches.bigIds ? 2n : 1n;
		return id;
	}

	private takeInboxId(): bigint {
		const id = this.nextInboxId;
		this.nextInboxId += this.switches.bigIds ? 2n : 1n;
		return id;
	}

	/** The account's sending line matching `raw` (names case-insensitively), or undefined. */
	private findLine(account: AccountRecord, raw: string): string | undefined {
		const t = raw.trim().toLowerCase();
		return account.lines.find((l) => l.toLowerCase() === t);
	}

	private unitPrice(line: string, text: string): bigint {
		const persian = smsEncoding(text) === 'ucs2';
		const kind = lineKind(line);
		const p =
			kind === 'ads'
				? persian
					? PRICES.AdsSMS_PersianPrice
					: PRICES.AdsSMS_EnglishPrice
				: kind === 'service'
					? persian
						? PRICES.ServiceSMS_PersianPrice
						: PRICES.ServiceSMS_EnglishPrice
					: persian
						? PRICES.BaseSMS_PersianPrice
						: PRICES.BaseSMS_EnglishPrice;
		return BigInt(p);
	}

	/** SendDateTime: absent/empty = now; a past time = now; unreadable = undefined. */
	private sendAt(raw: string | undefined): number | undefined {
		const nowMs = this.clock.nowMs();
		if (raw === undefined || raw.trim() === '') return nowMs;
		const at = parseRequestDateTime(raw);
		if (at === undefined) return undefined;
		return Math.max(at, nowMs);
	}

	private commit(
		ctx: Ctx,
		items: Array<{
			mobile: string;
			line: string;
			usedLine: string;
			text: string;
			pages: number;
			price: bigint;
			code?: string;
			patternCodeId?: number;
			patternValues?: string[];
		}>,
		sendAtMs: number,
		campaignId = this.takeCampaignId(),
	): SentRecord[] {
		const nowMs = this.clock.nowMs();
		const out: SentRecord[] = [];
		for (const it of items) {
			const rec: SentRecord = {
				id: this.takeMessageId(),
				campaignId,
				account: ctx.account.id,
				method: ctx.method,
				regAtMs: nowMs,
				sendAtMs,
				...it,
			};
			ctx.account.credit -= it.price;
			this.sent.push(rec);
			this.sentById.set(rec.id.toString(), rec);
			const list = this.campaigns.get(campaignId.toString()) ?? [];
			list.push(rec);
			this.campaigns.set(campaignId.toString(), list);
			out.push(rec);
		}
		return out;
	}

	private takeOtpCode(length: number): string {
		const idx = this.nextOtpCodes.findIndex((c) => c.length === length);
		if (idx >= 0) return this.nextOtpCodes.splice(idx, 1)[0];
		let code = '';
		for (let i = 0; i < length; i++) code += String(randomInt(10));
		return code;
	}

	private codeLength(raw: string | undefined): number | undefined {
		if (raw === undefined || !/^\s*[0-9]{1,5}\s*$/.test(raw)) return undefined;
		const n = Number(raw.trim());
		return n >= 4 && n <= 8 ? n : undefined;
	}

	// ------------------------------------------------------------------ OTP

	private sendOtp(ctx: Ctx): Result {
		const f = ctx.fields;
		const text = f.get('SMSMessageText') ?? '';
		const lineRaw = f.get('LineNumber') ?? '';
		const mobileRaw = f.get('Mobile') ?? '';
		if (text.trim() === '') return this.error(ctx.method, 'SMSMessageText_Empty');
		if (lineRaw.trim() === '') return this.error(ctx.method, 'LineNumber_Empty');
		if (mobileRaw.trim() === '') return this.error(ctx.method, 'Mobile_Empty');
		const length = this.codeLength(f.get('CodeLength'));
		if (length === undefined) return this.error(ctx.method, 'Length_Invalid');
		const mobile = normaliseMobile(mobileRaw);
		if (!mobile || mobile === BLACKLISTED_MOBILE) return this.error(ctx.method, 'Mobile_Invalid');
		const sendAtMs = this.sendAt(f.get('SendDateTime'));
		if (sendAtMs === undefined) return this.error(ctx.method, 'Failed');
		const line = this.findLine(ctx.account, lineRaw);
		if (!line) return this.error(ctx.method, 'LineNumber_NotExist');
		const code = this.takeOtpCode(length);
		const full = `${text}\n${code}`;
		const pages = smsPages(full);
		if (pages > this.switches.maxPages) return this.error(ctx.method, 'Length_Exceeded');
		if (ctx.account.demo) return this.error(ctx.method, 'AccountIsDemo');
		const price = BigInt(pages) * this.unitPrice(line, full);
		if (price > ctx.account.credit) return this.error(ctx.method, 'CreditNotEnough');
		const [rec] = this.commit(
			ctx,
			[{ mobile, line, usedLine: line, text: full, pages, price, code }],
			sendAtMs,
		);
		this.otpLog.push({
			method: 'SendOTP',
			mobile,
			code,
			messageId: rec.id.toString(),
			at: this.clock.now(),
		});
		return json({
			Status: 'Success',
			Data: { Status: 'Success', MessageID: this.id(rec.id), Mobile: mobileRaw.trim(), Code: code },
		});
	}

	private sendQuickOtp(ctx: Ctx): Result {
		const f = ctx.fields;
		const mobileRaw = f.get('Mobile') ?? '';
		if (mobileRaw.trim() === '') return this.error(ctx.method, 'Mobile_Empty');
		const length = this.codeLength(f.get('CodeLength'));
		if (length === undefined) return this.error(ctx.method, 'Length_Invalid');
		const optional = (f.get('OptionalCode') ?? '').trim();
		if (optional !== '') {
			if (!/^[0-9]+$/.test(optional)) return this.error(ctx.method, 'Failed');
			if (optional.length !== length) return this.error(ctx.method, 'Length_Invalid');
		}
		const mobile = normaliseMobile(mobileRaw);
		if (!mobile || mobile === BLACKLISTED_MOBILE) return this.error(ctx.method, 'Mobile_Invalid');
		const pattern = this.patterns.find((p) => p.otp && p.approved);
		if (!pattern) return this.error(ctx.method, 'Failed');
		if (ctx.account.demo) return this.error(ctx.method, 'AccountIsDemo');
		const code = optional !== '' ? optional : this.takeOtpCode(length);
		const text = fillPattern(pattern.text, [code]);
		const pages = smsPages(text);
		const line = 'Service';
		const price = BigInt(pages) * this.unitPrice(line, text);
		if (price > ctx.account.credit) return this.error(ctx.method, 'CreditNotEnough');
		const [rec] = this.commit(
			ctx,
			[
				{
					mobile,
					line,
					usedLine: line,
					text,
					pages,
					price,
					code,
					patternCodeId: pattern.id,
					patternValues: [code],
				},
			],
			this.clock.nowMs(),
		);
		this.otpLog.push({
			method: 'SendQuickOTP',
			mobile,
			code,
			messageId: rec.id.toString(),
			at: this.clock.now(),
		});
		return json({
			Status: 'Success',
			Data: { Status: 'Success', MessageID: this.id(rec.id), Mobile: mobileRaw.trim(), Code: code },
		});
	}

	// ------------------------------------------------------------------ SendSimple / SendWithBackupLine

	private sendSimple(ctx: Ctx, withBackup: boolean): Result {
		const f = ctx.fields;
		const text = f.get('SMSMessageText') ?? '';
		const lineRaw = f.get('LineNumber') ?? '';
		const backupRaw = f.get('BackupLineNumber') ?? '';
		if (text.trim() === '') return this.error(ctx.method, 'SMSMessageText_Empty');
		if (lineRaw.trim() === '') return this.error(ctx.method, 'LineNumber_Empty');
		if (withBackup && backupRaw.trim() === '')
			return this.error(ctx.method, 'BackupLineNumber_Empty');
		const list = splitList(f.get('Mobiles'));
		if (list.length === 0) return this.error(ctx.method, 'Mobiles_Empty');
		const mobiles = list.map(normaliseMobile);
		if (mobiles.some((m) => m === undefined)) return this.error(ctx.method, 'Mobiles_Invalid');
		if (list.length > this.switches.maxRecipients) return this.error(ctx.method, 'Length_Exceeded');
		const pages = smsPages(text);
		if (pages > this.switches.maxPages) return this.error(ctx.method, 'Length_Exceeded');
		const sendAtMs = this.sendAt(f.get('SendDateTime'));
		if (sendAtMs === undefined) return this.error(ctx.method, 'Failed');
		const line = this.findLine(ctx.account, lineRaw);
		if (!line) return this.error(ctx.method, 'LineNumber_NotExist');
		const backup = withBackup ? this.findLine(ctx.account, backupRaw) : undefined;
		if (withBackup && !backup) return this.error(ctx.method, 'BackupLineNumber_NotExist');
		if (ctx.account.demo) return this.error(ctx.method, 'AccountIsDemo');

		const plan = (mobiles as string[]).map((mobile) => {
			const blacklisted = mobile === BLACKLISTED_MOBILE;
			const usedLine = blacklisted && backup ? backup : line;
			const send = !blacklisted || backup !== undefined;
			return {
				mobile,
				usedLine,
				send,
				price: send ? BigInt(pages) * this.unitPrice(usedLine, text) : 0n,
			};
		});
		const total = plan.reduce((a, p) => a + p.price, 0n);
		if (total > ctx.account.credit) return this.error(ctx.method, 'CreditNotEnough');
		const toSend = plan.filter((p) => p.send);
		if (toSend.length === 0) {
			return json({
				MessageText: null,
				SMSPagesCount: pages,
				CampaignID: 0,
				Price: 0,
				Status: 'Mobiles_Invalid',
				Data: plan.map((p) => ({
					Mobile: BigInt(p.mobile),
					MessageID: 0,
					Status: 'Mobile_Invalid',
				})),
			});
		}
		const campaignId = this.takeCampaignId();
		const recs = this.commit(
			ctx,
			toSend.map((p) => ({
				mobile: p.mobile,
				line,
				usedLine: p.usedLine,
				text,
				pages,
				price: p.price,
			})),
			sendAtMs,
			campaignId,
		);
		let i = 0;
		const data = plan.map((p) => {
			if (!p.send) return { Mobile: BigInt(p.mobile), MessageID: 0, Status: 'Mobile_Invalid' };
			const rec = recs[i++];
			const item: Record<string, Jsonable> = {
				Mobile: BigInt(p.mobile),
				MessageID: this.id(rec.id),
				Status: 'Success',
			};
			if (withBackup) item.UsedLine = rec.usedLine;
			return item;
		});
		return json({
			MessageText: text,
			SMSPagesCount: pages,
			CampaignID: this.id(campaignId),
			Price: total,
			Status: 'Success',
			Data: data,
		});
	}

	// ------------------------------------------------------------------ patterns

	private sendPattern(ctx: Ctx, own: boolean): Result {
		const f = ctx.fields;
		const mobileRaw = f.get('Mobile') ?? '';
		const lineRaw = f.get('LineNumber') ?? '';
		if (mobileRaw.trim() === '') return this.error(ctx.method, 'Mobile_Empty');
		if (own && lineRaw.trim() === '') return this.error(ctx.method, 'LineNumber_Empty');
		const idRaw = (f.get('PatternCodeID') ?? '').trim();
		if (!/^[0-9]{1,9}$/.test(idRaw)) return this.error(ctx.method, 'Failed');
		const mobile = normaliseMobile(mobileRaw);
		if (!mobile || mobile === BLACKLISTED_MOBILE) return this.error(ctx.method, 'Mobile_Invalid');
		const pattern = this.patterns.find((p) => p.id === Number(idRaw));
		if (!pattern || !pattern.approved) return this.error(ctx.method, 'Failed');
		const rawValues = f.get('PatternValues') ?? '';
		const values = rawValues === '' ? [] : rawValues.split(',');
		if (values.length !== pattern.variables) return this.error(ctx.method, 'Failed');
		const line = own ? this.findLine(ctx.account, lineRaw) : 'Service';
		if (!line) return this.error(ctx.method, 'LineNumber_NotExist');
		if (ctx.account.demo) return this.error(ctx.method, 'AccountIsDemo');
		const text = fillPattern(pattern.text, values);
		const pages = smsPages(text);
		const price = BigInt(pages) * this.unitPrice(line, text);
		if (price > ctx.account.credit) return this.error(ctx.method, 'CreditNotEnough');
		const [rec] = this.commit(
			ctx,
			[
				{
					mobile,
					line,
					usedLine: line,
					text,
					pages,
					price,
					patternCodeId: pattern.id,
					patternValues: values,
				},
			],
			this.clock.nowMs(),
		);
		return json({
			Status: 'Success',
			MessageID: rec.id.toString(),
			Mobile: mobileRaw.trim(),
			LineNumber: own ? lineRaw.trim() : line,
			PatternCodeID: pattern.id,
			PatternValues: values,
		});
	}

	// ------------------------------------------------------------------ SendPeerToPeer (JSON)

	private sendPeerToPeer(ctx: Ctx): Result {
		const media = String(ctx.req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		if (ctx.req.method !== 'POST' || !JSON_MEDIA_RE.test(media))
			return this.error(ctx.method, 'Failed');
		let body: JsonValue;
		try {
			body = parseJson(ctx.req.body);
		} catch {
			return this.error(ctx.method, 'Failed');
		}
		if (!isJsonObject(body)) return this.error(ctx.method, 'Failed');
		const member = (o: JsonObject, name: string): JsonValue | undefined =>
			this.switches.caseInsensitiveFields
				? getMember(o, name)
				: Object.prototype.hasOwnProperty.call(o, name)
					? o[name]
					: undefined;
		const lineRaw = member(body, 'LineNumber');
		const input = member(body, 'Input');
		const sendRaw = member(body, 'SendDateTime');
		if (typeof lineRaw !== 'string' || lineRaw.trim() === '')
			return this.error(ctx.method, 'LineNumber_Empty');
		if (!Array.isArray(input) || input.length === 0) return this.error(ctx.method, 'Mobiles_Empty');
		if (input.length > this.switches.maxRecipients)
			return this.error(ctx.method, 'Length_Exceeded');
		if (sendRaw !== undefined && sendRaw !== null && typeof sendRaw !== 'string')
			return this.error(ctx.method, 'Failed');
		const sendAtMs = this.sendAt((sendRaw as string | null | undefined) ?? undefined);
		if (sendAtMs === undefined) return this.error(ctx.method, 'Failed');
		const line = this.findLine(ctx.account, lineRaw);
		if (!line) return this.error(ctx.method, 'LineNumber_NotExist');
		if (ctx.account.demo) return this.error(ctx.method, 'AccountIsDemo');

		let failed = 0;
		const ok: Array<{ mobile: string; text: string; pages: number; price: bigint }> = [];
		for (const item of input) {
			if (!isJsonObject(item)) {
				failed++;
				continue;
			}
			const num = member(item, 'Number');
			const text = member(item, 'MessageText');
			const numText =
				typeof num === 'string' ? num : typeof num === 'bigint' ? num.toString() : undefined;
			const mobile = numText === undefined ? undefined : normaliseMobile(numText);
			if (
				!mobile ||
				mobile === BLACKLISTED_MOBILE ||
				typeof text !== 'string' ||
				text.trim() === ''
			) {
				failed++;
				continue;
			}
			const pages = smsPages(text);
			if (pages > this.switches.maxPages) {
				failed++;
				continue;
			}
			ok.push({ mobile, text, pages, price: BigInt(pages) * this.unitPrice(line, text) });
		}
		const total = ok.reduce((a, p) => a + p.price, 0n);
		if (total > ctx.account.credit) return this.error(ctx.method, 'CreditNotEnough');

		const byText = new Map<string, typeof ok>();
		for (const o of ok) byText.set(o.text, [...(byText.get(o.text) ?? []), o]);
		const campaigns: Jsonable[] = [];
		for (const [text, group] of byText) {
			const campaignId = this.takeCampaignId();
			const recs = this.commit(
				ctx,
				group.map((g) => ({
					mobile: g.mobile,
					line,
					usedLine: line,
					text,
					pages: g.pages,
					price: g.price,
				})),
				sendAtMs,
				campaignId,
			);
			campaigns.push({
				Numbers: recs.map((r) => ({ ID: this.id(r.id), Number: `0${r.mobile}` })),
				Status: 'Success',
				MessageText: text,
				ID: this.id(campaignId),
				SMSPagesCount: group[0].pages,
			});
		}
		return json({
			Data: {
				CampaignsCreated: campaigns.length,
				TotalCampaignNumbersCreated: ok.length,
				FailedCount: failed,
				Campaigns: campaigns,
			},
			Status: 'Success',
		});
	}

	// ------------------------------------------------------------------ sent messages and deliveries

	private ownMessage(ctx: Ctx, raw: string | undefined): SentRecord | undefined {
		const id = parseId(raw);
		if (id === undefined) return undefined;
		const rec = this.sentById.get(id.toString());
		return rec && rec.account === ctx.account.id ? rec : undefined;
	}

	private getMessage(ctx: Ctx): Result {
		const rec = this.ownMessage(ctx, ctx.fields.get('MessageID'));
		if (!rec) return this.error(ctx.method, 'MessageID_Invalid');
		const nowMs = this.clock.nowMs();
		return json({
			Status: 'Success',
			Data: {
				MessageID: this.id(rec.id),
				Mobile: `0${rec.mobile}`,
				LineNumber: rec.usedLine,
				SMSMessageText: rec.text,
				RegDateTime: formatReplyDateTime(rec.regAtMs),
				SentDateTime: nowMs >= rec.sendAtMs ? formatReplyDateTime(rec.sendAtMs) : DOTNET_MIN_DATE,
			},
		});
	}

	/** FromDateTime / ToDateTime → [from, to] in ms, or the failing status. */
	private range(ctx: Ctx): [number, number] | string {
		const fromRaw = ctx.fields.get('FromDateTime');
		const toRaw = ctx.fields.get('ToDateTime');
		const from = fromRaw === undefined ? undefined : parseRequestDateTime(fromRaw);
		if (from === undefined) return 'FromDateTime_Invalid';
		const to = toRaw === undefined ? undefined : parseRequestDateTime(toRaw);
		if (to === undefined) return 'ToDateTime_Invalid';
		if (from > to) return 'FromDateTimeIsAfterThanToDateTime';
		return [from, to];
	}

	private getMessages(ctx: Ctx): Result {
		const r = this.range(ctx);
		if (typeof r === 'string') return this.error(ctx.method, r);
		const data = this.sent
			.filter((m) => m.account === ctx.account.id && m.regAtMs >= r[0] && m.regAtMs <= r[1])
			.map((m) => ({
				MessageID: this.id(m.id),
				Mobile: `0${m.mobile}`,
				LineNumber: m.usedLine,
				SMSMessageText: m.text,
				RegDateTime: formatReplyDateTime(m.regAtMs),
			}));
		return json({ Status: 'Success', Data: data });
	}

	private deliveryType(rec: SentRecord): number {
		const o = this.deliveryOverrides.get(rec.id.toString());
		if (o !== undefined) return o;
		const nowMs = this.clock.nowMs();
		return nowMs - rec.sendAtMs >= DELIVERED_AFTER_MS
			? DELIVERED_DELIVERY_TYPE
			: PENDING_DELIVERY_TYPE;
	}

	private deliveryItem(rec: SentRecord): Record<string, Jsonable> {
		const sent = this.clock.nowMs() >= rec.sendAtMs;
		return {
			MessageID: this.id(rec.id),
			DeliveryType: this.deliveryType(rec),
			Cost: 0,
			RegDateTime: formatReplyDateTime(rec.regAtMs),
			SendDateTime: formatReplyDateTime(sent ? rec.sendAtMs : rec.regAtMs),
		};
	}

	private getDelivery(ctx: Ctx): Result {
		const rec = this.ownMessage(ctx, ctx.fields.get('MessageID'));
		if (!rec) return this.error(ctx.method, 'Failed');
		return json({ Status: 'Success', Data: this.deliveryItem(rec) });
	}

	private getDeliveries(ctx: Ctx): Result {
		const raw = ctx.fields.get('ListMessageID');
		const parts = raw === undefined ? [] : raw.split(',').map((s) => s.trim());
		if (parts.length === 0 || parts.some((p) => parseId(p) === undefined))
			return this.error(ctx.method, 'Failed');
		if (parts.length > this.switches.maxDeliveryIds)
			return this.error(ctx.method, 'Length_Exceeded');
		const data = parts.map((p) => {
			const rec = this.ownMessage(ctx, p);
			if (!rec) {
				return {
					MessageID: this.id(parseId(p)!),
					DeliveryType: 0,
					Cost: 0,
					RegDateTime: DOTNET_MIN_DATE,
					SendDateTime: DOTNET_MIN_DATE,
					Status: 'MessageID_Invalid',
				};
			}
			return { ...this.deliveryItem(rec), Status: 'Success' };
		});
		return json({ Status: 'Success', Data: data });
	}

	private getDeliveriesByCampaign(ctx: Ctx): Result {
		const id = parseId(ctx.fields.get('CampaignID'));
		const recs = id === undefined ? undefined : this.campaigns.get(id.toString());
		if (!recs || recs[0].account !== ctx.account.id)
			return this.error(ctx.method, 'BulkID_Invalid');
		return json({
			Status: 'Success',
			Data: recs.map((r) => ({
				...this.deliveryItem(r),
				Number: `0${r.mobile}`,
				Status: 'Success',
			})),
		});
	}

	// ------------------------------------------------------------------ account

	private accountStatus(ctx: Ctx): Result {
		const a = ctx.account;
		return json({
			Status: 'Success',
			AccountName: a.name,
			RemaindCredit: a.credit,
			...PRICES,
			ListLineNumbers: [...a.lines],
		});
	}

	// ------------------------------------------------------------------ inbox

	private recieveMessages(ctx: Ctx): Result {
		const r = this.range(ctx);
		if (typeof r === 'string') return this.error(ctx.method, r);
		const lineRaw = (ctx.fields.get('LineNumber') ?? '').trim();
		if (lineRaw !== '' && !ctx.account.receivingLines.includes(lineRaw))
			return this.error(ctx.method, 'LineNumber_NotExist');
		const nowMs = this.clock.nowMs();
		let rows = this.inbox
			.filter(
				(m) =>
					m.account === ctx.account.id &&
					m.visibleAtMs <= nowMs &&
					m.receivedAtMs >= r[0] &&
					m.receivedAtMs <= r[1] &&
					(lineRaw === '' || m.line === lineRaw),
			)
			.sort((a, b) => a.receivedAtMs - b.receivedAtMs || a.seq - b.seq);
		if (this.switches.receiveMaxRows > 0) rows = rows.slice(0, this.switches.receiveMaxRows);
		return json({
			Status: 'Success',
			Data: rows.map((m) => ({
				MessageID: m.id.toString(),
				Mobile: m.mobile,
				LineNumber: m.line,
				MessageText: m.text,
				ReceiveDateTime: formatReplyDateTime(m.receivedAtMs),
			})),
		});
	}

	private recieveNewMessages(ctx: Ctx): Result {
		const raw = (ctx.fields.get('Count') ?? '').trim();
		if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1)
			return this.error(ctx.method, 'Count_Invalid');
		const nowMs = this.clock.nowMs();
		const rows = this.inbox
			.filter((m) => m.account === ctx.account.id && !m.pulled && m.visibleAtMs <= nowMs)
			.sort((a, b) => a.visibleAtMs - b.visibleAtMs || a.seq - b.seq)
			.slice(0, Number(raw));
		for (const m of rows) m.pulled = true;
		return json({
			Status: 'Success',
			Message: rows.length > 0 ? NEW_MESSAGES_FOUND : NO_NEW_MESSAGES,
			Data: rows.map((m) => ({
				MessageID: m.id.toString(),
				Mobile: m.mobile,
				MessageText: m.text,
				ReceiveDateTime: formatReplyDateTime(m.receivedAtMs),
			})),
		});
	}

	// ------------------------------------------------------------------ relays

	private relayCreate(ctx: Ctx, kind: 'recieve' | 'delivery'): Result {
		const url = (ctx.fields.get('URLAddress') ?? '').trim();
		const idField = kind === 'recieve' ? 'RelayRecieveMessageID' : 'RelayMessageDeliveryID';
		if (url === '') return this.error(ctx.method, 'URLAddress_Empty');
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
			return this.error(ctx.method, 'Failed');
		if (this.relays.some((r) => r.kind === kind && r.account === ctx.account.id && r.url === url)) {
			return this.error(ctx.method, 'URLAddress_Duplicate');
		}
		const rec: RelayRecord = {
			kind,
			id: this.nextRelayId++,
			account: ctx.account.id,
			url,
			active: true,
			regAtMs: this.clock.nowMs(),
		};
		this.relays.push(rec);
		return json({ Status: 'Success', [idField]: this.id(rec.id) });
	}

	private relayList(ctx: Ctx, kind: 'recieve' | 'delivery'): Result {
		const data = this.relays
			.filter((r) => r.kind === kind && r.account === ctx.account.id)
			.map((r) => ({
				ID: this.id(r.id),
				EncryptedID: Buffer.from(`${kind}:${r.id}`).toString('base64'),
				Active: r.active,
				RegDateTime: formatReplyDateTime(r.regAtMs),
				URLAddress: r.url,
			}));
		return json({ Status: 'Success', Data: data });
	}

	private relaySetActive(ctx: Ctx, kind: 'recieve' | 'delivery'): Result {
		const id = parseId(
			ctx.fields.get(kind === 'recieve' ? 'RelayRecieveMessageID' : 'RelayMessageDeliveryID'),
		);
		const activeRaw = (ctx.fields.get('Active') ?? '').trim().toLowerCase();
		if (id === undefined || (activeRaw !== 'true' && activeRaw !== 'false')) return json('Failed');
		const rec = this.relays.find(
			(r) => r.kind === kind && r.account === ctx.account.id && r.id === id,
		);
		if (!rec) return json('Failed');
		rec.active = activeRaw === 'true';
		return json('Success');
	}
}

/** `{0}`, `{1}`, … of a pattern replaced by the values. */
function fillPattern(text: string, values: string[]): string {
	return text.replace(/\{([0-9]+)\}/g, (all, n: string) => values[Number(n)] ?? all);
}

/** A JSON member as a form field would carry it (arrays comma-joined). */
function jsonFieldText(v: JsonValue): string | undefined {
	if (v === null) return undefined;
	if (typeof v === 'string') return v;
	if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) {
		const parts = v.map(jsonFieldText);
		return parts.some((p) => p === undefined) ? undefined : parts.join(',');
	}
	return undefined;
}

/** Masks `Token=...` in a form body or query string. */
export function maskFormToken(text: string): string {
	return text.replace(/(^|[?&])(token=)[^&#]*/gi, '$1$2***');
}
