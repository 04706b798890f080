import type { IDataObject, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { lookupCode } from '../../shared/codes';
import { integerToOutput, integerToString, jsonIntegerArray } from '../../shared/json';
import type { RequestContext, ProviderResponse } from '../../shared/transport';
import {
	bodySnippet,
	credentialSecrets,
	normaliseBaseUrl,
	providerApiError,
	sendProviderRequest,
	TransportFailure,
} from '../../shared/transport';
import {
	SEPAHAN_CREDENTIAL_CODES,
	SEPAHAN_ERROR_CODES,
	SEPAHAN_RECEIVE_HTTP_ERRORS,
	SEPAHAN_SERVICE_INACTIVE_CODE,
} from './codes';

export const PROVIDER = 'SepahanGostar';
export const API_CREDENTIAL = 'sepahanGostarApi';
export const PANEL_CREDENTIAL = 'sepahanGostarPanelApi';
export const DEFAULT_BASE_URL = 'https://api.sepahansms.com';

/** Seed limits. */
export const MAX_RECIPIENTS_PER_SEND = 100;
export const MAX_IDS_PER_STATUS = 100;
export const MAX_RECEIVE = 100;

export interface SendResult {
	/** One per recipient in request order: message id, or a negative per-recipient code. */
	ids: string[];
	smsCount?: number | string;
	totalPrice?: number | string;
}

export interface InboundRecord {
	privateNumber: string;
	date: string;
	sendNumber: string;
	messageText: string;
}

interface CallOptions {
	credentialType?: string;
	method: IHttpRequestMethods;
	path: string;
	jsonBody?: string;
	headers?: Record<string, string>;
	attempts?: number;
	timeoutMs?: number;
	itemIndex?: number;
	/** Which API method: decides how HTTP statuses and −8 read. */
	method_: 'send' | 'sendP2P' | 'checkRequestId' | 'status' | 'oldStatus' | 'credit' | 'Receive' | 'GenerateApiKey';
}

/** Base URL from the credential: trailing slashes, `/api` and `/swagger` pasted by users are dropped. */
export function baseUrlOf(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.baseUrl || DEFAULT_BASE_URL, ['/swagger/index.html', '/swagger', '/api']);
}

async function call(ctx: RequestContext, options: CallOptions): Promise<unknown> {
	const credentialType = options.credentialType ?? API_CREDENTIAL;
	const credentials = (await ctx.getCredentials(credentialType)) as IDataObject;
	let response: ProviderResponse;
	try {
		response = await sendProviderRequest(ctx, credentialType, {
			method: options.method,
			url: baseUrlOf(credentials) + options.path,
			headers: options.headers,
			jsonBody: options.jsonBody,
			attempts: options.attempts ?? 3,
			timeoutMs: options.timeoutMs,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		});
	} catch (error) {
		if (!(error instanceof TransportFailure)) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		throw providerApiError(ctx.getNode(), {
			provider: PROVIDER,
			message: error.message,
			itemIndex: options.itemIndex,
			ambiguous: error.ambiguous,
			description: error.ambiguous
				? 'The request may or may not have been processed.'
				: `The host in the credential could not be reached (${error.networkCode}).`,
		});
	}
	return readEnvelope(ctx, response, options, credentialSecrets(credentials));
}

function readEnvelope(ctx: RequestContext, response: ProviderResponse, options: CallOptions, secrets: string[]): unknown {
	const node = ctx.getNode();
	const { statusCode, json } = response;
	const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as IDataObject) : undefined;

	if (body && typeof body.isSuccess === 'boolean') {
		if (body.isSuccess) return body.value;
		throw envelopeError(ctx, body, statusCode, options);
	}
	// The seed's oldStatus/Receive tables also show `{ message, result }` instead of the envelope.
	if (statusCode === 200 && body && 'result' in body) return body.result;

	if (options.method_ === 'Receive' && SEPAHAN_RECEIVE_HTTP_ERRORS[statusCode]) {
		throw providerApiError(node, {
			provider: PROVIDER,
			message: SEPAHAN_RECEIVE_HTTP_ERRORS[statusCode],
			httpCode: statusCode,
			itemIndex: options.itemIndex,
			description: providerWords(body),
		});
	}
	if (body && (statusCode === 400 || statusCode === 415) && ('title' in body || 'errors' in body)) {
		throw providerApiError(node, {
			provider: PROVIDER,
			message: `The API rejected the request as malformed: ${bodySnippet(String(body.title ?? ''), secrets)}`,
			httpCode: statusCode,
			itemIndex: options.itemIndex,
			description: bodySnippet(JSON.stringify(body.errors ?? {}), secrets, 400),
		});
	}
	const hint =
		statusCode === 429
			? 'The provider is rate-limiting requests; try again later or lower the batch rate.'
			: statusCode >= 500
				? 'The provider had a server error; the request was retried and may be retried again later.'
				: undefined;
	throw providerApiError(node, {
		provider: PROVIDER,
		message: `Unexpected response${response.text ? `: ${bodySnippet(response.text, secrets)}` : ' (empty body)'}`,
		httpCode: statusCode,
		itemIndex: options.itemIndex,
		description: hint,
	});
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

function envelopeError(ctx: RequestContext, body: IDataObject, statusCode: number, options: CallOptions) {
	const error = body.error;
	const rawCode = error && typeof error === 'object' ? (error as IDataObject).code : undefined;
	const code = typeof rawCode === 'number' ? rawCode : rawCode !== undefined ? Number(rawCode) : undefined;
	const known = code !== undefined && !Number.isNaN(code) ? lookupCode(SEPAHAN_ERROR_CODES, code) : undefined;
	let message = known
		? known.text
		: statusCode >= 500
			? 'The provider had a server error'
			: code !== undefined && !Number.isNaN(code)
				? `Undocumented error code ${code}`
				: 'The request failed';
	const hints: string[] = [];
	if (code === SEPAHAN_SERVICE_INACTIVE_CODE && options.method_ === 'oldStatus') {
		message = 'Get Old Status is only available between 01:00 and 05:00 Tehran time (21:30–01:30 UTC)';
	} else if (code !== undefined && SEPAHAN_CREDENTIAL_CODES.includes(code)) {
		hints.push(
			'Check the API key in the SepahanGostar credential, that the token is active in the panel (Web settings → Generate token), and that its allowed IPs include this n8n server.',
		);
	}
	if (options.method_ === 'Receive' && SEPAHAN_RECEIVE_HTTP_ERRORS[statusCode]) message = SEPAHAN_RECEIVE_HTTP_ERRORS[statusCode];
	const words = providerWords(body);
	if (words) hints.push(words);
	return providerApiError(ctx.getNode(), {
		provider: PROVIDER,
		message,
		code: code !== undefined && !Number.isNaN(code) ? code : undefined,
		httpCode: statusCode,
		itemIndex: options.itemIndex,
		description: hints.join('\n') || undefined,
	});
}

function toSendResult(value: unknown): SendResult {
	const result = (value && typeof value === 'object' ? value : {}) as IDataObject;
	const ids = Array.isArray(result.ids) ? result.ids.map((id) => integerToString(id) ?? String(id)) : [];
	return { ids, smsCount: integerToOutput(result.smsCount), totalPrice: integerToOutput(result.totalPrice) };
}

export interface RequestTuning {
	requestId?: string;
	timeoutMs?: number;
	itemIndex?: number;
}

/** `POST /api/Sms/Send`: one text from one line to at most 100 recipients (`09XXXXXXXXX`). */
export async function send(
	ctx: RequestContext,
	input: { senderNumber: string; smsText: string; receiverNumbers: string[] },
	tuning: RequestTuning = {},
): Promise<SendResult> {
	const value = await call(ctx, {
		method_: 'send',
		method: 'POST',
		path: '/api/Sms/Send',
		jsonBody: JSON.stringify({ senderNumber: input.senderNumber, smsText: input.smsText, receiverNumbers: input.receiverNumbers }),
		headers: tuning.requestId ? { 'Request-Id': tuning.requestId } : undefined,
		timeoutMs: tuning.timeoutMs,
		itemIndex: tuning.itemIndex,
	});
	return toSendResult(value);
}

/** `POST /api/Sms/SendP2P`: parallel arrays, text[i] from sender[i] to receiver[i], at most 100. */
export async function sendP2P(
	ctx: RequestContext,
	input: { senderNumbers: string[]; smsTexts: string[]; receiverNumbers: string[] },
	tuning: RequestTuning = {},
): Promise<SendResult> {
	const value = await call(ctx, {
		method_: 'sendP2P',
		method: 'POST',
		path: '/api/Sms/SendP2P',
		jsonBody: JSON.stringify({
			senderNumbers: input.senderNumbers,
			smsTexts: input.smsTexts,
			receiverNumbers: input.receiverNumbers,
		}),
		headers: tuning.requestId ? { 'Request-Id': tuning.requestId } : undefined,
		timeoutMs: tuning.timeoutMs,
		itemIndex: tuning.itemIndex,
	});
	return toSendResult(value);
}

/** `GET /api/Requests/checkRequestId/{id}`: was a request with this id received in the last 4 hours? */
export async function checkRequestId(ctx: RequestContext, requestId: string, tuning: RequestTuning = {}): Promise<boolean> {
	const value = await call(ctx, {
		method_: 'checkRequestId',
		method: 'GET',
		path: `/api/Requests/checkRequestId/${encodeURIComponent(requestId)}`,
		timeoutMs: tuning.timeoutMs,
		itemIndex: tuning.itemIndex,
	});
	return (value as IDataObject | null)?.isDuplicate === true;
}

function toStatusCodes(value: unknown): number[] {
	return Array.isArray(value) ? value.map((code) => Number(code)) : [];
}

/** `POST /api/SmsReport/status`: delivery codes of messages sent in the last 24 hours (≤ 100 ids). */
export async function status(ctx: RequestContext, messageIds: string[], tuning: RequestTuning = {}): Promise<number[]> {
	return toStatusCodes(
		await call(ctx, { method_: 'status', method: 'POST', path: '/api/SmsReport/status', jsonBody: jsonIntegerArray(messageIds), itemIndex: tuning.itemIndex }),
	);
}

/** `POST /api/SmsReport/oldStatus`: delivery codes of older messages; only 01:00–05:00 Tehran. */
export async function oldStatus(ctx: RequestContext, messageIds: string[], tuning: RequestTuning = {}): Promise<number[]> {
	return toStatusCodes(
		await call(ctx, {
			method_: 'oldStatus',
			method: 'POST',
			path: '/api/SmsReport/oldStatus',
			jsonBody: jsonIntegerArray(messageIds),
			itemIndex: tuning.itemIndex,
		}),
	);
}

/** `GET /api/SmsReport/credit`: the remaining credit (an integer; a string if beyond 2^53). */
export async function credit(ctx: RequestContext, tuning: RequestTuning = {}): Promise<number | string> {
	const value = await call(ctx, { method_: 'credit', method: 'GET', path: '/api/SmsReport/credit', itemIndex: tuning.itemIndex });
	const amount = integerToOutput(value);
	if (amount === undefined) {
		throw providerApiError(ctx.getNode(), { provider: PROVIDER, message: 'The credit in the answer is not a number', itemIndex: tuning.itemIndex });
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
	tuning: RequestTuning = {},
): Promise<InboundRecord[]> {
	const body: IDataObject = { numberOfMessages: input.numberOfMessages, markAsRead: input.markAsRead };
	if (input.privateNumber) body.privateNumber = input.privateNumber;
	if (input.startDate) body.startDate = input.startDate;
	const value = await call(ctx, {
		method_: 'Receive',
		method: 'POST',
		path: '/api/SmsReport/Receive',
		jsonBody: JSON.stringify(body),
		// A consuming read must not be repeated blindly: a lost answer would lose its messages twice.
		attempts: input.markAsRead ? 1 : 3,
		itemIndex: tuning.itemIndex,
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
 * credential. Every call creates another token in the panel.
 */
export async function generateApiKey(
	ctx: RequestContext,
	input: { title: string; filterIps: string[] },
	tuning: RequestTuning = {},
): Promise<string> {
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
		method_: 'GenerateApiKey',
		method: 'POST',
		path: '/api/auth/GenerateApiKey',
		jsonBody: JSON.stringify(body),
		// Not repeated: each accepted call creates a token.
		attempts: 1,
		itemIndex: tuning.itemIndex,
	});
	const token = (value as IDataObject | null)?.token;
	if (typeof token !== 'string' || !token) {
		throw providerApiError(ctx.getNode(), { provider: PROVIDER, message: 'The answer holds no token', itemIndex: tuning.itemIndex });
	}
	return token;
}
