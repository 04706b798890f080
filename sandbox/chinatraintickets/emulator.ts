/**
 * State and API behaviour of the ChinaTrainTickets member API emulator
 * (password retrieval: sendcode and updatepwd, both signed; spec §4 and §8).
 * Transport (HTTP server, log, faults, control surface) lives in ../core.
 *
 * The real service runs on ASP.NET Web API 2 (seed: help page layout and
 * DataContract XML namespaces), so framework-level answers use its shapes:
 * `{"Message": "..."}` for 404/405/415/400/500, HTML from IIS for some others.
 */
import { randomInt } from 'node:crypto';

import { XMLParser } from 'fast-xml-parser';

import type { SandboxClock } from '../core/clock';
import type { ActiveFault } from '../core/faults';
import { getMember, isJsonObject, parseJson, toJson } from '../core/json';
import type { JsonObject, JsonValue, Jsonable } from '../core/json';
import type { ApiResolution, FaultBodyKind, SandboxRequest, SandboxResponse } from '../core/server';
import {
	DEFAULT_CAPTCHAS,
	DEFAULT_CODE_TTL_SEC,
	DEFAULT_COOLDOWN_SEC,
	DEFAULT_MEMBERS,
	DEFAULT_SIGNING_KEY,
	DEFAULT_TIMESTAMP_WINDOW_SEC,
	MASKED_FIELDS,
	MESSAGES,
	RANDOM_MAX,
	RANDOM_MIN,
	RESULT_BUSINESS,
	RESULT_REPLAY,
	RESULT_SIGNATURE,
	RESULT_SUCCESS,
	RESULT_TIMESTAMP,
	ROUTES,
	SENDCODE_STATE,
	SIGNING_RESULT_CODES,
	TERMINAL_WEBPAGE,
	TERMINAL_WEBPAGE_XML,
	UPDATEPWD_DATA,
	XML_NS_AREA,
	XML_NS_INSTANCE,
	XML_REQUEST_ROOTS,
	XML_ROOT_SENDCODE,
	XML_ROOT_UPDATEPWD,
} from './constants';
import type { MemberFixture, RouteDef } from './constants';
import { computeSign, parseTimeStamp, signsEqual } from './signing';

export interface ChinaTrainTicketsSwitches {
	/** Maximum |now − time_stamp| in seconds (spec §8: configurable, default 300). */
	timestampWindowSec: number;
	/** Reject a second request with the same (random, time_stamp) inside the window (default off). */
	rejectReplays: boolean;
	/** sendcode needs a matching `client` GUID + `img_code` from the captcha fixture (default on). */
	requireImgCode: boolean;
	/** Per-member minimum seconds between two codes; 0 = no cooldown (default 60). */
	cooldownSec: number;
	/** Lifetime of a sent code in seconds (default 600). */
	codeTtlSec: number;
	/** HTTP status of signature, time and replay rejections (the body is the same envelope). */
	signatureFailureStatus: 200 | 401 | 403;
	/** Answer XML when Accept names neither JSON nor XML (absent or wildcards only: the risk of spec §5). */
	xmlWhenNoAccept: boolean;
	/** Answer XML whatever Accept says (a misconfigured server or proxy). */
	alwaysXml: boolean;
	/** Every sendcode issues this 6-digit code instead of a random one (one-click demos); null = random. */
	fixedCode: string | null;
}

export const DEFAULT_SWITCHES: Readonly<ChinaTrainTicketsSwitches> = Object.freeze({
	timestampWindowSec: DEFAULT_TIMESTAMP_WINDOW_SEC,
	rejectReplays: false,
	requireImgCode: true,
	cooldownSec: DEFAULT_COOLDOWN_SEC,
	codeTtlSec: DEFAULT_CODE_TTL_SEC,
	signatureFailureStatus: 200,
	xmlWhenNoAccept: false,
	alwaysXml: false,
	fixedCode: null,
});

export type Member = MemberFixture;

export interface OutboxEntry {
	username: string;
	phone_number: string;
	/** The 6-digit code, in clear: this is the sandbox's own record, never the request log. */
	code: string;
	sentAt: Date;
	expiresAt: Date;
	used: boolean;
}

interface OutboxRecord {
	username: string;
	phone_number: string;
	code: string;
	sentAtMs: number;
	expiresAtMs: number;
	used: boolean;
}

export interface PasswordChange {
	username: string;
	at: Date;
}

type BodyFormat = 'json' | 'form' | 'xml';
type ReplyFormat = 'json' | 'xml';

/** A request model after media-type reading: member lookup is case-insensitive, as Json.NET and form binding do it. */
interface RequestModel {
	format: BodyFormat;
	get(name: string): JsonValue | undefined;
}

interface Envelope {
	code: number;
	message: string;
	data: Jsonable;
}

const JSON_MEDIA = new Set(['application/json', 'text/json']);
const XML_MEDIA = new Set(['application/xml', 'text/xml']);
const FORM_MEDIA = 'application/x-www-form-urlencoded';
const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SIGN_RE = /^[0-9a-f]{64}$/;
const ASPNET_HEADERS = {
	'cache-control': 'no-cache',
	'x-aspnet-version': '4.0.30319',
	'x-powered-by': 'ASP.NET',
};

const xmlParser = new XMLParser({
	ignoreAttributes: true,
	removeNSPrefix: true,
	parseTagValue: false,
	trimValues: false,
	isArray: () => false,
});

function escapeXml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

function jsonReply(
	status: number,
	value: Jsonable,
	extra: Record<string, string> = {},
): SandboxResponse {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...ASPNET_HEADERS, ...extra },
		body: toJson(value),
	};
}

function htmlReply(
	status: number,
	html: string,
	extra: Record<string, string> = {},
): SandboxResponse {
	return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...extra }, body: html };
}

/** ASP.NET Web API `HttpError`: `{"Message": ...}` in JSON, `<Error><Message>` in XML. */
function httpError(
	status: number,
	format: ReplyFormat,
	fields: Record<string, Jsonable>,
	extra: Record<string, string> = {},
): SandboxResponse {
	if (format === 'xml') {
		const inner = Object.entries(fields)
			.filter(([, v]) => typeof v === 'string')
			.map(([k, v]) => `<${k}>${escapeXml(v as string)}</${k}>`)
			.join('');
		return {
			status,
			headers: { 'content-type': 'application/xml; charset=utf-8', ...ASPNET_HEADERS, ...extra },
			body: `<Error>${inner}</Error>`,
		};
	}
	return jsonReply(status, fields, extra);
}

function iisPage(status: number, title: string, detail: string): string {
	return (
		'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n' +
		`<html xmlns="http://www.w3.org/1999/xhtml"><head><title>IIS 8.5 Detailed Error - ${status} - ${title}</title></head>` +
		`<body><div id="header"><h1>Server Error in Application "DEFAULT WEB SITE"</h1></div>` +
		`<div id="content"><h3>HTTP Error ${status} - ${title}</h3><h4>${detail}</h4></div></body></html>\n`
	);
}

const HELP_PAGE =
	'<!DOCTYPE html>\n<html><head><meta charset="utf-8" /><title>POST api/member/retrievepwd/sendcode</title></head>' +
	'<body><div id="body" class="help-page"><h1>POST api/member/retrievepwd/sendcode</h1><div>找回密码发送验证码</div>' +
	'<h2>Request Information</h2><h3>Body Parameters</h3><p>MemberRetrievePwdSendCodRequest</p>' +
	'<h2>Response Information</h2><p>ApiResultOfMemberSendCodeResponse</p></div></body></html>\n';

function mediaOf(header: string | string[] | undefined): string {
	const raw = Array.isArray(header) ? header[0] : header;
	return (raw ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * ASP.NET Web API content negotiation, reduced to JSON vs XML: an explicit JSON or XML
 * type in Accept wins (by q, then order); wildcards or no Accept at all leave the
 * choice to the request's own media type (XML body → XML), else JSON. The
 * `xmlWhenNoAccept` switch answers XML whenever Accept names no JSON or XML type.
 */
function negotiate(req: SandboxRequest, xmlWhenNoAccept: boolean): ReplyFormat {
	const accept = req.headers.accept;
	const raw = (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).trim();
	const ranges = raw
		.split(',')
		.filter((part) => part.trim() !== '')
		.map((part, i) => {
			const [media, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
			const qp = params.find((x) => x.startsWith('q='));
			const q = qp ? Number(qp.slice(2)) : 1;
			return { media, q: Number.isFinite(q) ? q : 0, i };
		})
		.filter((r) => r.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	for (const r of ranges) {
		if (JSON_MEDIA.has(r.media)) return 'json';
		if (XML_MEDIA.has(r.media)) return 'xml';
	}
	if (xmlWhenNoAccept) return 'xml';
	return XML_MEDIA.has(mediaOf(req.headers['content-type'])) ? 'xml' : 'json';
}

function modelFromObject(format: BodyFormat, obj: JsonObject): RequestModel {
	return { format, get: (name) => getMember(obj, name) };
}

interface MatchedRoute {
	route: RouteDef;
}

class ModelError extends Error {
	constructor(
		readonly key: string,
		message: string,
	) {
		super(message);
	}
}

export class ChinaTrainTicketsEmulator {
	private signingKey: string;
	private members: Member[] = [];
	private captchas = new Map<string, string>();
	private outbox: OutboxRecord[] = [];
	private lastSentMs = new Map<string, number>();
	private seenSignatures = new Map<string, number>();
	private passwordChanges: Array<{ username: string; atMs: number }> = [];
	private switches: ChinaTrainTicketsSwitches = { ...DEFAULT_SWITCHES };

	constructor(
		private readonly clock: SandboxClock,
		private readonly initialKey: string = DEFAULT_SIGNING_KEY,
	) {
		this.signingKey = initialKey;
		this.reset();
	}

	// ------------------------------------------------------------------ state / control

	reset(): void {
		this.signingKey = this.initialKey;
		this.members = DEFAULT_MEMBERS.map((m) => ({ ...m }));
		this.captchas = new Map(Object.entries(DEFAULT_CAPTCHAS).map(([k, v]) => [k.toLowerCase(), v]));
		this.outbox = [];
		this.lastSentMs = new Map();
		this.seenSignatures = new Map();
		this.passwordChanges = [];
		this.switches = { ...DEFAULT_SWITCHES };
	}

	getSigningKey(): string {
		return this.signingKey;
	}

	setSigningKey(key: string): void {
		if (typeof key !== 'string' || key === '')
			throw new Error('signingKey must be a non-empty string');
		this.signingKey = key;
	}

	listMembers(): Member[] {
		return this.members.map((m) => ({ ...m }));
	}

	/** Adds a member, or replaces the one with the same username (case-insensitive). */
	upsertMember(m: Member): void {
		if (!m || typeof m.username !== 'string' || m.username.trim() === '')
			throw new Error('username is required');
		if (typeof m.phone_number !== 'string' || m.phone_number.trim() === '')
			throw new Error('phone_number is required');
		if (typeof m.password !== 'string') throw new Error('password must be a string');
		const member = {
			username: m.username.trim(),
			phone_number: m.phone_number.trim(),
			password: m.password,
		};
		const idx = this.members.findIndex(
			(x) => x.username.toLowerCase() === member.username.toLowerCase(),
		);
		if (idx >= 0) this.members[idx] = member;
		else this.members.push(member);
	}

	passwordOf(username: string): string | undefined {
		return this.findByUsername(username)?.password;
	}

	listCaptchas(): Record<string, string> {
		return Object.fromEntries(this.captchas);
	}

	setCaptcha(client: string, imgCode: string | null): void {
		if (typeof client !== 'string' || !GUID_RE.test(client.trim()))
			throw new Error('client must be a GUID');
		const key = client.trim().toLowerCase();
		if (imgCode === null) {
			this.captchas.delete(key);
			return;
		}
		if (typeof imgCode !== 'string' || imgCode.trim() === '')
			throw new Error('img_code must be a non-empty string or null');
		this.captchas.set(key, imgCode.trim());
	}

	listOutbox(): OutboxEntry[] {
		return this.outbox.map((r) => ({
			username: r.username,
			phone_number: r.phone_number,
			code: r.code,
			sentAt: new Date(r.sentAtMs),
			expiresAt: new Date(r.expiresAtMs),
			used: r.used,
		}));
	}

	/** The latest code sent to a member (by username or phone number), if any. */
	latestCode(usernameOrPhone: string): string | undefined {
		const m = this.findByUsername(usernameOrPhone) ?? this.findByPhone(usernameOrPhone);
		if (!m) return undefined;
		return this.latestRecord(m.username)?.code;
	}

	listPasswordChanges(): PasswordChange[] {
		return this.passwordChanges.map((c) => ({ username: c.username, at: new Date(c.atMs) }));
	}

	getSwitches(): ChinaTrainTicketsSwitches {
		return { ...this.switches };
	}

	setSwitches(s: Partial<ChinaTrainTicketsSwitches>): void {
		const next = { ...this.switches };
		const nonNegInt = (key: string, value: unknown, max: number): number => {
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
				throw new Error(`${key} must be an integer between 0 and ${max}`);
			}
			return value;
		};
		for (const [key, value] of Object.entries(s ?? {})) {
			switch (key) {
				case 'timestampWindowSec':
					next.timestampWindowSec = nonNegInt(key, value, 31 * 86400);
					break;
				case 'cooldownSec':
					next.cooldownSec = nonNegInt(key, value, 86400);
					break;
				case 'codeTtlSec':
					next.codeTtlSec = nonNegInt(key, value, 86400);
					if (next.codeTtlSec === 0) throw new Error('codeTtlSec must be at least 1');
					break;
				case 'rejectReplays':
				case 'requireImgCode':
				case 'xmlWhenNoAccept':
				case 'alwaysXml':
					if (typeof value !== 'boolean') throw new Error(`${key} must be a boolean`);
					next[key] = value;
					break;
				case 'fixedCode':
					if (value !== null && (typeof value !== 'string' || !/^[0-9]{6}$/.test(value))) {
						throw new Error('fixedCode must be 6 digits (a string) or null');
					}
					next.fixedCode = value;
					break;
				case 'signatureFailureStatus':
					if (value !== 200 && value !== 401 && value !== 403)
						throw new Error('signatureFailureStatus must be 200, 401 or 403');
					next.signatureFailureStatus = value;
					break;
				default:
					throw new Error(`Unknown switch ${JSON.stringify(key)}`);
			}
		}
		this.switches = next;
	}

	// ------------------------------------------------------------------ routing

	resolve(req: SandboxRequest): ApiResolution {
		let p = req.pathname;
		if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
		const matched: MatchedRoute[] = ROUTES.filter(
			(r) => r.path.toLowerCase() === p.toLowerCase(),
		).map((route) => ({ route }));
		const format = this.switches.alwaysXml ? 'xml' : negotiate(req, this.switches.xmlWhenNoAccept);
		if (matched.length === 0) {
			if (p.toLowerCase().startsWith('/api/') || p.toLowerCase() === '/api') {
				const host =
					(Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host) ?? '127.0.0.1';
				return {
					run: () =>
						httpError(404, format, {
							Message: `No HTTP resource was found that matches the request URI 'http://${host}${req.rawPath}'.`,
						}),
				};
			}
			return {
				run: () =>
					htmlReply(
						404,
						iisPage(
							404,
							'Not Found',
							'The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.',
						),
					),
			};
		}
		const names = matched.flatMap((m) => [m.route.name, m.route.path]);
		const hit = matched.find((m) => m.route.method === req.method);
		if (!hit) {
			const allow = [...new Set(matched.map((m) => m.route.method))].join(', ');
			return {
				names,
				run: () =>
					httpError(
						405,
						format,
						{ Message: `The requested resource does not support http method '${req.method}'.` },
						{ allow },
					),
			};
		}
		return { names, run: () => this.dispatch(hit.route, req, format) };
	}

	/** Names a fault's `route` may use: route names and paths. */
	routeNames(): string[] {
		return ROUTES.flatMap((r) => [r.name, r.path]);
	}

	faultResponse(kind: FaultBodyKind, status: number, fault: ActiveFault): SandboxResponse {
		switch (kind) {
			case 'failure200':
				return jsonReply(status, {
					code: fault.code ?? RESULT_BUSINESS,
					message: MESSAGES.busy,
					data: null,
				});
			case 'http500':
				return jsonReply(status, { Message: 'An error has occurred.' });
			case 'http503':
				return {
					status,
					headers: { 'content-type': 'text/html; charset=us-ascii' },
					body:
						'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
						'<HTML><HEAD><TITLE>Service Unavailable</TITLE></HEAD><BODY><h2>Service Unavailable</h2>' +
						'<hr><p>HTTP Error 503. The service is unavailable.</p></BODY></HTML>\r\n',
				};
			case 'http429':
			default:
				return jsonReply(status, { Message: 'Too many requests. Please try again later.' });
		}
	}

	/** The request log shows `sign` but never `new_password` or the verification `code` (spec §8, hygiene). */
	maskBody(req: SandboxRequest, body: string): string {
		const names = MASKED_FIELDS.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
		const media = mediaOf(req.headers['content-type']);
		if (media === FORM_MEDIA) {
			return body.replace(new RegExp(`(^|&)((?:${names})=)[^&]*`, 'gi'), '$1$2***');
		}
		if (XML_MEDIA.has(media)) {
			return body.replace(
				new RegExp(`(<(?:[A-Za-z_][\\w.-]*:)?(?:${names})(?:\\s[^>]*)?>)[^<]*(</)`, 'gi'),
				'$1***$2',
			);
		}
		// JSON (and anything else): any scalar value of a masked member.
		return body.replace(
			new RegExp(
				`("(?:${names})"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|-?[0-9][0-9.eE+-]*|true|false)`,
				'gi',
			),
			'$1"***"',
		);
	}

	private dispatch(route: RouteDef, req: SandboxRequest, format: ReplyFormat): SandboxResponse {
		if (route.name === 'help') return htmlReply(200, HELP_PAGE, ASPNET_HEADERS);
		const kind = route.name;

		const model = this.readModel(req, kind, format);
		if ('status' in model) return model;

		try {
			const signing = this.verifySignature(model);
			if (signing) return this.reply(kind, format, signing, true);
			const client = this.optGuid(model, 'client');
			const out = kind === 'sendcode' ? this.sendCode(model, client) : this.updatePassword(model);
			return this.reply(kind, format, out, false);
		} catch (err) {
			if (err instanceof ModelError) {
				return httpError(400, format, {
					Message: 'The request is invalid.',
					ModelState: { [`request.${err.key}`]: [err.message] },
				});
			}
			throw err;
		}
	}

	/** Reads the body by its media type, as Web API's formatters do (415 for an unsupported one). */
	private readModel(
		req: SandboxRequest,
		kind: 'sendcode' | 'updatepwd',
		format: ReplyFormat,
	): RequestModel | SandboxResponse {
		const media = mediaOf(req.headers['content-type']);
		const typeName =
			kind === 'sendcode' ? 'MemberRetrievePwdSendCodRequest' : 'MemberRetrievePwdUpdateRequest';
		if (req.body.length === 0) {
			// No content: Web API binds a null model; the signing check then refuses it.
			return modelFromObject('json', Object.create(null) as JsonObject);
		}
		const badBody = (detail: string) =>
			httpError(400, format, {
				Message: 'The request is invalid.',
				ModelState: { request: [detail] },
			});
		if (JSON_MEDIA.has(media)) {
			let value: JsonValue;
			try {
				value = parseJson(req.body);
			} catch (err) {
				return badBody(
					`Unexpected character encountered while parsing value. ${(err as Error).message}`,
				);
			}
			if (!isJsonObject(value))
				return badBody(`Cannot deserialize the current JSON value into type '${typeName}'.`);
			return modelFromObject('json', value);
		}
		if (media === FORM_MEDIA) {
			const params = new URLSearchParams(req.body);
			const obj = Object.create(null) as JsonObject;
			for (const [k, v] of params) if (!(k in obj)) obj[k] = v;
			return modelFromObject('form', obj);
		}
		if (XML_MEDIA.has(media)) {
			let doc: unknown;
			try {
				doc = xmlParser.parse(req.body, true);
			} catch (err) {
				return badBody(`There is an error in the XML document. ${(err as Error).message}`);
			}
			const root = (doc as Record<string, unknown>)?.[XML_REQUEST_ROOTS[kind]];
			if (typeof root !== 'object' || root === null) {
				return badBody(
					`Expecting element '${XML_REQUEST_ROOTS[kind]}' from namespace '${XML_NS_AREA}'.`,
				);
			}
			const obj = Object.create(null) as JsonObject;
			for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
				if (typeof v === 'string') obj[k] = v;
				else if (v === '' || v === undefined || v === null) obj[k] = '';
			}
			return modelFromObject('xml', obj);
		}
		const shown = media === '' ? 'application/octet-stream' : media;
		return httpError(415, format, {
			Message: `The request entity's media type '${shown}' is not supported for this resource.`,
			ExceptionMessage: `No MediaTypeFormatter is available to read an object of type '${typeName}' from content with media type '${shown}'.`,
			ExceptionType: 'System.Net.Http.UnsupportedMediaTypeException',
		});
	}

	// ------------------------------------------------------------------ signature (spec §8, in order)

	/** Returns a rejection envelope, or undefined when the signing fields pass every check. */
	private verifySignature(model: RequestModel): Envelope | undefined {
		const reject = (code: number, message: string): Envelope => ({ code, message, data: null });

		// 1. Presence and types.
		const terminal = this.readTerminal(model);
		const timeStamp = model.get('time_stamp');
		const random = this.readRandom(model);
		const sign = model.get('sign');
		if (terminal !== TERMINAL_WEBPAGE) return reject(RESULT_SIGNATURE, MESSAGES.signFields);
		if (typeof timeStamp !== 'string') return reject(RESULT_SIGNATURE, MESSAGES.signFields);
		const tsMs = parseTimeStamp(timeStamp);
		if (tsMs === undefined) return reject(RESULT_SIGNATURE, MESSAGES.signFields);
		if (random === undefined || random < RANDOM_MIN || random > RANDOM_MAX)
			return reject(RESULT_SIGNATURE, MESSAGES.signFields);
		if (typeof sign !== 'string' || !SIGN_RE.test(sign))
			return reject(RESULT_SIGNATURE, MESSAGES.signFields);

		// 2. Recompute with the emulator's key, constant-time compare.
		if (!signsEqual(computeSign(this.signingKey, random, timeStamp, terminal), sign)) {
			return reject(RESULT_SIGNATURE, MESSAGES.signMismatch);
		}

		// 3. Freshness.
		const nowMs = this.clock.nowMs();
		const windowMs = this.switches.timestampWindowSec * 1000;
		if (Math.abs(nowMs - tsMs) > windowMs) return reject(RESULT_TIMESTAMP, MESSAGES.timestamp);

		// 4. Replay (switch).
		if (this.switches.rejectReplays) {
			for (const [k, expiry] of this.seenSignatures)
				if (expiry < nowMs) this.seenSignatures.delete(k);
			const key = `${random}|${timeStamp}`;
			if (this.seenSignatures.has(key)) return reject(RESULT_REPLAY, MESSAGES.replay);
			this.seenSignatures.set(key, tsMs + windowMs);
		}
		return undefined;
	}

	/** `terminal`: the JSON integer 1; in a form "1" or the enum name; in XML only the enum name (DataContract). */
	private readTerminal(model: RequestModel): number | undefined {
		const v = model.get('terminal');
		if (model.format === 'json') return typeof v === 'bigint' ? Number(v) : undefined;
		if (typeof v !== 'string') return undefined;
		if (v.trim().toLowerCase() === TERMINAL_WEBPAGE_XML.toLowerCase()) return TERMINAL_WEBPAGE;
		if (model.format === 'form' && /^[0-9]+$/.test(v.trim())) return Number(v.trim());
		return undefined;
	}

	/** `random`: a JSON integer literal; in a form or XML a decimal string. */
	private readRandom(model: RequestModel): number | undefined {
		const v = model.get('random');
		if (model.format === 'json') {
			if (typeof v !== 'bigint') return undefined;
			return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
				? Number(v)
				: undefined;
		}
		if (typeof v !== 'string' || !/^[0-9]{1,9}$/.test(v.trim())) return undefined;
		return Number(v.trim());
	}

	// ------------------------------------------------------------------ business fields

	/** A string member; JSON numbers and booleans convert the way Json.NET converts them; objects are a binding error. */
	private optString(model: RequestModel, name: string): string | undefined {
		const v = model.get(name);
		if (v === undefined || v === null) return undefined;
		if (typeof v === 'string') return v;
		if (typeof v === 'bigint' || typeof v === 'number') return String(v);
		if (typeof v === 'boolean') return v ? 'True' : 'False';
		throw new ModelError(
			name,
			`Unexpected character encountered while parsing value: ${Array.isArray(v) ? '[' : '{'}. Path '${name}'.`,
		);
	}

	/** `client` is a GUID in the seed: a value that is not one fails model binding (400). */
	private optGuid(model: RequestModel, name: string): string | undefined {
		const v = this.optString(model, name);
		if (v === undefined || v === '') return undefined;
		if (!GUID_RE.test(v.trim()))
			throw new ModelError(
				name,
				`Error converting value "${v}" to type 'System.Guid'. Path '${name}'.`,
			);
		return v.trim().toLowerCase();
	}

	private findByUsername(username: string): Member | undefined {
		const u = username.trim().toLowerCase();
		return this.members.find((m) => m.username.toLowerCase() === u);
	}

	private findByPhone(phone: string): Member | undefined {
		const p = phone.trim();
		return this.members.find((m) => m.phone_number === p);
	}

	private latestRecord(username: string): OutboxRecord | undefined {
		const u = username.toLowerCase();
		for (let i = this.outbox.length - 1; i >= 0; i--)
			if (this.outbox[i].username.toLowerCase() === u) return this.outbox[i];
		return undefined;
	}

	private sendCode(model: RequestModel, client: string | undefined): Envelope {
		const fail = (message: string): Envelope => ({ code: RESULT_BUSINESS, message, data: null });
		const username = this.optString(model, 'username')?.trim() || undefined;
		const phone = this.optString(model, 'phone_number')?.trim() || undefined;
		const imgCode = this.optString(model, 'img_code')?.trim() || undefined;

		if (this.switches.requireImgCode) {
			if (imgCode === undefined || client === undefined) return fail(MESSAGES.imgCodeRequired);
			const expected = this.captchas.get(client);
			if (expected === undefined || expected.toLowerCase() !== imgCode.toLowerCase())
				return fail(MESSAGES.imgCodeWrong);
		}
		if (username === undefined && phone === undefined) return fail(MESSAGES.accountRequired);
		const byName = username !== undefined ? this.findByUsername(username) : undefined;
		const byPhone = phone !== undefined ? this.findByPhone(phone) : undefined;
		if ((username !== undefined && !byName) || (phone !== undefined && !byPhone))
			return fail(MESSAGES.memberNotFound);
		if (byName && byPhone && byName !== byPhone) return fail(MESSAGES.accountMismatch);
		const member = (byName ?? byPhone)!;

		const nowMs = this.clock.nowMs();
		const last = this.lastSentMs.get(member.username.toLowerCase());
		if (
			this.switches.cooldownSec > 0 &&
			last !== undefined &&
			nowMs - last < this.switches.cooldownSec * 1000
		) {
			return fail(MESSAGES.cooldown);
		}
		const code = this.switches.fixedCode ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
		this.outbox.push({
			username: member.username,
			phone_number: member.phone_number,
			code,
			sentAtMs: nowMs,
			expiresAtMs: nowMs + this.switches.codeTtlSec * 1000,
			used: false,
		});
		this.lastSentMs.set(member.username.toLowerCase(), nowMs);
		return { code: RESULT_SUCCESS, message: MESSAGES.codeSent, data: { state: SENDCODE_STATE } };
	}

	private updatePassword(model: RequestModel): Envelope {
		const fail = (message: string): Envelope => ({ code: RESULT_BUSINESS, message, data: null });
		const username = this.optString(model, 'username')?.trim() || undefined;
		const code = this.optString(model, 'code')?.trim() || undefined;
		const newPassword = this.optString(model, 'new_password');

		if (username === undefined) return fail(MESSAGES.usernameRequired);
		if (code === undefined) return fail(MESSAGES.codeRequired);
		if (newPassword === undefined || newPassword.trim() === '')
			return fail(MESSAGES.passwordRequired);
		const member = this.findByUsername(username);
		if (!member) return fail(MESSAGES.memberNotFound);
		const latest = this.latestRecord(member.username);
		if (!latest) return fail(MESSAGES.noCode);
		if (latest.code !== code) return fail(MESSAGES.codeWrong);
		if (latest.used) return fail(MESSAGES.codeUsed);
		const nowMs = this.clock.nowMs();
		if (nowMs > latest.expiresAtMs) return fail(MESSAGES.codeExpired);

		latest.used = true;
		member.password = newPassword; // exactly as sent, no trimming
		this.passwordChanges.push({ username: member.username, atMs: nowMs });
		return { code: RESULT_SUCCESS, message: MESSAGES.passwordChanged, data: UPDATEPWD_DATA };
	}

	// ------------------------------------------------------------------ replies

	private reply(
		kind: 'sendcode' | 'updatepwd',
		format: ReplyFormat,
		env: Envelope,
		signing: boolean,
	): SandboxResponse {
		const status =
			signing && SIGNING_RESULT_CODES.includes(env.code)
				? this.switches.signatureFailureStatus
				: 200;
		if (format === 'json')
			return jsonReply(status, { code: env.code, message: env.message, data: env.data });
		const root = kind === 'sendcode' ? XML_ROOT_SENDCODE : XML_ROOT_UPDATEPWD;
		let data: string;
		if (env.data === null || env.data === undefined) data = '<data i:nil="true" />';
		else if (typeof env.data === 'string') data = `<data>${escapeXml(env.data)}</data>`;
		else
			data = `<data><state>${escapeXml(String((env.data as { state: string }).state))}</state></data>`;
		const body =
			`<${root} xmlns:i="${XML_NS_INSTANCE}" xmlns="${XML_NS_AREA}">` +
			`<code>${env.code}</code>${data}<message>${escapeXml(env.message)}</message></${root}>`;
		return {
			status,
			headers: { 'content-type': 'application/xml; charset=utf-8', ...ASPNET_HEADERS },
			body,
		};
	}
}
