/**
 * State and API behaviour of the SepahanGostar SMS Web API emulator.
 * Transport (HTTP server, log, faults, control surface) lives in ../core.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

import type { SandboxClock } from '../core/clock';
import type { ActiveFault } from '../core/faults';
import { tehranDayKey, tehranSecondsOfDay, tehranToUtcMs, tehranWallTime, formatJalaliTehran, jalaliToGregorian, pad } from '../core/iran-time';
import { getMember, isJsonObject, JsonSyntaxError, maskJsonStringMembers, parseJson, toJson } from '../core/json';
import type { JsonObject, JsonValue, Jsonable } from '../core/json';
import type { ApiResolution, FaultBodyKind, SandboxRequest, SandboxResponse } from '../core/server';
import {
	ACCOUNT_ERROR_CODES,
	DEFAULT_API_KEY,
	DEFAULT_CREDIT,
	DEFAULT_PANEL,
	DEFAULT_RECEIVING_LINES,
	DEFAULT_SENDER_LINES,
	DELIVERED_AFTER_MS,
	DOTNET_EPOCH_OFFSET_MS,
	ERROR_MESSAGES,
	EXPIRED_RECEIVING_LINE,
	INACTIVE_RECEIVING_LINE,
	INACTIVE_SENDER_LINE,
	MAX_ITEMS,
	OLD_STATUS_WINDOW,
	OLD_STATUS_WINDOW_DETAIL,
	PANEL_LOGIN_FAILED,
	QUEUED_FOR_MS,
	RECEIVE_DEFAULT_WINDOW_MS,
	RECEIVE_HTTP_MESSAGES,
	REQUEST_ID_TTL_MS,
	ROUTES,
	STATUS_WINDOW_MS,
	SUCCESS_TITLE,
	TRANSIENT_MESSAGES,
	UNIT_PRICE,
} from './constants';
import type { RouteDef } from './constants';
import { smsParts } from '../core/sms-parts';

export type ReceiveDateFormat = 'gregorian' | 'gregorian-time' | 'jalali';

export interface SepahanGostarSwitches {
	/** Invalid recipients get −4 in their `ids` slot (HTTP 200) instead of a whole-request 401 −4. */
	perRecipientErrors: boolean;
	/** Also register the Request-Id of sends that failed with a §5 code (after authentication). */
	registerFailedRequestIds: boolean;
	/** oldStatus and Receive answer `{message, result}` instead of the envelope. */
	legacyShape: boolean;
	/** Receive output `date`: 'yyyy/MM/dd' Gregorian (default), with ' HH:mm:ss', or Jalali 'yyyy/MM/dd'. */
	receiveDateFormat: ReceiveDateFormat;
	oldStatusRangeDays: 14 | 30;
}

export const DEFAULT_SWITCHES: Readonly<SepahanGostarSwitches> = Object.freeze({
	perRecipientErrors: false,
	registerFailedRequestIds: false,
	legacyShape: false,
	receiveDateFormat: 'gregorian',
	oldStatusRangeDays: 14,
});

export interface TokenStatePatch {
	active?: boolean;
	allowedIps?: string[];
	blocked?: boolean;
}

export interface TokenInfo {
	token: string;
	title: string;
	active: boolean;
	allowedIps: string[];
	blocked: boolean;
	createdAt: Date;
}

export type LineState = 'active' | 'expired' | 'inactive';

export interface InboundSms {
	privateNumber: string;
	sendNumber: string;
	text: string;
	at: Date;
	read: boolean;
}

export interface SentSms {
	id: string;
	from: string;
	to: string;
	text: string;
	requestId?: string;
	at: Date;
	parts: number;
}

interface InboundRecord extends InboundSms {
	seq: number;
}

interface SentRecord {
	id: bigint;
	from: string;
	to: string;
	text: string;
	requestId?: string;
	atMs: number;
	parts: number;
}

const RECIPIENT_RE = /^09[0-9]{9}$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const INT32_MAX = 2147483647n;
const INT32_MIN = -2147483648n;
const JSON_MEDIA_RE = /^(application\/json|text\/json|application\/[a-z0-9.+-]*\+json)$/;

function traceId(): string {
	return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

function jsonReply(status: number, value: Jsonable, contentType = 'application/json; charset=utf-8'): SandboxResponse {
	return { status, headers: { 'content-type': contentType }, body: toJson(value) };
}

export function envelopeFailure(status: number, code: number, message?: string, details: string[] = []): SandboxResponse {
	return jsonReply(status, {
		isSuccess: false,
		value: null,
		error: { code, message: message ?? ERROR_MESSAGES[code] ?? ERROR_MESSAGES[-21], details },
	});
}

function fail(code: number, details: string[] = []): SandboxResponse {
	return envelopeFailure(401, code, undefined, details);
}

function ok(value: Jsonable): SandboxResponse {
	return jsonReply(200, { isSuccess: true, value, error: null });
}

function problem400(errors: Record<string, string[]>): SandboxResponse {
	return jsonReply(
		400,
		{
			type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			errors,
			traceId: traceId(),
		},
		'application/problem+json; charset=utf-8',
	);
}

function problem415(): SandboxResponse {
	return jsonReply(
		415,
		{ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16', title: 'Unsupported Media Type', status: 415, traceId: traceId() },
		'application/problem+json; charset=utf-8',
	);
}

function isResponse(x: unknown): x is SandboxResponse {
	return typeof x === 'object' && x !== null && typeof (x as SandboxResponse).status === 'number' && !Array.isArray(x);
}

/** Collects ASP.NET-style model-binding errors (→ 400 ProblemDetails). */
class Binder {
	readonly errors: Record<string, string[]> = {};

	constructor(private readonly obj: JsonObject) {}

	get failed(): boolean {
		return Object.keys(this.errors).length > 0;
	}

	private bad(path: string, type: string): undefined {
		this.errors[path] = [`The JSON value could not be converted to ${type}. Path: ${path} | LineNumber: 0 | BytePositionInLine: 0.`];
		return undefined;
	}

	string(name: string): string | undefined {
		const v = getMember(this.obj, name);
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'string') return this.bad(`$.${name}`, 'System.String');
		return v;
	}

	stringArray(name: string): string[] | undefined {
		const v = getMember(this.obj, name);
		if (v === undefined || v === null) return undefined;
		if (!Array.isArray(v)) return this.bad(`$.${name}`, 'System.String[]');
		const out: string[] = [];
		for (let i = 0; i < v.length; i++) {
			const e = v[i];
			if (e === null) out.push('');
			else if (typeof e === 'string') out.push(e);
			else return this.bad(`$.${name}[${i}]`, 'System.String');
		}
		return out;
	}

	int32(name: string): number | undefined {
		const v = getMember(this.obj, name);
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'bigint' || v > INT32_MAX || v < INT32_MIN) return this.bad(`$.${name}`, 'System.Int32');
		return Number(v);
	}

	bool(name: string): boolean | undefined {
		const v = getMember(this.obj, name);
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'boolean') return this.bad(`$.${name}`, 'System.Boolean');
		return v;
	}
}

interface MatchedRoute {
	route: RouteDef;
	params: Record<string, string>;
}

export class SepahanGostarEmulator {
	readonly apiKey = DEFAULT_API_KEY;
	readonly panel = { ...DEFAULT_PANEL };
	readonly senderLines = [...DEFAULT_SENDER_LINES];
	readonly receivingLines = [...DEFAULT_RECEIVING_LINES];
	readonly expiredLine = EXPIRED_RECEIVING_LINE;
	readonly inactiveLine = INACTIVE_RECEIVING_LINE;
	readonly inactiveSenderLine = INACTIVE_SENDER_LINE;

	private tokens = new Map<string, TokenInfo>();
	private receiveLines = new Map<string, LineState>();
	private balance = DEFAULT_CREDIT;
	private accountError: number | null = null;
	private switches: SepahanGostarSwitches = { ...DEFAULT_SWITCHES };
	private inbox: InboundRecord[] = [];
	private inboxSeq = 0;
	private sent = new Map<string, SentRecord>();
	private sentOrder: SentRecord[] = [];
	private statusOverrides = new Map<string, number>();
	private requestIds = new Map<string, number>();
	private idCounter = 0n;
	private lastId = 0n;

	constructor(private readonly clock: SandboxClock) {
		this.reset();
	}

	// ------------------------------------------------------------------ state / control

	reset(): void {
		this.tokens = new Map();
		this.tokens.set(this.apiKey, {
			token: this.apiKey,
			title: 'Sandbox default token',
			active: true,
			allowedIps: [],
			blocked: false,
			createdAt: this.clock.now(),
		});
		this.receiveLines = new Map();
		for (const l of this.receivingLines) this.receiveLines.set(l, 'active');
		this.receiveLines.set(this.expiredLine, 'expired');
		this.receiveLines.set(this.inactiveLine, 'inactive');
		this.balance = DEFAULT_CREDIT;
		this.accountError = null;
		this.switches = { ...DEFAULT_SWITCHES };
		this.inbox = [];
		this.inboxSeq = 0;
		this.sent = new Map();
		this.sentOrder = [];
		this.statusOverrides = new Map();
		this.requestIds = new Map();
		this.idCounter = 0n;
		this.lastId = 0n;
	}

	credit(): bigint {
		return this.balance;
	}

	setCredit(value: number | bigint | string): void {
		let v: bigint;
		if (typeof value === 'bigint') v = value;
		else if (typeof value === 'number') {
			if (!Number.isSafeInteger(value)) throw new Error('credit must be an integer (use a string or bigint beyond 2^53)');
			v = BigInt(value);
		} else if (typeof value === 'string' && /^-?[0-9]{1,19}$/.test(value.trim())) v = BigInt(value.trim());
		else throw new Error('credit must be an integer, a bigint or a decimal string');
		if (v > INT64_MAX || v < INT64_MIN) throw new Error('credit must fit in a 64-bit signed integer');
		this.balance = v;
	}

	getAccountError(): number | null {
		return this.accountError;
	}

	setAccountError(code: number | null): void {
		if (code !== null && !(ACCOUNT_ERROR_CODES as readonly number[]).includes(code)) {
			throw new Error(`account error must be null or one of ${ACCOUNT_ERROR_CODES.join(', ')}`);
		}
		this.accountError = code;
	}

	setTokenState(token: string, s: TokenStatePatch): void {
		if (typeof token !== 'string' || token.trim() === '') throw new Error('token must be a non-empty string');
		if (s.allowedIps !== undefined) {
			if (!Array.isArray(s.allowedIps) || s.allowedIps.some((ip) => typeof ip !== 'string' || isIP(ip.trim()) === 0)) {
				throw new Error('allowedIps must be an array of IP addresses');
			}
		}
		let rec = this.tokens.get(token);
		if (!rec) {
			rec = { token, title: 'Sandbox token', active: true, allowedIps: [], blocked: false, createdAt: this.clock.now() };
			this.tokens.set(token, rec);
		}
		if (s.active !== undefined) rec.active = Boolean(s.active);
		if (s.blocked !== undefined) rec.blocked = Boolean(s.blocked);
		if (s.allowedIps !== undefined) rec.allowedIps = s.allowedIps.map((ip) => ip.trim());
	}

	listTokens(): TokenInfo[] {
		return [...this.tokens.values()].map((t) => ({ ...t, allowedIps: [...t.allowedIps], createdAt: new Date(t.createdAt) }));
	}

	getSwitches(): SepahanGostarSwitches {
		return { ...this.switches };
	}

	setSwitches(s: Partial<SepahanGostarSwitches>): void {
		const next = { ...this.switches };
		for (const [key, value] of Object.entries(s ?? {})) {
			switch (key) {
				case 'perRecipientErrors':
				case 'registerFailedRequestIds':
				case 'legacyShape':
					if (typeof value !== 'boolean') throw new Error(`${key} must be a boolean`);
					next[key] = value;
					break;
				case 'receiveDateFormat':
					if (value !== 'gregorian' && value !== 'gregorian-time' && value !== 'jalali') {
						throw new Error("receiveDateFormat must be 'gregorian', 'gregorian-time' or 'jalali'");
					}
					next.receiveDateFormat = value;
					break;
				case 'oldStatusRangeDays':
					if (value !== 14 && value !== 30) throw new Error('oldStatusRangeDays must be 14 or 30');
					next.oldStatusRangeDays = value;
					break;
				default:
					throw new Error(`Unknown switch ${JSON.stringify(key)}`);
			}
		}
		this.switches = next;
	}

	addInbound(m: { privateNumber?: string; sendNumber: string; text: string; at?: Date }): void {
		if (!m || typeof m.sendNumber !== 'string' || m.sendNumber === '') throw new Error('sendNumber is required');
		if (typeof m.text !== 'string') throw new Error('text is required');
		const privateNumber = m.privateNumber ?? this.receivingLines[0];
		if (typeof privateNumber !== 'string' || privateNumber === '') throw new Error('privateNumber must be a string');
		const at = m.at ?? this.clock.now();
		if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Error('at must be a valid date');
		this.inbox.push({ seq: ++this.inboxSeq, privateNumber, sendNumber: m.sendNumber, text: m.text, at: new Date(at), read: false });
	}

	markAllReadExternally(privateNumber?: string): number {
		let n = 0;
		for (const m of this.inbox) {
			if (!m.read && (privateNumber === undefined || m.privateNumber === privateNumber)) {
				m.read = true;
				n++;
			}
		}
		return n;
	}

	listInbox(): InboundSms[] {
		return this.inbox.map((m) => ({ privateNumber: m.privateNumber, sendNumber: m.sendNumber, text: m.text, at: new Date(m.at), read: m.read }));
	}

	setDeliveryStatus(messageId: string, code: number): void {
		const id = String(messageId).trim();
		if (!/^-?[0-9]{1,19}$/.test(id)) throw new Error('messageId must be a decimal integer string');
		if (!Number.isInteger(code)) throw new Error('code must be an integer');
		this.statusOverrides.set(BigInt(id).toString(), code);
	}

	sentMessages(): SentSms[] {
		return this.sentOrder.map((r) => ({
			id: r.id.toString(),
			from: r.from,
			to: r.to,
			text: r.text,
			...(r.requestId !== undefined ? { requestId: r.requestId } : {}),
			at: new Date(r.atMs),
			parts: r.parts,
		}));
	}

	// ------------------------------------------------------------------ routing

	resolve(req: SandboxRequest): ApiResolution {
		const segs = req.pathname.split('/');
		if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
		const matched: MatchedRoute[] = [];
		for (const route of ROUTES) {
			const tpl = route.path.split('/');
			if (tpl.length !== segs.length) continue;
			const params: Record<string, string> = {};
			let okMatch = true;
			for (let i = 0; i < tpl.length; i++) {
				const t = tpl[i];
				if (t.startsWith('{') && t.endsWith('}')) {
					if (segs[i] === '') {
						okMatch = false;
						break;
					}
					let v = segs[i];
					try {
						v = decodeURIComponent(v);
					} catch {
						/* keep raw */
					}
					params[t.slice(1, -1)] = v;
				} else if (t.toLowerCase() !== segs[i].toLowerCase()) {
					okMatch = false;
					break;
				}
			}
			if (okMatch) matched.push({ route, params });
		}
		if (matched.length === 0) return { run: () => ({ status: 404 }) };
		const names = matched.flatMap((m) => [m.route.name, m.route.path]);
		const hit = matched.find((m) => m.route.method === req.method);
		if (!hit) {
			const allow = [...new Set(matched.map((m) => m.route.method))].join(', ');
			return { names, run: () => ({ status: 405, headers: { allow } }) };
		}
		return { names, run: () => this.dispatch(hit, req) };
	}

	/** Names a fault's `route` may use: route names and seed paths. */
	routeNames(): string[] {
		return ROUTES.flatMap((r) => [r.name, r.path]);
	}

	faultResponse(kind: FaultBodyKind, status: number, fault: ActiveFault): SandboxResponse {
		if (kind === 'failure200') return envelopeFailure(status, fault.code ?? -8);
		const base = kind === 'http500' ? 500 : kind === 'http503' ? 503 : 429;
		return envelopeFailure(status, status, TRANSIENT_MESSAGES[base]);
	}

	maskBody(_req: SandboxRequest, body: string): string {
		return maskJsonStringMembers(body, ['password']);
	}

	private dispatch(m: MatchedRoute, req: SandboxRequest): SandboxResponse {
		if (m.route.name === 'GenerateApiKey') return this.generateApiKey(req);

		const auth = this.authenticate(req);
		if (isResponse(auth)) return auth;

		let body: JsonValue | undefined;
		if (m.route.method === 'POST') {
			const parsed = this.readJsonBody(req);
			if (isResponse(parsed)) return parsed;
			body = parsed.value;
		}

		switch (m.route.name) {
			case 'send':
			case 'sendP2P':
				return this.sendRoute(m.route.name, body as JsonValue, req);
			case 'checkRequestId':
				return this.accountError !== null ? fail(this.accountError) : ok({ isDuplicate: this.isRequestIdLive(m.params.requestId) });
			case 'credit':
				return this.accountError !== null ? fail(this.accountError) : ok(this.balance);
			case 'status':
			case 'oldStatus':
				return this.statusRoute(m.route.name, body as JsonValue);
			case 'Receive':
				return this.receiveRoute(body as JsonValue);
			default:
				return { status: 404 };
		}
	}

	private authenticate(req: SandboxRequest): TokenInfo | SandboxResponse {
		const header = req.headers.authorization;
		const raw = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
		if (raw === '') return fail(-1);
		const rec = this.tokens.get(raw);
		if (!rec) return fail(-1);
		if (rec.blocked) return fail(-22);
		if (!rec.active) return fail(-2);
		if (rec.allowedIps.length > 0 && !rec.allowedIps.includes(req.remoteAddress)) return fail(-3);
		return rec;
	}

	private readJsonBody(req: SandboxRequest): { value: JsonValue } | SandboxResponse {
		const ct = req.headers['content-type'];
		const media = (ct ?? '').split(';')[0].trim().toLowerCase();
		if (!JSON_MEDIA_RE.test(media)) return problem415();
		if (req.body.trim() === '') return problem400({ '': ['A non-empty request body is required.'] });
		try {
			return { value: parseJson(req.body) };
		} catch (err) {
			const pos = err instanceof JsonSyntaxError ? err.position : 0;
			return problem400({
				$: [`'${req.body.charAt(pos) || 'end'}' is an invalid JSON token. Path: $ | LineNumber: 0 | BytePositionInLine: ${pos}.`],
			});
		}
	}

	private rootObject(body: JsonValue, typeName: string): Binder | SandboxResponse {
		if (!isJsonObject(body)) {
			return problem400({ $: [`The JSON value could not be converted to ${typeName}. Path: $ | LineNumber: 0 | BytePositionInLine: 1.`] });
		}
		return new Binder(body);
	}

	// ------------------------------------------------------------------ send / sendP2P

	private sendRoute(name: 'send' | 'sendP2P', body: JsonValue, req: SandboxRequest): SandboxResponse {
		const b = this.rootObject(body, name === 'send' ? 'SendSmsRequest' : 'SendP2PRequest');
		if (isResponse(b)) return b;
		const rawId = req.headers['request-id'];
		const requestId = (Array.isArray(rawId) ? rawId[0] : rawId)?.trim() || undefined;

		let items: Array<{ from: string; to: string; text: string }> | number;
		if (name === 'send') {
			const smsText = b.string('smsText');
			const receiverNumbers = b.stringArray('receiverNumbers');
			const senderNumber = b.string('senderNumber');
			if (b.failed) return problem400(b.errors);
			items = this.accountError ?? this.validateSend(smsText, receiverNumbers, senderNumber);
		} else {
			const smsTexts = b.stringArray('smsTexts');
			const receiverNumbers = b.stringArray('receiverNumbers');
			const senderNumbers = b.stringArray('senderNumbers');
			if (b.failed) return problem400(b.errors);
			items = this.accountError ?? this.validateP2P(smsTexts, receiverNumbers, senderNumbers);
		}
		const result = typeof items === 'number' ? items : this.commitSend(items, requestId);
		if (typeof result === 'number') {
			if (requestId && this.switches.registerFailedRequestIds && result !== -20 && !this.isRequestIdLive(requestId)) {
				this.requestIds.set(requestId, this.clock.nowMs());
			}
			return fail(result);
		}
		return ok(result);
	}

	private validateSend(
		smsText: string | undefined,
		to: string[] | undefined,
		sender: string | undefined,
	): Array<{ from: string; to: string; text: string }> | number {
		if (smsText === undefined || smsText.trim() === '') return -21;
		if (!to || to.length === 0) return -21;
		if (to.length > MAX_ITEMS) return -7;
		if (sender === undefined || sender.trim() === '') return -21;
		if (!this.senderLines.includes(sender)) return -12;
		return to.map((r) => ({ from: sender, to: r, text: smsText }));
	}

	private validateP2P(
		texts: string[] | undefined,
		to: string[] | undefined,
		from: string[] | undefined,
	): Array<{ from: string; to: string; text: string }> | number {
		if (!texts || !to || !from) return -21;
		if (texts.length !== to.length || to.length !== from.length) return -6;
		if (to.length === 0) return -21;
		if (to.length > MAX_ITEMS) return -7;
		if (texts.some((t) => t.trim() === '')) return -5;
		if (from.some((s) => !this.senderLines.includes(s))) return -12;
		return to.map((r, i) => ({ from: from[i], to: r, text: texts[i] }));
	}

	private commitSend(
		items: Array<{ from: string; to: string; text: string }>,
		requestId: string | undefined,
	): { ids: bigint[]; smsCount: bigint; totalPrice: bigint } | number {
		const valid = items.map((i) => RECIPIENT_RE.test(i.to));
		if (!this.switches.perRecipientErrors && valid.includes(false)) return -4;
		const parts = items.map((i) => smsParts(i.text));
		let smsCount = 0n;
		items.forEach((_, i) => {
			if (valid[i]) smsCount += BigInt(parts[i]);
		});
		const totalPrice = smsCount * UNIT_PRICE;
		if (totalPrice > this.balance) return -14;
		if (requestId !== undefined && this.isRequestIdLive(requestId)) return -20;

		const nowMs = this.clock.nowMs();
		if (requestId !== undefined) this.requestIds.set(requestId, nowMs);
		this.balance -= totalPrice;
		const ids = items.map((item, i) => {
			if (!valid[i]) return -4n;
			const id = this.nextId(nowMs);
			const rec: SentRecord = { id, from: item.from, to: item.to, text: item.text, requestId, atMs: nowMs, parts: parts[i] };
			this.sent.set(id.toString(), rec);
			this.sentOrder.push(rec);
			return id;
		});
		return { ids, smsCount, totalPrice };
	}

	/** .NET-ticks-like id: ticks of the sandbox clock plus a counter, strictly increasing, always odd. */
	private nextId(nowMs: number): bigint {
		this.idCounter += 1n;
		const ticks = (BigInt(Math.trunc(nowMs)) + DOTNET_EPOCH_OFFSET_MS) * 10000n;
		let id = ticks + 1n + ((this.idCounter * 7919n) % 9999n);
		if (id <= this.lastId) id = this.lastId + 1n;
		// Odd ids are never exactly representable as a double at this size (spacing 128),
		// so any trip through a JS number is detectable.
		if (id % 2n === 0n) id += 1n;
		this.lastId = id;
		return id;
	}

	private isRequestIdLive(requestId: string): boolean {
		const at = this.requestIds.get(requestId);
		if (at === undefined) return false;
		if (this.clock.nowMs() - at >= REQUEST_ID_TTL_MS) {
			this.requestIds.delete(requestId);
			return false;
		}
		return true;
	}

	// ------------------------------------------------------------------ status / oldStatus

	private statusRoute(name: 'status' | 'oldStatus', body: JsonValue): SandboxResponse {
		let ids: bigint[] | undefined;
		if (Array.isArray(body)) {
			ids = [];
			for (let i = 0; i < body.length; i++) {
				const e = body[i];
				if (typeof e !== 'bigint' || e > INT64_MAX || e < INT64_MIN) {
					return problem400({
						[`$[${i}]`]: [`The JSON value could not be converted to System.Int64. Path: $[${i}] | LineNumber: 0 | BytePositionInLine: 0.`],
					});
				}
				ids.push(e);
			}
		}
		if (this.accountError !== null) return fail(this.accountError);
		const nowMs = this.clock.nowMs();
		if (name === 'oldStatus') {
			const sec = tehranSecondsOfDay(nowMs);
			if (sec < OLD_STATUS_WINDOW.fromSec || sec >= OLD_STATUS_WINDOW.toSec) return fail(-8, [OLD_STATUS_WINDOW_DETAIL]);
		}
		if (!ids || ids.length === 0) return fail(-21);
		if (ids.length > MAX_ITEMS) return fail(-7);
		const codes = ids.map((id) => this.deliveryCode(id, name, nowMs));
		if (name === 'oldStatus' && this.switches.legacyShape) return jsonReply(200, { message: SUCCESS_TITLE, result: codes });
		return ok(codes);
	}

	private deliveryCode(id: bigint, mode: 'status' | 'oldStatus', nowMs: number): number {
		const key = id.toString();
		const rec = this.sent.get(key);
		const override = this.statusOverrides.get(key);
		if (!rec) return override ?? -1;
		if (mode === 'status') {
			if (nowMs - rec.atMs >= STATUS_WINDOW_MS) return -1;
		} else {
			if (tehranDayKey(rec.atMs) === tehranDayKey(nowMs)) return -1;
			if (nowMs - rec.atMs > this.switches.oldStatusRangeDays * 86_400_000) return -1;
		}
		if (override !== undefined) return override;
		const age = nowMs - rec.atMs;
		return age < QUEUED_FOR_MS ? 0 : age < DELIVERED_AFTER_MS ? 8 : 1;
	}

	// ------------------------------------------------------------------ Receive

	private receiveRoute(body: JsonValue): SandboxResponse {
		const b = this.rootObject(body, 'ReceiveRequest');
		if (isResponse(b)) return b;
		const privateNumberRaw = b.string('privateNumber');
		const startDate = b.string('startDate');
		const numberOfMessages = b.int32('numberOfMessages');
		const markAsRead = b.bool('markAsRead');
		if (b.failed) return problem400(b.errors);
		if (this.accountError !== null) return fail(this.accountError);

		const privateNumber = privateNumberRaw === '' ? undefined : privateNumberRaw;
		if (privateNumber !== undefined) {
			const state = /^[0-9]+$/.test(privateNumber) ? this.receiveLines.get(privateNumber) : undefined;
			if (state === undefined) return envelopeFailure(406, -21, RECEIVE_HTTP_MESSAGES[406]);
			if (state === 'expired') return envelopeFailure(410, -21, RECEIVE_HTTP_MESSAGES[410]);
			if (state === 'inactive') return envelopeFailure(423, -21, RECEIVE_HTTP_MESSAGES[423]);
		}
		const count = numberOfMessages ?? MAX_ITEMS;
		if (count < 1 || count > MAX_ITEMS) return envelopeFailure(416, -21, RECEIVE_HTTP_MESSAGES[416]);

		const nowMs = this.clock.nowMs();
		let fromMs = nowMs - RECEIVE_DEFAULT_WINDOW_MS;
		if (startDate !== undefined) {
			const parsed = parseJalaliDateTime(startDate);
			if (parsed === undefined) return fail(-21);
			fromMs = parsed;
		}
		const lines = new Set(
			privateNumber !== undefined ? [privateNumber] : [...this.receiveLines].filter(([, s]) => s === 'active').map(([n]) => n),
		);
		const picked = this.inbox
			.filter((m) => !m.read && lines.has(m.privateNumber) && m.at.getTime() >= fromMs)
			.sort((a, c) => a.at.getTime() - c.at.getTime() || a.seq - c.seq)
			.slice(0, count);
		if (markAsRead !== false) for (const m of picked) m.read = true;
		const value = picked.map((m) => ({
			privateNumber: m.privateNumber,
			date: this.formatReceiveDate(m.at),
			sendNumber: m.sendNumber,
			messageText: m.text,
		}));
		if (this.switches.legacyShape) return jsonReply(200, { message: SUCCESS_TITLE, result: value });
		return ok(value);
	}

	private formatReceiveDate(at: Date): string {
		if (this.switches.receiveDateFormat === 'jalali') return formatJalaliTehran(at);
		const w = tehranWallTime(at);
		const day = `${w.year}/${pad(w.month)}/${pad(w.day)}`;
		return this.switches.receiveDateFormat === 'gregorian-time' ? `${day} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` : day;
	}

	// ------------------------------------------------------------------ GenerateApiKey

	private generateApiKey(req: SandboxRequest): SandboxResponse {
		const parsed = this.readJsonBody(req);
		if (isResponse(parsed)) return parsed;
		const b = this.rootObject(parsed.value, 'GenerateApiKeyRequest');
		if (isResponse(b)) return b;
		const title = b.string('title');
		const userName = b.string('userName');
		const password = b.string('password');
		const domainName = b.string('domainName');
		const filterIps = b.stringArray('filterIps');
		if (b.failed) return problem400(b.errors);
		if (!title?.trim() || !userName?.trim() || !password || !domainName?.trim()) return fail(-21);
		if (
			userName.trim().toLowerCase() !== this.panel.userName.toLowerCase() ||
			password !== this.panel.password ||
			domainName.trim().toLowerCase() !== this.panel.domainName.toLowerCase()
		) {
			return envelopeFailure(401, -21, PANEL_LOGIN_FAILED);
		}
		const ips = (filterIps ?? []).map((ip) => ip.trim());
		if (ips.some((ip) => isIP(ip) === 0)) return fail(-21);
		if (this.accountError !== null) return fail(this.accountError);
		const token = randomBytes(16).toString('hex');
		this.tokens.set(token, { token, title: title.trim(), active: true, allowedIps: ips, blocked: false, createdAt: this.clock.now() });
		return ok({ token });
	}
}

/**
 * Jalali `YYYY/MM/DD` with an optional ` HH:mm` or ` HH:mm:ss`, read as Tehran
 * wall-clock time. Returns the UTC instant in ms, or undefined when invalid.
 */
export function parseJalaliDateTime(text: string): number | undefined {
	const m = /^([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,2})(?: ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$/.exec(text.trim());
	if (!m) return undefined;
	const g = jalaliToGregorian(Number(m[1]), Number(m[2]), Number(m[3]));
	if (!g) return undefined;
	const hour = m[4] === undefined ? 0 : Number(m[4]);
	const minute = m[5] === undefined ? 0 : Number(m[5]);
	const second = m[6] === undefined ? 0 : Number(m[6]);
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	return tehranToUtcMs({ ...g, hour, minute, second });
}
