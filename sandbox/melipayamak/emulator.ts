/**
 * State and API behaviour of the Melipayamak emulator: the legacy REST surface
 * (`/api/SendSMS/{Method}`), the SOAP 1.1 ASMX surface (`/post/{Send,Receive,Users}.asmx`)
 * and the console REST surface (`/api/{send,receive}/{op}/{consoleKey}`), on one loopback port.
 * Transport (HTTP server, log, faults, control surface) lives in ../core. Spec §8.
 */
import { randomInt } from 'node:crypto';

import type { SandboxClock } from '../core/clock';
import type { ActiveFault } from '../core/faults';
import { pad, tehranDayKey, tehranWallTime } from '../core/iran-time';
import { getMember, isJsonObject, JsonSyntaxError, maskJsonStringMembers, parseJson, toJson } from '../core/json';
import type { JsonObject, JsonValue, Jsonable } from '../core/json';
import type { ApiResolution, FaultBodyKind, SandboxRequest, SandboxResponse } from '../core/server';
import {
	ACCOUNTS,
	BASE_PRICE,
	BLACKLISTED_NUMBER,
	CONSOLE_BAD_INPUT_FA,
	CONSOLE_BAD_KEY_FA,
	CONSOLE_BAD_NUMBER_FA,
	CONSOLE_KEY,
	CONSOLE_NO_CREDIT_FA,
	CONSOLE_OPERATIONS,
	CONSOLE_TEMPLATE_FA,
	CREDIT_SCALE,
	DELIVERED_AFTER_MS,
	FILTERED_WORD,
	FIRST_BIG_MSG_ID,
	FIRST_MSG_ID,
	FIRST_REC_ID,
	INT64_MAX,
	MAX_SIMPLE_RECIPIENTS,
	NO_LINK_LINE,
	OPT_OUT,
	PUBLIC_LINE,
	REC_ID_STEP,
	REST_METHODS,
	SENT_FOR_MS,
	SOAP_OPERATIONS,
	STATUS_OK_FA,
	TEMPLATES,
	UNKNOWN_REC_ID_CODE,
} from './constants';
import type { AccountFixture, ConsoleOperation, RestMethod, SoapService, TemplateFixture } from './constants';
import { billedParts } from './sms-parts';
import {
	maskSoapPassword,
	processRequestFault,
	readBool,
	readInt32,
	readInt64Array,
	readRequestFault,
	readSoapCall,
	readString,
	readStringArray,
	soapActionOf,
	SoapClientError,
	soapResponse,
	unknownActionFault,
} from './soap';
import type { SoapResult, XmlElement } from './soap';

// ------------------------------------------------------------------ public types

export interface MelipayamakSwitches {
	/** GetDeliveries2 / GetDeliveries / console status for a recId the account never sent. */
	unknownRecIdCode: number;
	/** RetStatus of that GetDeliveries2 reply (1 = "Ok", anything else = "InvalidData"). */
	unknownRecIdRetStatus: number;
	/** REST methods that answer the ASP.NET object `{"Message":"An unexpected error occured"}` (nothing processed). */
	restUnexpectedErrorMethods: string[];
	restUnexpectedErrorStatus: number;
	/** How SendSimpleSMS reports a whole-call failure: one element with the code, or the code once per recipient. */
	soapSendFailureShape: 'single' | 'perRecipient';
	/** Forces ForgotPassword's result (e.g. 0, 2) with no side effect; null = normal behaviour. */
	forgotPasswordResult: number | null;
	/** HTTP status of the console's invalid-key reply. */
	consoleBadKeyStatus: number;
	/** Console send/otp writes `code` as a JSON number instead of a string (a leading zero is lost). */
	otpCodeAsNumber: boolean;
	/** New inbox/outbox MsgIDs start above 2^31 (GetMessagesAfterID's int `msgId` cannot express them). */
	bigMsgIds: boolean;
}

export const DEFAULT_SWITCHES: Readonly<MelipayamakSwitches> = Object.freeze({
	unknownRecIdCode: UNKNOWN_REC_ID_CODE,
	unknownRecIdRetStatus: 1,
	restUnexpectedErrorMethods: [],
	restUnexpectedErrorStatus: 500,
	soapSendFailureShape: 'single',
	forgotPasswordResult: null,
	consoleBadKeyStatus: 200,
	otpCodeAsNumber: false,
	bigMsgIds: false,
});

export interface AccountInfo {
	username: string;
	/** Remaining credit as the API writes it (decimal string). */
	credit: string;
	lines: string[];
	apiKeyOnly: boolean;
	inactive: boolean;
	ipBlocked: boolean;
	/** −109 while true and allowedIps is empty. */
	requireAllowedIps: boolean;
	/** Non-empty: callers outside the list get −111. */
	allowedIps: string[];
	/** Recipients per Tehran day for free-text sends; null = no limit (→ 3 when exceeded). */
	dailyLimit: number | null;
	subUsers: string[];
}

export interface AccountPatch {
	credit?: string | number;
	inactive?: boolean;
	ipBlocked?: boolean;
	apiKeyOnly?: boolean;
	requireAllowedIps?: boolean;
	allowedIps?: string[];
	dailyLimit?: number | null;
}

export type SendPath =
	| 'rest:SendSMS'
	| 'rest:BaseServiceNumber'
	| 'soap:SendSimpleSMS'
	| 'soap:SendSimpleSMS2'
	| 'soap:SendByBaseNumber'
	| 'soap:SendByBaseNumber2'
	| 'console:send/otp'
	| 'console:send/simple'
	| 'console:send/shared';

export interface SentSms {
	recId: string;
	username: string;
	path: SendPath;
	from: string;
	to: string;
	text: string;
	bodyId?: number;
	isFlash: boolean;
	parts: number;
	at: Date;
}

export interface InboxMessage {
	msgId: string;
	username: string;
	sender: string;
	receiver: string;
	body: string;
	at: Date;
	parts: number;
	isFlash: boolean;
	read: boolean;
}

export interface OtpRecord {
	to: string;
	code: string;
	recId: string;
	at: Date;
}

export interface PasswordRecovery {
	reseller: string;
	targetUsername: string;
	mobileNumber: string;
	emailAddress: string;
	/** The reseller's mobile on file, where the "SMS with the password" went. */
	sentTo: string;
	at: Date;
}

// ------------------------------------------------------------------ internal records

interface AccountState {
	fixture: AccountFixture;
	userId: number;
	credit: bigint;
	apiKeyOnly: boolean;
	inactive: boolean;
	ipBlocked: boolean;
	requireAllowedIps: boolean;
	allowedIps: string[];
	dailyLimit: number | null;
	sentPerDay: Map<string, number>;
}

interface SentRecord {
	recId: bigint;
	msgId: bigint;
	username: string;
	path: SendPath;
	from: string;
	to: string;
	text: string;
	bodyId?: number;
	isFlash: boolean;
	parts: number;
	atMs: number;
}

interface InboxRecord {
	msgId: bigint;
	username: string;
	sender: string;
	receiver: string;
	body: string;
	atMs: number;
	parts: number;
	isFlash: boolean;
	read: boolean;
	removed: boolean;
}

type Surface = 'rest' | 'soap' | 'console';

interface Current {
	surface: Surface;
	/** REST method, SOAP operation or console operation (undefined when the path matched nothing). */
	op?: string;
}

/** Auth failure: `wrong` = username/password wrong; otherwise an account-security code (§5.5). */
type AuthFailure = { failure: 'wrong' } | { failure: 'security'; code: number };
type AuthResult = AccountState | AuthFailure;

const MOBILE_RE = /^09[0-9]{9}$/;
const LINK_RE = /(https?:\/\/|www\.)|\b[a-z0-9-]+\.(ir|com|net|org|io|me|info|link)\b/i;
const PERSIAN_ONE = /[\u06F1\u0661]/g;

function isFailure(a: AuthResult): a is AuthFailure {
	return (a as AuthFailure).failure !== undefined;
}

function authCode(a: AuthFailure): number {
	return a.failure === 'wrong' ? 0 : a.code;
}

function json(status: number, value: Jsonable, headers: Record<string, string> = {}): SandboxResponse {
	return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: toJson(value) };
}

/** The legacy REST envelope; `Value` always written as a JSON string, as in every observed reply. */
function envelope(value: string, retStatus = 1): SandboxResponse {
	return json(200, { Value: value, RetStatus: retStatus, StrRetStatus: retStatus === 1 ? 'Ok' : 'InvalidData' });
}

function restFailure(code: number | string): SandboxResponse {
	return envelope(String(code), 35);
}

const IIS_503 =
	'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
	'<HTML><HEAD><TITLE>Service Unavailable</TITLE></HEAD><BODY><h2>Service Unavailable</h2>' +
	'<hr><p>HTTP Error 503. The service is unavailable.</p></BODY></HTML>\r\n';
const IIS_429 =
	'<!DOCTYPE html><html><head><title>Too Many Requests</title></head>' +
	'<body><h2>HTTP Error 429. Too many requests.</h2></body></html>\r\n';

/** Credit in hundredths → the API's decimal text ("1520.5", "0"). */
export function formatCredit(hundredths: bigint): string {
	const neg = hundredths < 0n;
	const abs = neg ? -hundredths : hundredths;
	const whole = abs / CREDIT_SCALE;
	const frac = (abs % CREDIT_SCALE).toString().padStart(2, '0').replace(/0+$/, '');
	return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

export function parseCredit(value: string | number | bigint): bigint {
	if (typeof value === 'bigint') return value * CREDIT_SCALE;
	const text = typeof value === 'number' ? String(value) : value.trim();
	const m = /^(-?)([0-9]{1,15})(?:\.([0-9]{1,2}))?$/.exec(text);
	if (!m) throw new Error('credit must be a decimal with at most 2 fraction digits');
	const v = BigInt(m[2]) * CREDIT_SCALE + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
	return m[1] === '-' ? -v : v;
}

/** .NET xs:dateTime of an Iran wall-clock time without offset, fraction trimmed ("2026-11-23T10:15:42.17"). */
export function formatSendDate(atMs: number): string {
	const w = tehranWallTime(atMs);
	const ms = ((atMs % 1000) + 1000) % 1000;
	const frac = ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
	return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${frac}`;
}

function hasOptOut(text: string): boolean {
	return text.replace(PERSIAN_ONE, '1').includes(OPT_OUT);
}

// ------------------------------------------------------------------ the emulator

export class MelipayamakEmulator {
	private accounts = new Map<string, AccountState>();
	private switches: MelipayamakSwitches = { ...DEFAULT_SWITCHES, restUnexpectedErrorMethods: [] };
	private sent: SentRecord[] = [];
	private sentById = new Map<string, SentRecord>();
	private inbox: InboxRecord[] = [];
	private deliveryOverrides = new Map<string, number>();
	private otps: OtpRecord[] = [];
	private recoveries: PasswordRecovery[] = [];
	private nextOtpCodes: string[] = [];
	private nextRecId = FIRST_REC_ID;
	private nextMsgId = FIRST_MSG_ID;
	/** What the request being resolved is; read by faultResponse in the same tick (see resolve). */
	private current: Current = { surface: 'rest' };

	constructor(private readonly clock: SandboxClock) {
		this.reset();
	}

	// ------------------------------------------------------------------ state / control

	reset(): void {
		this.accounts = new Map();
		ACCOUNTS.forEach((f, i) => {
			this.accounts.set(f.username.toLowerCase(), {
				fixture: f,
				userId: 5511 + i,
				credit: parseCredit(f.credit),
				apiKeyOnly: Boolean(f.apiKeyOnly),
				inactive: Boolean(f.inactive),
				ipBlocked: Boolean(f.ipBlocked),
				requireAllowedIps: false,
				allowedIps: [],
				dailyLimit: null,
				sentPerDay: new Map(),
			});
		});
		this.switches = { ...DEFAULT_SWITCHES, restUnexpectedErrorMethods: [] };
		this.sent = [];
		this.sentById = new Map();
		this.inbox = [];
		this.deliveryOverrides = new Map();
		this.otps = [];
		this.recoveries = [];
		this.nextOtpCodes = [];
		this.nextRecId = FIRST_REC_ID;
		this.nextMsgId = FIRST_MSG_ID;
	}

	private account(username: string): AccountState {
		const a = this.accounts.get(String(username).toLowerCase());
		if (!a) throw new Error(`Unknown account ${JSON.stringify(username)}; use one of ${ACCOUNTS.map((x) => x.username).join(', ')}`);
		return a;
	}

	accountInfo(username: string): AccountInfo {
		const a = this.account(username);
		return {
			username: a.fixture.username,
			credit: formatCredit(a.credit),
			lines: [...a.fixture.lines],
			apiKeyOnly: a.apiKeyOnly,
			inactive: a.inactive,
			ipBlocked: a.ipBlocked,
			requireAllowedIps: a.requireAllowedIps,
			allowedIps: [...a.allowedIps],
			dailyLimit: a.dailyLimit,
			subUsers: [...(a.fixture.subUsers ?? [])],
		};
	}

	listAccounts(): AccountInfo[] {
		return ACCOUNTS.map((f) => this.accountInfo(f.username));
	}

	patchAccount(username: string, p: AccountPatch): AccountInfo {
		const a = this.account(username);
		const next = { ...a };
		for (const [k, v] of Object.entries(p ?? {})) {
			switch (k) {
				case 'credit':
					if (typeof v !== 'string' && typeof v !== 'number') throw new Error('credit must be a decimal string or number');
					next.credit = parseCredit(v);
					break;
				case 'inactive':
				case 'ipBlocked':
				case 'apiKeyOnly':
				case 'requireAllowedIps':
					if (typeof v !== 'boolean') throw new Error(`${k} must be a boolean`);
					next[k] = v;
					break;
				case 'allowedIps':
					if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) throw new Error('allowedIps must be an array of IP strings');
					next.allowedIps = (v as string[]).map((x) => x.trim());
					break;
				case 'dailyLimit':
					if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) throw new Error('dailyLimit must be a non-negative integer or null');
					next.dailyLimit = v as number | null;
					break;
				default:
					throw new Error(`Unknown account field ${JSON.stringify(k)}`);
			}
		}
		Object.assign(a, next);
		return this.accountInfo(username);
	}

	getSwitches(): MelipayamakSwitches {
		return { ...this.switches, restUnexpectedErrorMethods: [...this.switches.restUnexpectedErrorMethods] };
	}

	setSwitches(s: Partial<MelipayamakSwitches>): void {
		const next = this.getSwitches();
		for (const [key, value] of Object.entries(s ?? {})) {
			switch (key) {
				case 'unknownRecIdCode':
				case 'unknownRecIdRetStatus':
					if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${key} must be an integer`);
					next[key] = value;
					break;
				case 'restUnexpectedErrorStatus':
				case 'consoleBadKeyStatus':
					if (typeof value !== 'number' || !Number.isInteger(value) || value < 200 || value > 599) throw new Error(`${key} must be an HTTP status (200-599)`);
					next[key] = value;
					break;
				case 'restUnexpectedErrorMethods': {
					const known = REST_METHODS.map((m) => m.toLowerCase());
					if (!Array.isArray(value) || value.some((m) => typeof m !== 'string' || !known.includes(m.toLowerCase()))) {
						throw new Error(`restUnexpectedErrorMethods must list REST methods (${REST_METHODS.join(', ')})`);
					}
					next.restUnexpectedErrorMethods = [...(value as string[])];
					break;
				}
				case 'soapSendFailureShape':
					if (value !== 'single' && value !== 'perRecipient') throw new Error("soapSendFailureShape must be 'single' or 'perRecipient'");
					next.soapSendFailureShape = value;
					break;
				case 'forgotPasswordResult':
					if (value !== null && (typeof value !== 'number' || !Number.isInteger(value))) throw new Error('forgotPasswordResult must be an integer or null');
					next.forgotPasswordResult = value as number | null;
					break;
				case 'otpCodeAsNumber':
				case 'bigMsgIds':
					if (typeof value !== 'boolean') throw new Error(`${key} must be a boolean`);
					next[key] = value;
					break;
				default:
					throw new Error(`Unknown switch ${JSON.stringify(key)}`);
			}
		}
		this.switches = next;
		if (next.bigMsgIds && this.nextMsgId < FIRST_BIG_MSG_ID) this.nextMsgId = FIRST_BIG_MSG_ID;
	}

	addInbound(m: { from: string; to?: string; text: string; at?: Date; isFlash?: boolean }): InboxMessage {
		if (!m || typeof m.from !== 'string' || m.from.trim() === '') throw new Error('from (the sender mobile) is required');
		if (typeof m.text !== 'string') throw new Error('text is required');
		const to = m.to ?? ACCOUNTS[0].lines[0];
		const owner = ACCOUNTS.find((a) => a.lines.includes(to) && a.username === 'good') ?? ACCOUNTS.find((a) => a.lines.includes(to));
		if (!owner) throw new Error(`to must be a line of an account (${[...new Set(ACCOUNTS.flatMap((a) => a.lines))].join(', ')})`);
		const at = m.at ?? this.clock.now();
		if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Error('at must be a valid date');
		const rec: InboxRecord = {
			msgId: this.takeMsgId(),
			username: owner.username,
			sender: m.from.trim(),
			receiver: to,
			body: m.text,
			atMs: at.getTime(),
			parts: Math.max(1, billedParts(m.text)),
			isFlash: Boolean(m.isFlash),
			read: false,
			removed: false,
		};
		this.inbox.push(rec);
		return this.inboxView(rec);
	}

	listInbox(): InboxMessage[] {
		return this.inbox.filter((m) => !m.removed).map((m) => this.inboxView(m));
	}

	private inboxView(m: InboxRecord): InboxMessage {
		return {
			msgId: m.msgId.toString(),
			username: m.username,
			sender: m.sender,
			receiver: m.receiver,
			body: m.body,
			at: new Date(m.atMs),
			parts: m.parts,
			isFlash: m.isFlash,
			read: m.read,
		};
	}

	sentMessages(): SentSms[] {
		return this.sent.map((r) => ({
			recId: r.recId.toString(),
			username: r.username,
			path: r.path,
			from: r.from,
			to: r.to,
			text: r.text,
			...(r.bodyId !== undefined ? { bodyId: r.bodyId } : {}),
			isFlash: r.isFlash,
			parts: r.parts,
			at: new Date(r.atMs),
		}));
	}

	setDeliveryStatus(recId: string, code: number): void {
		const id = String(recId).trim();
		if (!/^[0-9]{1,19}$/.test(id) || BigInt(id) > INT64_MAX) throw new Error('recId must be a decimal integer string (int64)');
		if (!Number.isInteger(code)) throw new Error('code must be an integer');
		this.deliveryOverrides.set(BigInt(id).toString(), code);
	}

	otpLog(): OtpRecord[] {
		return this.otps.map((o) => ({ ...o, at: new Date(o.at) }));
	}

	/** The next console OTP codes (digits), used before random ones. */
	queueOtpCode(code: string): void {
		if (!/^[0-9]{4,10}$/.test(code)) throw new Error('code must be 4 to 10 digits');
		this.nextOtpCodes.push(code);
	}

	passwordRecoveries(): PasswordRecovery[] {
		return this.recoveries.map((r) => ({ ...r, at: new Date(r.at) }));
	}

	private takeRecId(): bigint {
		const id = this.nextRecId;
		this.nextRecId += REC_ID_STEP;
		return id;
	}

	private takeMsgId(): bigint {
		const id = this.nextMsgId;
		this.nextMsgId += 1n;
		return id;
	}

	// ------------------------------------------------------------------ routing

	/**
	 * Routes a request. It also records which surface/operation is being handled, for
	 * `faultResponse`: the core server calls resolve, takes a fault and (for pre-processing
	 * faults) builds the fault reply in the same synchronous run, so no other request can
	 * interleave.
	 */
	resolve(req: SandboxRequest): ApiResolution {
		const segs = req.pathname.split('/').filter((s, i, all) => !(s === '' && i === all.length - 1));
		const lower = segs.map((s) => s.toLowerCase());
		// ['', 'api', 'sendsms', '{Method}']
		if (lower.length === 4 && lower[1] === 'api' && lower[2] === 'sendsms') {
			const method = REST_METHODS.find((m) => m.toLowerCase() === lower[3]);
			this.current = { surface: 'rest', op: method };
			if (!method) return { names: ['rest'], run: () => this.restNotFound(req) };
			return { names: ['rest', `rest:${method}`, method, `/api/SendSMS/${method}`], run: () => this.rest(method, req) };
		}
		// ['', 'post', 'send.asmx']
		if (lower.length === 3 && lower[1] === 'post' && lower[2].endsWith('.asmx')) {
			const service = (Object.keys(SOAP_OPERATIONS) as SoapService[]).find((s) => `${s.toLowerCase()}.asmx` === lower[2]);
			if (!service) {
				this.current = { surface: 'soap' };
				return { names: ['soap'], run: () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h2>404 - File or directory not found.</h2></body></html>' }) };
			}
			const action = soapActionOf(req.headers.soapaction);
			const opName = action?.startsWith('http://tempuri.org/') ? action.slice('http://tempuri.org/'.length) : undefined;
			const op = opName !== undefined && SOAP_OPERATIONS[service].includes(opName) ? opName : undefined;
			this.current = { surface: 'soap', op };
			const names = ['soap', `/post/${service}.asmx`, ...(op ? [`soap:${op}`, op] : [])];
			return { names, run: () => this.soap(service, op, action, req) };
		}
		// ['', 'api', 'send'|'receive', op, key]
		if (lower.length === 5 && lower[1] === 'api' && (lower[2] === 'send' || lower[2] === 'receive')) {
			const op = CONSOLE_OPERATIONS.find((o) => o === `${lower[2]}/${lower[3]}`);
			this.current = { surface: 'console', op };
			if (!op) return { names: ['console'], run: () => json(404, { message: 'Not Found' }) };
			let key = segs[4];
			try {
				key = decodeURIComponent(key);
			} catch {
				/* keep raw */
			}
			return { names: ['console', `console:${op}`], run: () => this.console(op, key, req) };
		}
		this.current = { surface: 'rest' };
		return { run: () => ({ status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h2>404 - File or directory not found.</h2></body></html>' }) };
	}

	faultResponse(kind: FaultBodyKind, status: number, fault: ActiveFault): SandboxResponse {
		const { surface, op } = this.current;
		if (kind === 'http503') return { status, headers: { 'content-type': 'text/html' }, body: IIS_503 };
		if (surface === 'soap') {
			if (kind === 'http500') return { ...processRequestFault('System.Exception: injected server error.'), status };
			if (kind === 'http429') return { status, headers: { 'content-type': 'text/html' }, body: IIS_429 };
			return { ...soapResponse(op ?? 'Unknown', this.soapCodeResult(op, fault.code ?? 6)), status };
		}
		if (surface === 'console') {
			if (kind === 'http500') return json(status, { status: 'خطای داخلی سرور' });
			if (kind === 'http429') return json(status, { status: 'تعداد درخواست ها بیش از حد مجاز است' });
			return json(status, { status: CONSOLE_BAD_INPUT_FA });
		}
		if (kind === 'http500') return json(status, { Message: 'An error has occurred.' });
		if (kind === 'http429') return { status, headers: { 'content-type': 'text/html' }, body: IIS_429 };
		return { ...restFailure(fault.code ?? 6), status };
	}

	maskBody(req: SandboxRequest, body: string): string {
		const p = req.pathname.toLowerCase();
		if (p.startsWith('/post/')) return maskSoapPassword(body);
		const ct = String(req.headers['content-type'] ?? '').toLowerCase();
		if (ct.includes('json') || body.trimStart().startsWith('{')) return maskJsonStringMembers(body, ['password']);
		return body.replace(/(^|&)(password=)([^&]*)/gi, '$1$2***');
	}

	// ------------------------------------------------------------------ authentication

	private authenticate(username: string | null | undefined, password: string | null | undefined, remote: string): AuthResult {
		const a = username ? this.accounts.get(username.trim().toLowerCase()) : undefined;
		if (!a) return { failure: 'wrong' };
		if (a.ipBlocked) return { failure: 'security', code: -108 };
		if (password === a.fixture.apiKey) {
			/* the API key is accepted in place of the password */
		} else if (password === a.fixture.password) {
			if (a.apiKeyOnly) return { failure: 'security', code: -110 };
		} else return { failure: 'wrong' };
		if (a.requireAllowedIps && a.allowedIps.length === 0) return { failure: 'security', code: -109 };
		if (a.allowedIps.length > 0 && !a.allowedIps.includes(remote)) return { failure: 'security', code: -111 };
		return a;
	}

	// ------------------------------------------------------------------ shared send logic

	/** Free-text checks shared by every path, before recipients. Returns a §5.2 code or undefined. */
	private freeTextCheck(a: AccountState, from: string, text: string): number | undefined {
		if (a.inactive) return 10;
		if (text.trim() === '') return 17;
		if (!a.fixture.lines.includes(from)) return from === PUBLIC_LINE ? 9 : 5;
		if (text.includes(FILTERED_WORD)) return 7;
		if (from === NO_LINK_LINE && LINK_RE.test(text)) return 14;
		return undefined;
	}

	private dayCount(a: AccountState): number {
		return a.sentPerDay.get(tehranDayKey(this.clock.nowMs())) ?? 0;
	}

	private record(a: AccountState, s: Omit<SentRecord, 'recId' | 'msgId' | 'username' | 'atMs' | 'parts'>): SentRecord {
		const parts = Math.max(1, billedParts(s.text));
		const rec: SentRecord = { ...s, recId: this.takeRecId(), msgId: this.takeMsgId(), username: a.fixture.username, atMs: this.clock.nowMs(), parts };
		a.credit -= BigInt(parts) * CREDIT_SCALE;
		this.sent.push(rec);
		this.sentById.set(rec.recId.toString(), rec);
		return rec;
	}

	/**
	 * Free-text send to one or more numbers. Returns a whole-call code, or one entry per
	 * recipient (recId or code).
	 */
	private sendFreeText(
		a: AccountState,
		path: SendPath,
		from: string,
		to: string[],
		text: string,
		isFlash: boolean,
	): { code: number } | { results: Array<bigint | number> } {
		if (a.inactive) return { code: 10 };
		if (to.length === 0) return { code: 18 };
		if (to.length > MAX_SIMPLE_RECIPIENTS) return { code: 4 };
		const pre = this.freeTextCheck(a, from, text);
		if (pre !== undefined) return { code: pre };
		if (to.length > 1 && !hasOptOut(text)) return { code: 15 };
		const verdicts = to.map((n) => (!MOBILE_RE.test(n) ? 18 : n === BLACKLISTED_NUMBER ? 35 : 0));
		const deliverable = verdicts.filter((v) => v === 0).length;
		if (deliverable === 0) return to.length === 1 ? { code: verdicts[0] } : { results: verdicts };
		if (a.dailyLimit !== null && this.dayCount(a) + deliverable > a.dailyLimit) return { code: 3 };
		const cost = BigInt(Math.max(1, billedParts(text)) * deliverable) * CREDIT_SCALE;
		if (cost > a.credit) return { code: 2 };
		const day = tehranDayKey(this.clock.nowMs());
		a.sentPerDay.set(day, this.dayCount(a) + deliverable);
		return {
			results: to.map((n, i) => (verdicts[i] !== 0 ? verdicts[i] : this.record(a, { path, from, to: n, text, isFlash }).recId)),
		};
	}

	/** Pattern send (shared service line). Returns a recId or a §5.3 code. */
	private sendPattern(a: AccountState, path: SendPath, to: string, bodyId: number, variables: string[] | null): bigint | number {
		if (a.inactive) return -1;
		const numbers = to.split(/[,;\s]+/).filter(Boolean);
		if (numbers.length > 1) return -2;
		if (numbers.length === 0 || !MOBILE_RE.test(numbers[0])) return 18;
		const tpl = TEMPLATES.find((t) => t.bodyId === bodyId);
		if (!tpl || !tpl.approved) return -4;
		const vars = variables ?? [];
		if (vars.length !== tpl.variables || vars.some((v) => v.trim() === '')) return -5;
		if (vars.some((v) => LINK_RE.test(v))) return -10;
		const text = renderTemplate(tpl, vars);
		const cost = BigInt(Math.max(1, billedParts(text))) * CREDIT_SCALE;
		if (cost > a.credit) return 2;
		return this.record(a, { path, from: 'shared', to: numbers[0], text, bodyId, isFlash: false }).recId;
	}

	private deliveryCode(a: AccountState, recId: bigint): number | undefined {
		const rec = this.sentById.get(recId.toString());
		if (!rec || rec.username !== a.fixture.username) return undefined;
		const override = this.deliveryOverrides.get(recId.toString());
		if (override !== undefined) return override;
		const age = this.clock.nowMs() - rec.atMs;
		return age < SENT_FOR_MS ? 200 : age < DELIVERED_AFTER_MS ? 8 : 1;
	}

	// ------------------------------------------------------------------ legacy REST

	private restNotFound(req: SandboxRequest): SandboxResponse {
		return json(404, { Message: `No HTTP resource was found that matches the request URI 'https://rest.payamak-panel.com${req.rawPath}'.` });
	}

	/** Form-urlencoded or JSON; member names case-insensitive; every value as text. */
	private restFields(req: SandboxRequest): Map<string, string> | SandboxResponse {
		const fields = new Map<string, string>();
		const media = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (req.body.trim() === '') return fields;
		if (media === 'application/x-www-form-urlencoded') {
			for (const [k, v] of new URLSearchParams(req.body)) if (!fields.has(k.toLowerCase())) fields.set(k.toLowerCase(), v);
			return fields;
		}
		if (media === 'application/json' || media === 'text/json') {
			let parsed: JsonValue;
			try {
				parsed = parseJson(req.body);
			} catch (err) {
				if (err instanceof JsonSyntaxError) return json(500, { Message: 'An error has occurred.' });
				throw err;
			}
			if (!isJsonObject(parsed)) return json(500, { Message: 'An error has occurred.' });
			for (const k of Object.keys(parsed)) {
				const v = getMember(parsed as JsonObject, k);
				if (v === null || v === undefined || typeof v === 'object') continue;
				if (!fields.has(k.toLowerCase())) fields.set(k.toLowerCase(), String(v));
			}
			return fields;
		}
		return json(415, { Message: `The request entity's media type '${media || 'none'}' is not supported for this resource.` });
	}

	private rest(method: RestMethod, req: SandboxRequest): SandboxResponse {
		if (req.method !== 'POST') {
			return json(405, { Message: `The requested resource does not support http method '${req.method}'.` }, { allow: 'POST' });
		}
		if (this.switches.restUnexpectedErrorMethods.some((m) => m.toLowerCase() === method.toLowerCase())) {
			return json(this.switches.restUnexpectedErrorStatus, { Message: 'An unexpected error occured' });
		}
		const f = this.restFields(req);
		if (!(f instanceof Map)) return f;
		const auth = this.authenticate(f.get('username'), f.get('password'), req.remoteAddress);
		if (isFailure(auth)) {
			if (method === 'GetCredit' && auth.failure === 'wrong') return restFailure('NULL');
			return restFailure(authCode(auth));
		}
		const a = auth;
		switch (method) {
			case 'SendSMS': {
				const to = (f.get('to') ?? '').trim();
				const numbers = to.split(',').map((n) => n.trim());
				const r = this.sendFreeText(a, 'rest:SendSMS', (f.get('from') ?? '').trim(), numbers.length > 1 ? [to] : numbers, f.get('text') ?? '', parseBoolText(f.get('isflash')));
				if ('code' in r) return restFailure(r.code);
				const only = r.results[0];
				return typeof only === 'bigint' ? envelope(only.toString()) : restFailure(only);
			}
			case 'BaseServiceNumber': {
				const bodyId = parseIntText(f.get('bodyid'));
				const text = f.get('text');
				const r = this.sendPattern(a, 'rest:BaseServiceNumber', f.get('to') ?? '', bodyId, text === undefined || text === '' ? null : text.split(';'));
				return typeof r === 'bigint' ? envelope(r.toString()) : restFailure(r);
			}
			case 'GetDeliveries2': {
				const raw = (f.get('recid') ?? '').trim();
				const id = /^[0-9]{1,19}$/.test(raw) && BigInt(raw) <= INT64_MAX ? BigInt(raw) : 0n;
				const code = this.deliveryCode(a, id);
				if (code === undefined) return envelope(String(this.switches.unknownRecIdCode), this.switches.unknownRecIdRetStatus);
				return envelope(String(code));
			}
			case 'GetCredit':
				return envelope(formatCredit(a.credit));
			case 'GetBasePrice':
				return envelope(BASE_PRICE);
			case 'GetUserNumbers':
				return envelope(a.fixture.lines.join(','));
			case 'GetMessages': {
				const rows = this.pageMessages(a, parseIntText(f.get('location')), f.get('from') ?? '', parseIntText(f.get('index')), parseIntText(f.get('count')));
				return envelope(toJson(rows.map((r) => Object.fromEntries(r))));
			}
		}
		return { status: 404 };
	}

	// ------------------------------------------------------------------ SOAP

	private soap(service: SoapService, op: string | undefined, action: string | undefined, req: SandboxRequest): SandboxResponse {
		if (req.method === 'GET') {
			const list = SOAP_OPERATIONS[service].map((o) => `<li>${o}</li>`).join('');
			return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<html><body><h1>${service}</h1><ul>${list}</ul></body></html>` };
		}
		if (req.method !== 'POST') return { status: 405, headers: { allow: 'GET, POST' } };
		const media = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		if (media !== 'text/xml') {
			return { status: 415, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Unsupported media type '${media || 'none'}': this service speaks SOAP 1.1 (text/xml).` };
		}
		if (action === undefined || op === undefined) return unknownActionFault(action ?? '');
		let call: XmlElement;
		try {
			call = readSoapCall(req.body, op).body;
			return this.soapOperation(op, call, req.remoteAddress);
		} catch (err) {
			if (err instanceof SoapClientError) return readRequestFault(err.message);
			throw err;
		}
	}

	/** A result carrying a bare code in the operation's own result type (auth failures, failure200 faults). */
	private soapCodeResult(op: string | undefined, code: number): SoapResult {
		switch (op) {
			case 'SendSimpleSMS':
				return { kind: 'array', itemName: 'string', items: [String(code)] };
			case 'GetDeliveries':
			case 'getMessages':
			case 'GetMessagesAfterID':
			case 'GetMessagesWithChangeIsRead':
				return { kind: 'null' };
			default:
				return { kind: 'scalar', value: String(code) };
		}
	}

	private soapOperation(op: string, call: XmlElement, remote: string): SandboxResponse {
		// Read every parameter first: a malformed value is a read fault whatever the credentials.
		const username = readString(call, 'username');
		const password = readString(call, 'password');
		const reply = (r: SoapResult) => soapResponse(op, r);
		const scalar = (v: string | number | bigint) => reply({ kind: 'scalar', value: String(v) });

		if (op === 'ForgotPassword') {
			const mobileNumber = readString(call, 'mobileNumber') ?? '';
			const emailAddress = readString(call, 'emailAddress') ?? '';
			const targetUsername = readString(call, 'targetUsername') ?? '';
			const auth = this.authenticate(username, password, remote);
			if (isFailure(auth)) return scalar(auth.failure === 'wrong' ? -1 : auth.code);
			if (this.switches.forgotPasswordResult !== null) return scalar(this.switches.forgotPasswordResult);
			const subs = auth.fixture.subUsers ?? [];
			if (!subs.some((u) => u.toLowerCase() === targetUsername.trim().toLowerCase()) || targetUsername.trim() === '') return scalar(0);
			this.recoveries.push({
				reseller: auth.fixture.username,
				targetUsername: targetUsername.trim(),
				mobileNumber,
				emailAddress,
				sentTo: auth.fixture.mobile ?? '',
				at: this.clock.now(),
			});
			return scalar(1);
		}

		type Handler = (a: AccountState) => SandboxResponse;
		let handler: Handler;
		switch (op) {
			case 'SendSimpleSMS':
			case 'SendSimpleSMS2': {
				const to = op === 'SendSimpleSMS' ? readStringArray(call, 'to') : [readString(call, 'to') ?? ''];
				const from = readString(call, 'from') ?? '';
				const text = readString(call, 'text') ?? '';
				const isFlash = readBool(call, 'isflash');
				handler = (a) => {
					const r = this.sendFreeText(a, `soap:${op}`, from.trim(), (to ?? []).map((n) => n.trim()), text, isFlash);
					if (op === 'SendSimpleSMS2') {
						const v = 'code' in r ? r.code : r.results[0];
						return scalar(v);
					}
					if ('code' in r) {
						const items =
							this.switches.soapSendFailureShape === 'perRecipient' && to && to.length > 0 ? to.map(() => String(r.code)) : [String(r.code)];
						return reply({ kind: 'array', itemName: 'string', items });
					}
					return reply({ kind: 'array', itemName: 'string', items: r.results.map(String) });
				};
				break;
			}
			case 'SendByBaseNumber':
			case 'SendByBaseNumber2': {
				const to = readString(call, 'to') ?? '';
				const bodyId = readInt32(call, 'bodyId');
				let vars: string[] | null;
				if (op === 'SendByBaseNumber') vars = readStringArray(call, 'text');
				else {
					const t = readString(call, 'text');
					vars = t === null || t === '' ? null : t.split(';');
				}
				handler = (a) => scalar(this.sendPattern(a, `soap:${op}`, to, bodyId, vars));
				break;
			}
			case 'GetDeliveries': {
				const ids = readInt64Array(call, 'recIds') ?? [];
				handler = (a) =>
					reply({ kind: 'array', itemName: 'int', items: ids.map((id) => String(this.deliveryCode(a, id) ?? this.switches.unknownRecIdCode)) });
				break;
			}
			case 'GetCredit':
				handler = (a) => scalar(formatCredit(a.credit));
				break;
			case 'getMessages': {
				const location = readInt32(call, 'location');
				const from = readString(call, 'from') ?? '';
				const index = readInt32(call, 'index');
				const count = readInt32(call, 'count');
				handler = (a) => reply({ kind: 'records', recordName: 'MessagesBL', records: this.pageMessages(a, location, from, index, count) });
				break;
			}
			case 'GetMessagesAfterID': {
				const location = readInt32(call, 'location');
				const from = readString(call, 'from') ?? '';
				const count = readInt32(call, 'count');
				const msgId = BigInt(readInt32(call, 'msgId'));
				handler = (a) => {
					const rows = this.messageRows(a, location, from)
						.filter((m) => m.msgId > msgId)
						.sort((x, y) => (x.msgId < y.msgId ? -1 : x.msgId > y.msgId ? 1 : 0))
						.slice(0, Math.max(0, count));
					return reply({ kind: 'records', recordName: 'MessagesBL', records: rows.map((m) => this.messagesBl(a, m)) });
				};
				break;
			}
			case 'GetInboxCount': {
				const isRead = readBool(call, 'isRead');
				handler = (a) => scalar(this.inbox.filter((m) => m.username === a.fixture.username && !m.removed && m.read === isRead).length);
				break;
			}
			case 'ChangeIsRead': {
				const ids = parseIdList(readString(call, 'msgIds'));
				handler = (a) => {
					for (const m of this.inbox) if (m.username === a.fixture.username && ids.has(m.msgId.toString())) m.read = true;
					return scalar(1);
				};
				break;
			}
			case 'RemoveMessages2': {
				const ids = parseIdList(readString(call, 'msgIds'));
				handler = (a) => {
					for (const m of this.inbox) if (m.username === a.fixture.username && ids.has(m.msgId.toString())) m.removed = true;
					return scalar(1);
				};
				break;
			}
			case 'GetMessagesWithChangeIsRead': {
				const location = readInt32(call, 'location');
				const from = readString(call, 'from') ?? '';
				const index = readInt32(call, 'index');
				const count = readInt32(call, 'count');
				const isRead = readBool(call, 'isRead');
				const changeIsRead = readBool(call, 'changeIsRead');
				handler = (a) => {
					const picked = this.messageRows(a, location, from)
						.filter((m) => !('read' in m) || m.read === isRead)
						.sort((x, y) => (x.msgId > y.msgId ? -1 : x.msgId < y.msgId ? 1 : 0))
						.slice(Math.max(0, index), Math.max(0, index) + Math.max(0, count));
					const records = picked.map((m) => this.messagesBl(a, m));
					if (changeIsRead) for (const m of picked) if ('read' in m) m.read = true;
					return reply({ kind: 'records', recordName: 'MessagesBL', records });
				};
				break;
			}
			default:
				return processRequestFault(`System.NotImplementedException: ${op}`);
		}
		const auth = this.authenticate(username, password, remote);
		if (isFailure(auth)) return reply(this.soapCodeResult(op, authCode(auth)));
		return handler(auth);
	}

	/** Received (location 1), sent (2) or both (−1) rows of an account, optionally of one line. */
	private messageRows(a: AccountState, location: number, line: string): Array<InboxRecord | SentRecord> {
		const rows: Array<InboxRecord | SentRecord> = [];
		const lineFilter = line.trim();
		if (location === 1 || location === -1) {
			rows.push(...this.inbox.filter((m) => m.username === a.fixture.username && !m.removed && (lineFilter === '' || m.receiver === lineFilter)));
		}
		if (location === 2 || location === -1) {
			rows.push(...this.sent.filter((m) => m.username === a.fixture.username && (lineFilter === '' || m.from === lineFilter)));
		}
		return rows;
	}

	/** Newest first, `index` rows skipped, at most `count` (inferred paging of getMessages). */
	private pageMessages(a: AccountState, location: number, line: string, index: number, count: number): Array<Array<[string, string]>> {
		return this.messageRows(a, location, line)
			.sort((x, y) => (x.msgId > y.msgId ? -1 : x.msgId < y.msgId ? 1 : 0))
			.slice(Math.max(0, index), Math.max(0, index) + Math.max(0, count))
			.map((m) => this.messagesBl(a, m));
	}

	private messagesBl(a: AccountState, m: InboxRecord | SentRecord): Array<[string, string]> {
		const received = 'sender' in m;
		const location = received ? '1' : '2';
		return [
			['MsgID', m.msgId.toString()],
			['UserID', String(a.userId)],
			['LinkID', '0'],
			['NumberID', '77'],
			['Tariff', received ? '0' : String(m.parts)],
			['MsgType', '1'],
			['Body', received ? m.body : m.text],
			['Udh', ''],
			['SendDate', formatSendDate(m.atMs)],
			['Sender', received ? m.sender : m.from],
			['Receiver', received ? m.receiver : m.to],
			['FirstLocation', location],
			['CurrentLocation', location],
			['Parts', String(m.parts)],
			['IsFlash', m.isFlash ? 'true' : 'false'],
		];
	}

	// ------------------------------------------------------------------ console

	private console(op: ConsoleOperation, key: string, req: SandboxRequest): SandboxResponse {
		const wantGet = op === 'receive/credit';
		if (req.method !== 'POST' && !(wantGet && req.method === 'GET')) return json(405, { message: 'Method Not Allowed' }, { allow: wantGet ? 'GET, POST' : 'POST' });
		if (key !== CONSOLE_KEY) return json(this.switches.consoleBadKeyStatus, { status: CONSOLE_BAD_KEY_FA });
		const a = this.account('good');
		let body: JsonObject = Object.create(null) as JsonObject;
		if (req.method === 'POST' && req.body.trim() !== '') {
			const media = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
			if (media !== 'application/json') return json(415, { status: CONSOLE_BAD_INPUT_FA });
			try {
				const parsed = parseJson(req.body);
				if (!isJsonObject(parsed)) return json(400, { status: CONSOLE_BAD_INPUT_FA });
				body = parsed;
			} catch {
				return json(400, { status: CONSOLE_BAD_INPUT_FA });
			}
		}
		const str = (name: string): string => {
			const v = getMember(body, name);
			return typeof v === 'string' ? v.trim() : typeof v === 'bigint' ? v.toString() : '';
		};
		switch (op) {
			case 'send/otp': {
				const to = str('to');
				if (!MOBILE_RE.test(to)) return json(200, { status: CONSOLE_BAD_NUMBER_FA });
				const code = this.nextOtpCodes.shift() ?? String(randomInt(0, 100000)).padStart(5, '0');
				const text = `کد تایید شما: ${code}\nملی پیامک`;
				if (BigInt(Math.max(1, billedParts(text))) * CREDIT_SCALE > a.credit) return json(200, { status: CONSOLE_NO_CREDIT_FA });
				const rec = this.record(a, { path: 'console:send/otp', from: 'shared', to, text, isFlash: false });
				this.otps.push({ to, code, recId: rec.recId.toString(), at: this.clock.now() });
				return json(200, { code: this.switches.otpCodeAsNumber ? BigInt(code) : code, status: STATUS_OK_FA });
			}
			case 'send/simple': {
				const r = this.sendFreeText(a, 'console:send/simple', str('from'), [str('to')], typeof getMember(body, 'text') === 'string' ? (getMember(body, 'text') as string) : '', false);
				const v = 'code' in r ? r.code : r.results[0];
				if (typeof v === 'bigint') return json(200, { recId: v, status: STATUS_OK_FA });
				return json(200, { recId: null, status: consoleSendStatus(v) });
			}
			case 'send/shared': {
				const rawBodyId = getMember(body, 'bodyId');
				const bodyId = typeof rawBodyId === 'bigint' && rawBodyId <= 2147483647n && rawBodyId >= 0n ? Number(rawBodyId) : 0;
				const args = getMember(body, 'args');
				const vars = Array.isArray(args) ? args.map((x) => (typeof x === 'string' ? x : typeof x === 'bigint' ? x.toString() : '')) : null;
				const r = this.sendPattern(a, 'console:send/shared', str('to'), bodyId, vars);
				if (typeof r === 'bigint') return json(200, { recId: r, status: STATUS_OK_FA });
				return json(200, { recId: null, status: r === -4 || r === -5 ? CONSOLE_TEMPLATE_FA : consoleSendStatus(r) });
			}
			case 'receive/credit':
				return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"amount":${formatCredit(a.credit)},"status":${JSON.stringify(STATUS_OK_FA)}}` };
			case 'receive/status': {
				const raw = getMember(body, 'recIds');
				if (!Array.isArray(raw)) return json(400, { status: CONSOLE_BAD_INPUT_FA });
				const codes = raw.map((x) => {
					const id = typeof x === 'bigint' ? x : typeof x === 'string' && /^[0-9]{1,19}$/.test(x) ? BigInt(x) : -1n;
					return id < 0n || id > INT64_MAX ? -1 : (this.deliveryCode(a, id) ?? -1);
				});
				return json(200, { results: codes.map(deliveryTextFa), resultsAsCode: codes, status: STATUS_OK_FA });
			}
		}
		return json(404, { message: 'Not Found' });
	}
}

function renderTemplate(t: TemplateFixture, vars: string[]): string {
	return t.text.replace(/\{([0-9]+)\}/g, (_, i: string) => vars[Number(i)] ?? '');
}

/** ASP.NET form binding of an int: anything unparsable is 0. */
function parseIntText(v: string | undefined): number {
	const t = (v ?? '').trim();
	if (!/^[+-]?[0-9]{1,10}$/.test(t)) return 0;
	const n = Number(t);
	return n > 2147483647 || n < -2147483648 ? 0 : n;
}

function parseBoolText(v: string | undefined): boolean {
	return (v ?? '').trim().toLowerCase() === 'true';
}

function parseIdList(v: string | null): Set<string> {
	return new Set(
		(v ?? '')
			.split(/[,;\s]+/)
			.map((s) => s.trim())
			.filter((s) => /^[0-9]{1,19}$/.test(s))
			.map((s) => BigInt(s).toString()),
	);
}

function consoleSendStatus(code: number): string {
	if (code === 18 || code === -2) return CONSOLE_BAD_NUMBER_FA;
	if (code === 2) return CONSOLE_NO_CREDIT_FA;
	return CONSOLE_BAD_INPUT_FA;
}

const DELIVERY_FA: Record<number, string> = {
	0: 'ارسال شده به مخابرات',
	1: 'رسیده به گوشی',
	2: 'نرسیده به گوشی',
	3: 'خطای مخابراتی',
	5: 'خطای نامشخص',
	8: 'رسیده به مخابرات',
	16: 'نرسیده به مخابرات',
	35: 'لیست سیاه',
	100: 'نامشخص',
	200: 'ارسال شده',
	300: 'فیلتر شده',
	400: 'در لیست ارسال',
	500: 'عدم پذیرش',
};

function deliveryTextFa(code: number): string {
	return DELIVERY_FA[code] ?? 'نامعتبر';
}
