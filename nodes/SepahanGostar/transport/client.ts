import type { IDataObject } from 'n8n-workflow';

import { lookupCode } from '../../shared/codes';
import { ProviderError } from '../../shared/errors';
import { exactInteger, integerToString } from '../../shared/json';
import type { HttpRequest, ProviderApi, ProviderResponse, ReadContext, RequestContext } from '../../shared/transport';
import { bodySnippet, callProvider, normaliseBaseUrl, retryAfterMs, unexpectedAnswer } from '../../shared/transport';
import {
	SEPAHAN_CREDENTIAL_CODES,
	SEPAHAN_DUPLICATE_REQUEST_CODE,
	SEPAHAN_ERROR_CODES,
	SEPAHAN_RECEIVE_HTTP_ERRORS,
	SEPAHAN_SERVICE_INACTIVE_CODE,
} from './codes';

export const PROVIDER = 'SepahanGostar';
export const API_CREDENTIAL = 'sepahanGostarApi';
export const PANEL_CREDENTIAL = 'sepahanGostarPanelApi';
export const DEFAULT_BASE_URL = 'https://api.sepahansms.com';

/** What users paste after the host: dropped from the Base URL, by the node and the credential test alike. */
export const BASE_URL_SUFFIXES = ['/swagger/index.html', '/swagger', '/api'] as const;

/** Seed limits. */
export const MAX_RECIPIENTS_PER_SEND = 100;
export const MAX_IDS_PER_STATUS = 100;
export const MAX_RECEIVE = 100;
/** The API states no rate limit ("per second" without a figure): a conservative bound on parallel sends. */
export const MAX_PARALLEL_REQUESTS = 4;

/** Base URL from the credential: trailing slashes, `/api` and `/swagger…` pasted by users are dropped. */
export function baseUrlOf(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.baseUrl || DEFAULT_BASE_URL, BASE_URL_SUFFIXES);
}

/** The API key travels in the `Authorization` header, added by the credential's `authenticate`. */
export const sepahanGostarApi: ProviderApi = {
	name: PROVIDER,
	credentialType: API_CREDENTIAL,
	baseUrl: baseUrlOf,
	skipSslValidation: (credentials) => credentials.ignoreSslIssues === true,
};

export interface SendResult {
	/** One per recipient in request order: message id, or a negative per-recipient code. */
	ids: string[];
	smsCount?: number;
	/** Exact decimal text. */
	totalPrice?: string;
}

export interface InboundRecord {
	privateNumber: string;
	date: string;
	sendNumber: string;
	messageText: string;
}

export interface RequestTuning {
	requestId?: string;
}

/** How one endpoint's failures read, beside the global code table. */
interface EndpointErrors {
	/** HTTP statuses with their own meaning for this endpoint (Receive). */
	httpErrors?: Readonly<Record<number, string>>;
	/** Codes with a clearer message for this endpoint. */
	codeMessages?: Readonly<Record<number, string>>;
}

function providerWords(body: IDataObject | undefined): string | undefined {
	const error = body?.error;
	if (typeof error === 'string') return `Provider message: ${error}`;
	if (error && typeof error === 'object') {
		const { message, details } = error as IDataObject;
		const parts = [message, ...(Array.isArray(details) ? details : [])].filter((part) => typeof part === 'string' && part.trim());
		if (parts.length) return `Provider message: ${parts.map((part) => String(part).trim()).join(' — ')}`;
	}
	return undefined;
}

/**
 * Reads SepahanGostar's `{ isSuccess, value, error }` envelope (or the seed's `{ message, result }`).
 * An error envelope with a code proves a refusal; anything unrecognised leaves the outcome unknown.
 */
function readEnvelope(response: ProviderResponse, context: ReadContext, endpoint: EndpointErrors = {}): unknown {
	const { statusCode, json } = response;
	const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as IDataObject) : undefined;
	if (body && typeof body.isSuccess === 'boolean') {
		if (body.isSuccess) return body.value;
		throw envelopeError(response, body, endpoint);
	}
	if (statusCode === 200 && body && 'result' in body) return body.result;
	const httpMeaning = endpoint.httpErrors?.[statusCode];
	if (httpMeaning) {
		throw new ProviderError({ provider: PROVIDER, message: httpMeaning, httpCode: statusCode, outcome: 'refused', description: providerWords(body) });
	}
	if (body && (statusCode === 400 || statusCode === 415) && ('title' in body || 'errors' in body)) {
		throw new ProviderError({
			provider: PROVIDER,
			message: `The API rejected the request as malformed: ${bodySnippet(String(body.title ?? ''), context.secrets)}`,
			httpCode: statusCode,
			outcome: 'refused',
			description: bodySnippet(JSON.stringify(body.errors ?? {}), context.secrets, 400),
		});
	}
	throw unexpectedAnswer(response, context);
}

function envelopeError(response: ProviderResponse, body: IDataObject, endpoint: EndpointErrors): ProviderError {
	const { statusCode } = response;
	const error = body.error;
	const rawCode = error && typeof error === 'object' ? (error as IDataObject).code : undefined;
	const parsed = typeof rawCode === 'number' ? rawCode : rawCode !== undefined ? Number(rawCode) : Number.NaN;
	const code = Number.isNaN(parsed) ? undefined : parsed;
	const known = code !== undefined ? lookupCode(SEPAHAN_ERROR_CODES, code) : undefined;
	const serverError = statusCode >= 500;
	let message = known
		? known.text
		: serverError
			? 'The provider had a server error'
			: code !== undefined
				? `Undocumented error code ${code}`
				: 'The request failed';
	if (code !== undefined && endpoint.codeMessages?.[code]) message = endpoint.codeMessages[code];
	if (endpoint.httpErrors?.[statusCode]) message = endpoint.httpErrors[statusCode];
	const hints: string[] = [];
	if (code !== undefined && SEPAHAN_CREDENTIAL_CODES.includes(code)) {
		hints.push(
			'Check the API key in the SepahanGostar credential, that the token is active in the panel (Web settings → Generate token), and that its allowed IPs include this n8n server.',
		);
	}
	const words = providerWords(body);
	if (words) hints.push(words);
	return new ProviderError({
		provider: PROVIDER,
		message,
		code,
		httpCode: statusCode,
		// A documented code is a decision the API made; a server error may have been half done.
		outcome: known || !serverError ? 'refused' : 'unknown',
		retryable: serverError || statusCode === 429,
		retryAfterMs: retryAfterMs(response),
		description: hints.join('\n') || undefined,
	});
}

interface CallSpec {
	request: HttpRequest;
	repeatable: boolean;
	retryUnanswered?: boolean;
	credentialType?: string;
	timeoutMs?: number;
	endpoint?: EndpointErrors;
}

async function call(ctx: RequestContext, spec: CallSpec): Promise<unknown> {
	return await callProvider(ctx, sepahanGostarApi, {
		credentialType: spec.credentialType,
		prepare: () => spec.request,
		read: (response, context) => readEnvelope(response, context, spec.endpoint),
		repeatable: spec.repeatable,
		retryUnanswered: spec.retryUnanswered,
		timeoutMs: spec.timeoutMs,
	});
}

/** Whether an error is the provider's "this Request-Id was already received" (−20). */
export function isDuplicateRequest(error: ProviderError): boolean {
	return error.code === SEPAHAN_DUPLICATE_REQUEST_CODE;
}

function toSendResult(value: unknown): SendResult {
	const result = (value && typeof value === 'object' ? value : {}) as IDataObject;
	const ids = Array.isArray(result.ids) ? result.ids.map((id) => integerToString(id) ?? String(id)) : [];
	const smsCount = integerToString(result.smsCount);
	return { ids, smsCount: smsCount === undefined ? undefined : Number(smsCount), totalPrice: integerToString(result.totalPrice) };
}

function requestIdHeader(tuning: RequestTuning): Record<string, string> | undefined {
	return tuning.requestId ? { 'Request-Id': tuning.requestId } : undefined;
}

/**
 * `POST /api/Sms/Send`: one text from one line to at most 100 recipients (`09XXXXXXXXX`).
 * Repeatable because the Request-Id makes a repeat a "duplicate", never a second SMS.
 */
export async function send(
	ctx: RequestContext,
	input: { senderNumber: string; smsText: string; receiverNumbers: string[] },
	tuning: RequestTuning,
): Promise<SendResult> {
	const value = await call(ctx, {
		request: { method: 'POST', path: '/api/Sms/Send', headers: requestIdHeader(tuning), body: { json: input } },
		repeatable: tuning.requestId !== undefined,
		// A lost answer is settled by deliverWithKey: checkRequestId first, then one resend.
		retryUnanswered: false,
	});
	return toSendResult(value);
}

/** `POST /api/Sms/SendP2P`: parallel arrays, text[i] from sender[i] to receiver[i], at most 100. */
export async function sendP2P(
	ctx: RequestContext,
	input: { senderNumbers: string[]; smsTexts: string[]; receiverNumbers: string[] },
	tuning: RequestTuning,
): Promise<SendResult> {
	const value = await call(ctx, {
		request: { method: 'POST', path: '/api/Sms/SendP2P', headers: requestIdHeader(tuning), body: { json: input } },
		repeatable: tuning.requestId !== undefined,
		// A lost answer is settled by deliverWithKey: checkRequestId first, then one resend.
		retryUnanswered: false,
	});
	return toSendResult(value);
}

/** `GET /api/Requests/checkRequestId/{id}`: was a request with this id received in the last 4 hours? */
export async function checkRequestId(ctx: RequestContext, requestId: string): Promise<boolean> {
	const value = await call(ctx, {
		request: { method: 'GET', path: `/api/Requests/checkRequestId/${encodeURIComponent(requestId)}` },
		repeatable: true,
	});
	return (value as IDataObject | null)?.isDuplicate === true;
}

function toStatusCodes(value: unknown): number[] {
	return Array.isArray(value) ? value.map((code) => Number(code)) : [];
}

/** `POST /api/SmsReport/status`: delivery codes of messages sent in the last 24 hours (≤ 100 ids). */
export async function status(ctx: RequestContext, messageIds: string[]): Promise<number[]> {
	const value = await call(ctx, {
		request: { method: 'POST', path: '/api/SmsReport/status', body: { json: messageIds.map(exactInteger) } },
		repeatable: true,
	});
	return toStatusCodes(value);
}

/** `POST /api/SmsReport/oldStatus`: delivery codes of older messages; only 01:00–05:00 Tehran. */
export async function oldStatus(ctx: RequestContext, messageIds: string[]): Promise<number[]> {
	const value = await call(ctx, {
		request: { method: 'POST', path: '/api/SmsReport/oldStatus', body: { json: messageIds.map(exactInteger) } },
		repeatable: true,
		endpoint: {
			codeMessages: {
				[SEPAHAN_SERVICE_INACTIVE_CODE]: 'Get Old Status is only available between 01:00 and 05:00 Tehran time (21:30–01:30 UTC)',
			},
		},
	});
	return toStatusCodes(value);
}

/** `GET /api/SmsReport/credit`: the remaining credit, as exact decimal text. */
export async function credit(ctx: RequestContext): Promise<string> {
	const value = await call(ctx, { request: { method: 'GET', path: '/api/SmsReport/credit' }, repeatable: true });
	const amount = integerToString(value);
	if (amount === undefined) {
		throw new ProviderError({ provider: PROVIDER, message: 'The credit in the answer is not a number', outcome: 'unknown' });
	}
	return amount;
}

/**
 * `POST /api/SmsReport/Receive`. `markAsRead` is always sent: the API's default (true)
 * consumes messages, so leaving it out would hide them from every other reader.
 */
export async function receive(
	ctx: RequestContext,
	input: { privateNumber?: string; startDate?: string; numberOfMessages: number; markAsRead: boolean },
): Promise<InboundRecord[]> {
	const body: IDataObject = { numberOfMessages: input.numberOfMessages, markAsRead: input.markAsRead };
	if (input.privateNumber) body.privateNumber = input.privateNumber;
	if (input.startDate) body.startDate = input.startDate;
	const value = await call(ctx, {
		request: { method: 'POST', path: '/api/SmsReport/Receive', body: { json: body } },
		// A consuming read must not be repeated blindly: a lost answer would lose its messages.
		repeatable: !input.markAsRead,
		endpoint: { httpErrors: SEPAHAN_RECEIVE_HTTP_ERRORS },
	});
	if (!Array.isArray(value)) return [];
	return value.map((entry) => {
		const record = (entry ?? {}) as IDataObject;
		return {
			privateNumber: String(record.privateNumber ?? ''),
			date: String(record.date ?? ''),
			sendNumber: String(record.sendNumber ?? ''),
			messageText: String(record.messageText ?? ''),
		};
	});
}

/**
 * `POST /api/auth/GenerateApiKey` with the panel login from the `sepahanGostarPanelApi`
 * credential. Every accepted call creates another token, so it is never repeated.
 */
export async function generateApiKey(ctx: RequestContext, input: { title: string; filterIps: string[] }): Promise<string> {
	const panel = (await ctx.getCredentials(PANEL_CREDENTIAL)) as IDataObject;
	const body: IDataObject = {
		title: input.title,
		userName: String(panel.userName ?? ''),
		password: String(panel.password ?? ''),
		domainName: String(panel.domainName ?? ''),
	};
	if (input.filterIps.length) body.filterIps = input.filterIps;
	const value = await call(ctx, {
		credentialType: PANEL_CREDENTIAL,
		request: { method: 'POST', path: '/api/auth/GenerateApiKey', body: { json: body } },
		repeatable: false,
	});
	const token = (value as IDataObject | null)?.token;
	if (typeof token !== 'string' || !token) {
		throw new ProviderError({ provider: PROVIDER, message: 'The answer holds no token', outcome: 'unknown' });
	}
	return token;
}
