import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { parseJsonPreservingBigInts } from './json';

/** The part of an n8n execution/poll context that provider requests need. */
export interface RequestContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
	};
}

export interface ProviderRequest {
	method: IHttpRequestMethods;
	url: string;
	headers?: Record<string, string>;
	/** JSON text (already serialised: big ids are written as bare integer literals). */
	jsonBody?: string;
	timeoutMs?: number;
	skipSslCertificateValidation?: boolean;
	/** Attempts for 429, 5xx and non-JSON gateway answers (the request must be safe to repeat). */
	attempts?: number;
}

export interface ProviderResponse {
	statusCode: number;
	headers: Record<string, string>;
	text: string;
	/** The parsed body when it is JSON (big integers kept as strings), else `undefined`. */
	json: unknown;
}

export type TransportFailureKind = 'timeout' | 'connectionReset' | 'connectionRefused' | 'network';

/**
 * A request that got no HTTP answer. `ambiguous` means the provider may have processed it
 * (timeout, reset after sending): a send must be checked, not blindly repeated.
 */
export class TransportFailure extends Error {
	constructor(
		readonly kind: TransportFailureKind,
		readonly ambiguous: boolean,
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

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * Sends one request through n8n's `httpRequestWithAuthentication` and returns the full response
 * without throwing on HTTP status: several providers answer business errors with 401, which must
 * neither trigger n8n's credential-refresh resend nor its generic "check your credentials" text.
 * The body is read as text and parsed so that 64-bit ids keep every digit.
 */
export async function sendProviderRequest(
	ctx: RequestContext,
	credentialType: string,
	request: ProviderRequest,
): Promise<ProviderResponse> {
	const attempts = Math.max(1, Math.min(request.attempts ?? 1, 5));
	let response: ProviderResponse | undefined;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		response = await sendOnce(ctx, credentialType, request);
		const retryable = response.statusCode === 429 || response.statusCode >= 500;
		if (!retryable || attempt === attempts) return response;
		await sleep(retryDelayMs(response, attempt));
	}
	return response as ProviderResponse;
}

function retryDelayMs(response: ProviderResponse, attempt: number): number {
	const retryAfter = Number(response.headers['retry-after']);
	if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
	return Math.min(250 * 2 ** (attempt - 1), 4000);
}

async function sendOnce(ctx: RequestContext, credentialType: string, request: ProviderRequest): Promise<ProviderResponse> {
	const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
	if (request.jsonBody !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		headers,
		body: request.jsonBody,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		skipSslCertificateValidation: request.skipSslCertificateValidation === true,
	};
	let raw: { statusCode: number; headers: Record<string, unknown>; body: unknown };
	try {
		raw = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as typeof raw;
	} catch (error) {
		throw toTransportFailure(error);
	}
	const text = typeof raw.body === 'string' ? raw.body : raw.body === undefined || raw.body === null ? '' : String(raw.body);
	let json: unknown;
	if (text.trim() !== '') {
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

// n8n wraps axios errors in a NodeApiError that keeps neither the error code nor the request
// (the request config carries the credential header, which must not travel further); what
// survives is the original message in `messages` and n8n's own text for the code.
const FAILURE_PATTERNS: Array<{ pattern: RegExp; kind: TransportFailureKind; ambiguous: boolean; code: string }> = [
	{ pattern: /ECONNREFUSED|refused the connection/i, kind: 'connectionRefused', ambiguous: false, code: 'ECONNREFUSED' },
	{ pattern: /ENOTFOUND|EAI_AGAIN|incorrect host|DNS server returned an error/i, kind: 'network', ambiguous: false, code: 'ENOTFOUND' },
	{ pattern: /ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|timed out|connection was aborted/i, kind: 'timeout', ambiguous: true, code: 'ETIMEDOUT' },
	{ pattern: /ECONNRESET|EPIPE|socket hang up|closed unexpectedly|aborted/i, kind: 'connectionReset', ambiguous: true, code: 'ECONNRESET' },
];

function toTransportFailure(error: unknown): Error {
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
	for (const { pattern, kind, ambiguous, code } of FAILURE_PATTERNS) {
		if (pattern.test(joined)) return new TransportFailure(kind, ambiguous, code);
	}
	// Anything else (missing credentials and the like) is already a clear n8n error: pass it on.
	return error instanceof Error ? error : new TransportFailure('network', true, 'UNKNOWN');
}

export interface ProviderErrorDetails {
	provider: string;
	/** English summary, without the provider name (it is added). */
	message: string;
	/** The provider's own code, kept verbatim. */
	code?: number | string;
	httpCode?: number;
	/** Extra English guidance and the provider's own wording. */
	description?: string;
	itemIndex?: number;
	/** No answer was received and the provider may have processed the request (timeout, reset). */
	ambiguous?: boolean;
}

/** A `NodeApiError` whose message reads `SepahanGostar error -14: … (HTTP 401)`; carries no request data. */
export function providerApiError(node: INode, details: ProviderErrorDetails): NodeApiError {
	const codePart = details.code !== undefined ? ` ${details.code}` : '';
	const httpPart = details.httpCode !== undefined ? ` (HTTP ${details.httpCode})` : '';
	const message = `${details.provider} error${codePart}: ${details.message}${httpPart}`;
	const errorResponse: JsonObject = { message };
	if (details.code !== undefined) errorResponse.providerCode = details.code;
	if (details.httpCode !== undefined) errorResponse.httpCode = String(details.httpCode);
	const error = new NodeApiError(node, errorResponse, {
		message,
		description: details.description,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		itemIndex: details.itemIndex,
	});
	if (details.code !== undefined) error.context.providerCode = details.code;
	if (details.ambiguous) error.context.ambiguous = true;
	return error;
}

/** Whether an error from `providerApiError` says the request may have been processed without an answer. */
export function isAmbiguousFailure(error: unknown): boolean {
	return (error as { context?: IDataObject } | undefined)?.context?.ambiguous === true;
}

/** The provider's own code carried by an error from `providerApiError`, if any. */
export function providerCodeOf(error: unknown): number | string | undefined {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const code = context?.providerCode;
	return typeof code === 'number' || typeof code === 'string' ? code : undefined;
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

/** The string values of a credential, for redaction. */
export function credentialSecrets(credentials: IDataObject | undefined): string[] {
	if (!credentials) return [];
	return Object.values(credentials).filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/** Normalises a base URL a user pasted: trims, drops trailing slashes and the given suffixes. */
export function normaliseBaseUrl(value: unknown, stripSuffixes: readonly string[] = []): string {
	let url = String(value ?? '').trim().replace(/\/+$/, '');
	for (const suffix of stripSuffixes) {
		if (url.toLowerCase().endsWith(suffix.toLowerCase())) url = url.slice(0, -suffix.length).replace(/\/+$/, '');
	}
	return url;
}
