import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods, IHttpRequestOptions, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ProviderError, settle } from './errors';
import { parseJsonPreservingBigInts, stringifyJsonExact } from './json';

/** The part of an n8n execution/poll/load-options context that provider requests need. */
export interface RequestContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(this: unknown, credentialsType: string, requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
	/** Milliseconds each request waits for its answer when the call sets none (the Timeout option; see `withTimeout`). */
	timeoutMs?: number;
}

/**
 * The same context, with the Timeout option of the items a request serves: every call made through
 * it waits `timeoutMs` for an answer (a call's own `timeoutMs` still wins). `undefined` keeps the default.
 */
export function withTimeout(ctx: RequestContext, timeoutMs: number | undefined): RequestContext {
	if (timeoutMs === undefined) return ctx;
	return {
		getNode: () => ctx.getNode(),
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number) =>
			await ctx.getCredentials<T>(type, itemIndex),
		helpers: {
			httpRequestWithAuthentication: async (credentialsType: string, requestOptions: IHttpRequestOptions) =>
				await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialsType, requestOptions),
		},
		timeoutMs,
	};
}

/** A request body, kept structured until it is sent so that auth can add fields to it. */
export type RequestBody =
	/** Serialised with `stringifyJsonExact`: `exactInteger()` values go out as bare integer literals. */
	| { json: unknown }
	/** `application/x-www-form-urlencoded`; an array repeats its key. */
	| { form: Record<string, string | readonly string[]> }
	/** Raw text (XML, SOAP) with its content type. */
	| { text: string; contentType: string };

export interface HttpRequest {
	method: IHttpRequestMethods;
	/** Appended to the provider's base URL. */
	path: string;
	query?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	body?: RequestBody;
}

export interface ProviderResponse {
	statusCode: number;
	/** Lower-case names. */
	headers: Record<string, string>;
	text: string;
	/** The parsed body when it is JSON (integers beyond 2^53 kept as strings), else `undefined`. */
	json: unknown;
}

/** How one provider's API is reached; declared once per provider beside its client. */
export interface ProviderApi {
	/** Display name used in every error, e.g. `SepahanGostar`. */
	name: string;
	/** The credential most calls use. */
	credentialType: string;
	baseUrl(credentials: IDataObject): string;
	/**
	 * Adds credentials to the structured request, before it is serialised (body fields, SOAP
	 * parameters). Header auth may instead live in the credential's `authenticate`.
	 */
	authorize?(request: HttpRequest, credentials: IDataObject): HttpRequest;
	skipSslValidation?(credentials: IDataObject): boolean;
}

export interface ProviderCall<T> {
	/** Another credential of the same provider (e.g. a panel login). */
	credentialType?: string;
	/**
	 * Builds the request for one attempt (1-based). It runs again before every attempt, so
	 * signatures, timestamps and nonces are fresh each time.
	 */
	prepare(attempt: number, credentials: IDataObject): HttpRequest;
	/**
	 * Reads an HTTP answer into a value, or throws a `ProviderError` that states the outcome
	 * (`refused` only when the answer proves the provider did not act) and whether it is retryable.
	 * `unexpectedAnswer` is the reading for anything the client does not recognise.
	 */
	read(response: ProviderResponse, context: ReadContext): T;
	/**
	 * Whether the request may be sent again once bytes may have reached the provider: true for
	 * reads and for sends the provider recognises as repeats (an idempotency key). A call with a
	 * side effect and no such key is not repeatable: it is sent again only when no byte left
	 * (connection refused, DNS failure), even after a 429.
	 */
	repeatable: boolean;
	/**
	 * Whether a repeatable request that got no answer at all (timeout, reset) is sent again here.
	 * Default: yes. A keyed send says no: its delivery asks the provider whether the key arrived first.
	 */
	retryUnanswered?: boolean;
	/** Attempts in all (default 3; at most 5). */
	attempts?: number;
	timeoutMs?: number;
}

export interface ReadContext {
	provider: string;
	/** Credential values to remove from anything quoted from the answer. */
	secrets: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_ATTEMPTS = 5;
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * Makes one provider call with its retry policy, through n8n's `httpRequestWithAuthentication`.
 * Every HTTP status is read by the client (never thrown by n8n: providers answer business errors
 * with 401, which n8n would otherwise send a second time). The one rule for repeating: the error
 * must be retryable, and either no byte left or the call is repeatable.
 */
export async function callProvider<T>(ctx: RequestContext, api: ProviderApi, call: ProviderCall<T>): Promise<T> {
	const credentialType = call.credentialType ?? api.credentialType;
	const credentials = (await ctx.getCredentials(credentialType)) as IDataObject;
	const readContext: ReadContext = { provider: api.name, secrets: credentialSecrets(credentials) };
	const attempts = Math.max(1, Math.min(call.attempts ?? 3, MAX_ATTEMPTS));
	for (let attempt = 1; ; attempt++) {
		let request = call.prepare(attempt, credentials);
		if (api.authorize) request = api.authorize(request, credentials);
		const target = {
			url: api.baseUrl(credentials) + request.path,
			request,
			timeoutMs: call.timeoutMs ?? ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			skipSsl: api.skipSslValidation?.(credentials) === true,
		};
		const result = await settle(async () => call.read(await sendOnce(ctx, credentialType, api.name, target), readContext));
		if (!(result instanceof ProviderError)) return result;
		const failure = result;
		// A call that is not repeatable goes again only if no byte left; a repeatable one (a read,
		// or a send the provider recognises as a repeat) on any retryable failure.
		const unanswered = failure.httpCode === undefined;
		const mayRepeat = failure.outcome === 'notSent' || (call.repeatable && (!unanswered || call.retryUnanswered !== false));
		if (!failure.retryable || !mayRepeat || attempt >= attempts) throw failure;
		await sleep(failure.retryAfterMs ?? Math.min(250 * 2 ** (attempt - 1), 4000));
	}
}

/** Every string value of a credential, for redaction. */
export function credentialSecrets(credentials: IDataObject | undefined): string[] {
	if (!credentials) return [];
	return Object.values(credentials).filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/** Serialises the structured body and its content type. */
export function serialiseBody(body: RequestBody): { text: string; contentType: string } {
	if ('json' in body) return { text: stringifyJsonExact(body.json), contentType: 'application/json; charset=utf-8' };
	if ('form' in body) {
		const params = new URLSearchParams();
		for (const [key, value] of Object.entries(body.form)) {
			for (const one of typeof value === 'string' ? [value] : value) params.append(key, one);
		}
		return { text: params.toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
	}
	return { text: body.text, contentType: body.contentType };
}

function withQuery(url: string, query: HttpRequest['query']): string {
	if (!query) return url;
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
	const text = params.toString();
	return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
}

async function sendOnce(
	ctx: RequestContext,
	credentialType: string,
	provider: string,
	target: { url: string; request: HttpRequest; timeoutMs: number; skipSsl: boolean },
): Promise<ProviderResponse> {
	const { request } = target;
	const headers: Record<string, string> = { Accept: 'application/json, text/xml;q=0.9, */*;q=0.8', ...request.headers };
	let body: string | undefined;
	if (request.body) {
		const serialised = serialiseBody(request.body);
		body = serialised.text;
		headers['Content-Type'] = serialised.contentType;
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: withQuery(target.url, request.query),
		headers,
		body,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: target.timeoutMs,
		skipSslCertificateValidation: target.skipSsl,
	};
	let raw: { statusCode: number; headers: Record<string, unknown>; body: unknown };
	try {
		raw = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as typeof raw;
	} catch (error) {
		throw toTransportFailure(provider, error);
	}
	const text = typeof raw.body === 'string' ? raw.body : raw.body === undefined || raw.body === null ? '' : String(raw.body);
	let json: unknown;
	const trimmed = text.trim();
	if (trimmed !== '' && !trimmed.startsWith('<')) {
		try {
			json = parseJsonPreservingBigInts(text);
		} catch {
			json = undefined;
		}
	}
	const lowerHeaders: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw.headers ?? {})) lowerHeaders[key.toLowerCase()] = String(value);
	return { statusCode: raw.statusCode, headers: lowerHeaders, text, json };
}

export type TransportFailureKind = 'timeout' | 'connectionReset' | 'connectionRefused' | 'network';

/** A request that got no HTTP answer. */
export class TransportFailure extends Error {
	constructor(
		readonly kind: TransportFailureKind,
		/** Whether bytes may have reached the provider (timeout, reset), as opposed to none. */
		readonly maybeReceived: boolean,
		readonly networkCode: string,
	) {
		super(
			kind === 'timeout'
				? 'The provider did not answer in time'
				: kind === 'connectionReset'
					? 'The connection was reset before the provider answered'
					: kind === 'connectionRefused'
						? 'The provider refused the connection'
						: `Network error (${networkCode})`,
		);
		this.name = 'TransportFailure';
	}
}

function transportError(provider: string, failure: TransportFailure): ProviderError {
	return new ProviderError({
		provider,
		message: failure.message,
		outcome: failure.maybeReceived ? 'unknown' : 'notSent',
		retryable: true,
		description: failure.maybeReceived
			? 'No answer arrived, so the request may or may not have been processed.'
			: `The host in the credential could not be reached (${failure.networkCode}).`,
	});
}

// n8n wraps axios errors in a NodeApiError that keeps neither the error code nor the request
// (the request config carries the credential header, which must not travel further); what
// survives is the original message in `messages` and n8n's own text for the code.
const FAILURE_PATTERNS: Array<{ pattern: RegExp; kind: TransportFailureKind; maybeReceived: boolean; code: string }> = [
	{ pattern: /ECONNREFUSED|refused the connection/i, kind: 'connectionRefused', maybeReceived: false, code: 'ECONNREFUSED' },
	{ pattern: /ENOTFOUND|EAI_AGAIN|incorrect host|DNS server returned an error/i, kind: 'network', maybeReceived: false, code: 'ENOTFOUND' },
	{
		pattern: /ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|timed out|connection was aborted/i,
		kind: 'timeout',
		maybeReceived: true,
		code: 'ETIMEDOUT',
	},
	{ pattern: /ECONNRESET|EPIPE|socket hang up|closed unexpectedly|aborted/i, kind: 'connectionReset', maybeReceived: true, code: 'ECONNRESET' },
];

function toTransportFailure(provider: string, error: unknown): Error {
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown; messages?: unknown };
		if (typeof candidate.code === 'string') texts.push(candidate.code);
		if (typeof candidate.message === 'string') texts.push(candidate.message);
		if (Array.isArray(candidate.messages)) texts.push(...candidate.messages.filter((m): m is string => typeof m === 'string'));
		current = candidate.cause;
	}
	const joined = texts.join('\n');
	for (const { pattern, kind, maybeReceived, code } of FAILURE_PATTERNS) {
		if (pattern.test(joined)) return transportError(provider, new TransportFailure(kind, maybeReceived, code));
	}
	// Anything else (missing credentials and the like) is already a clear n8n error: pass it on.
	return error instanceof Error ? error : transportError(provider, new TransportFailure('network', true, 'UNKNOWN'));
}

/** The provider's Retry-After, in milliseconds and capped, when it gave one. */
export function retryAfterMs(response: ProviderResponse): number | undefined {
	const seconds = Number(response.headers['retry-after']);
	return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : undefined;
}

/**
 * The reading of an answer a client does not recognise. It does not prove the request was
 * refused, so the outcome is `unknown` (a 429 is the exception: the provider said "not now").
 * 429 and 5xx are retryable.
 */
export function unexpectedAnswer(response: ProviderResponse, context: ReadContext, hint?: string): ProviderError {
	const { statusCode, text } = response;
	const rateLimited = statusCode === 429;
	const serverError = statusCode >= 500;
	const detail = text.trim() === '' ? ' (empty body)' : `: ${bodySnippet(text, context.secrets)}`;
	return new ProviderError({
		provider: context.provider,
		message: `Unexpected response${detail}`,
		httpCode: statusCode,
		outcome: rateLimited ? 'refused' : 'unknown',
		retryable: rateLimited || serverError,
		retryAfterMs: retryAfterMs(response),
		description: rateLimited
			? 'The provider is rate-limiting requests; try again later or send fewer requests at once.'
			: serverError
				? `The provider had a server error.${hint ? ` ${hint}` : ''}`
				: hint,
	});
}

/** A short, single-line, tag-free snippet of an unexpected body, with secrets removed. */
export function bodySnippet(text: string, secrets: readonly string[], max = 160): string {
	let snippet = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	snippet = redactSecrets(snippet, secrets);
	return snippet.length > max ? `${snippet.slice(0, max)}…` : snippet;
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out;
}

/** Normalises a base URL a user pasted: trims, drops trailing slashes and the given suffixes (longest first). */
export function normaliseBaseUrl(value: unknown, stripSuffixes: readonly string[] = []): string {
	let url = String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
	const suffixes = [...stripSuffixes].sort((a, b) => b.length - a.length);
	for (let changed = true; changed; ) {
		changed = false;
		for (const suffix of suffixes) {
			if (url.toLowerCase().endsWith(suffix.toLowerCase())) {
				url = url.slice(0, -suffix.length).replace(/\/+$/, '');
				changed = true;
			}
		}
	}
	return url;
}
