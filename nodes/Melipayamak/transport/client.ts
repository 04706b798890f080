import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../shared/errors';
import { integerToString } from '../../shared/json';
import type { SoapValue } from '../../shared/soap';
import { buildSoapEnvelope, readSoapResponse, soapAction } from '../../shared/soap';
import type { HttpRequest, ProviderApi, ProviderResponse, ReadContext, RequestContext } from '../../shared/transport';
import { bodySnippet, callProvider, normaliseBaseUrl, unexpectedAnswer } from '../../shared/transport';
import type { CodeLookup, CodeTableName, SendBatchOutcome, SendOutcome } from './codes';
import {
	isRestOk,
	lookupCode,
	readCreditValue,
	readForgotPasswordResult,
	readSendBatch,
	readSendResult,
	REST_INVALID_DATA_STATUS,
} from './codes';

/**
 * Melipayamak's three API surfaces (spec §1): legacy REST (username + password in a form body,
 * `{Value, RetStatus, StrRetStatus}` out), SOAP 1.1 ASMX services, and the console REST API
 * (key in the URL path). Every logical error arrives with HTTP 200.
 *
 * Retry policy: the API has no idempotency key, so a call with a side effect (a send, an OTP,
 * a password recovery) is `repeatable: false` — after a timeout, reset, 5xx or an unreadable
 * answer it fails with "may have been accepted" and is never sent again by this code; only a
 * failure before any byte left (connection refused, DNS) is retried. Reads are repeatable and
 * are retried on 5xx, 429 and lost answers.
 */

export const PROVIDER = 'Melipayamak';
export const CREDENTIAL = 'melipayamakApi';
export const DEFAULT_REST_BASE_URL = 'https://rest.payamak-panel.com';
export const DEFAULT_SOAP_BASE_URL = 'https://api.payamak-panel.com/post';
export const DEFAULT_CONSOLE_BASE_URL = 'https://console.melipayamak.com/api';
export const SOAP_NAMESPACE = 'http://tempuri.org/';

/** `SendSimpleSMS`: at most 100 numbers per call (P-send). */
export const MAX_RECIPIENTS_PER_SEND = 100;
/** `GetDeliveries`: the node's own limit per call (the API documents none). */
export const MAX_IDS_PER_DELIVERY = 100;
/** Rows per inbox page. */
export const MAX_INBOX_PAGE = 100;
/** `GetMessagesAfterID` declares `msgId` as a 32-bit int. */
export const MAX_AFTER_ID = 2147483647n;
/** The opt-out phrase a send to more than one number must contain (code 15). */
export const OPT_OUT_PHRASE = 'لغو11';

export function restBaseUrl(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.restBaseUrl || DEFAULT_REST_BASE_URL, ['/api/SendSMS', '/api']);
}

export function soapBaseUrl(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.soapBaseUrl || DEFAULT_SOAP_BASE_URL, ['/Send.asmx', '/Receive.asmx', '/Users.asmx']);
}

export function consoleBaseUrl(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.consoleBaseUrl || DEFAULT_CONSOLE_BASE_URL);
}

function loginOf(credentials: IDataObject): { username: string; password: string } {
	return { username: String(credentials.username ?? '').trim(), password: String(credentials.password ?? '') };
}

/** Legacy REST: the login travels in the form body of every call. */
const restApi: ProviderApi = {
	name: PROVIDER,
	credentialType: CREDENTIAL,
	baseUrl: restBaseUrl,
	authorize(request, credentials) {
		if (!request.body || !('form' in request.body)) return request;
		return { ...request, body: { form: { ...loginOf(credentials), ...request.body.form } } };
	},
};

/** SOAP: the login is the first two parameters of every envelope, added when the envelope is built. */
const soapApi: ProviderApi = { name: PROVIDER, credentialType: CREDENTIAL, baseUrl: soapBaseUrl };

/** Console: the key is a path segment, added when the path is built (never logged by this code). */
const consoleApi: ProviderApi = { name: PROVIDER, credentialType: CREDENTIAL, baseUrl: consoleBaseUrl };

// ------------------------------------------------------------------ reading answers

function codeError(method: string, error: CodeLookup, httpCode: number, extra: { outcome?: ProviderError['outcome']; description?: string } = {}): ProviderError {
	const hints: string[] = [];
	if (error.class === 'credentials') {
		hints.push('Check the username and password (or API key) in the Melipayamak credential. Repeated failed logins block this server\'s IP (-108).');
	}
	if (error.code === '-110') hints.push('This account only accepts its API key: put the API key from the panel in the Password field.');
	if (error.code === '-109' || error.code === '-111') hints.push("Allow this n8n server's outgoing IP address in the panel's web-service settings.");
	if (error.code === '15') hints.push(`Add "${OPT_OUT_PHRASE}" to the text, or turn on the "Append Opt-Out" option.`);
	if (error.code === '35') hints.push('Numbers on the telecom blacklist can be reached with Send Pattern (shared service line).');
	if (extra.description) hints.push(extra.description);
	return new ProviderError({
		provider: PROVIDER,
		message: `${method} failed — ${error.text}`,
		code: error.code,
		// Codes arrive inside HTTP 200 answers: the status adds nothing.
		httpCode: httpCode === 200 ? undefined : httpCode,
		// A documented code is a decision the provider made; an undocumented one proves nothing.
		outcome: extra.outcome ?? (error.documented ? 'refused' : 'unknown'),
		retryable: error.class === 'temporary',
		description: hints.join('\n') || undefined,
	});
}

/** The legacy REST envelope; returns `Value` as text (numbers converted exactly) when RetStatus is 1. */
function readRestEnvelope(
	method: string,
	table: CodeTableName,
	response: ProviderResponse,
	context: ReadContext,
	/** Reads a RetStatus-35 `Value` the method handles itself (per-recipient codes); undefined = an error. */
	onRefusal?: (value: string) => string | undefined,
): string {
	const body = response.json && typeof response.json === 'object' && !Array.isArray(response.json) ? (response.json as IDataObject) : undefined;
	if (response.statusCode === 200 && body && 'RetStatus' in body) {
		const raw = body.Value;
		const value = raw === null || raw === undefined ? 'null' : (integerToString(raw) ?? String(raw));
		if (isRestOk(body.RetStatus, body.StrRetStatus)) return value;
		if (body.RetStatus === REST_INVALID_DATA_STATUS) {
			const handled = onRefusal?.(value);
			if (handled !== undefined) return handled;
			if (method === 'GetCredit') {
				const credit = readCreditValue(raw === null || raw === undefined ? null : value);
				if (!credit.ok) throw codeError(method, credit.error, 200);
			}
			throw codeError(method, lookupCode(table, value), 200);
		}
		throw new ProviderError({
			provider: PROVIDER,
			message: `${method} answered an undocumented status: RetStatus ${String(body.RetStatus)}, StrRetStatus ${bodySnippet(String(body.StrRetStatus ?? ''), context.secrets)}, Value ${bodySnippet(value, context.secrets)}`,
			code: String(body.RetStatus),
			outcome: 'unknown',
		});
	}
	if (body && typeof body.Message === 'string') {
		// ASP.NET's error object ("An unexpected error occured"): the server failed somewhere.
		throw unexpectedAnswer(response, context, `Provider message: ${bodySnippet(body.Message, context.secrets)}`).with({
			message: `${method} failed inside the provider: ${bodySnippet(body.Message, context.secrets)}`,
			outcome: 'unknown',
		});
	}
	throw unexpectedAnswer(response, context);
}

/** The `<{operation}Result>` value of a SOAP answer; a fault becomes a clear error. */
function soapFaultOrValue(operation: string, response: ProviderResponse, context: ReadContext): unknown {
	const reading = readSoapResponse(response.text, operation);
	if (reading.kind === 'fault') {
		const client = /client/i.test(reading.fault.code);
		throw new ProviderError({
			provider: PROVIDER,
			message: `${operation} SOAP fault (${reading.fault.code || 'no fault code'}): ${bodySnippet(reading.fault.message, context.secrets, 300)}`,
			httpCode: response.statusCode,
			outcome: client ? 'refused' : 'unknown',
			retryable: !client,
		});
	}
	if (reading.kind === 'unreadable' || response.statusCode !== 200) throw unexpectedAnswer(response, context);
	return reading.value;
}

/** A scalar SOAP result as text; an absent result (null) is undefined. */
function soapText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** Items of a SOAP array result (`<string>` / `<int>` / `<MessagesBL>` children), or undefined when the result is null. */
function soapItems(value: unknown, itemName: string): unknown[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (value === '') return [];
	if (typeof value !== 'object') return undefined;
	const items = (value as IDataObject)[itemName];
	if (items === undefined) return [];
	return Array.isArray(items) ? items : [items];
}

// ------------------------------------------------------------------ calls

interface SoapSpec<T> {
	service: 'Send' | 'Receive' | 'Users';
	operation: string;
	params: Array<[string, SoapValue]>;
	repeatable: boolean;
	read(value: unknown, response: ProviderResponse, context: ReadContext): T;
}

async function soapCall<T>(ctx: RequestContext, spec: SoapSpec<T>): Promise<T> {
	return await callProvider(ctx, soapApi, {
		prepare: (_attempt, credentials): HttpRequest => {
			const { username, password } = loginOf(credentials);
			const call = { namespace: SOAP_NAMESPACE, method: spec.operation, params: [['username', username], ['password', password], ...spec.params] as Array<[string, SoapValue]> };
			return {
				method: 'POST',
				path: `/${spec.service}.asmx`,
				headers: { SOAPAction: soapAction(call) },
				body: { text: buildSoapEnvelope(call), contentType: 'text/xml; charset=utf-8' },
			};
		},
		read: (response, context) => spec.read(soapFaultOrValue(spec.operation, response, context), response, context),
		repeatable: spec.repeatable,
	});
}

async function restCall<T>(
	ctx: RequestContext,
	method: string,
	form: Record<string, string>,
	repeatable: boolean,
	read: (value: string) => T,
	table: CodeTableName = 'send',
	onRefusal?: (value: string) => string | undefined,
): Promise<T> {
	return await callProvider(ctx, restApi, {
		prepare: () => ({ method: 'POST', path: `/api/SendSMS/${method}`, body: { form } }),
		read: (response, context) => read(readRestEnvelope(method, table, response, context, onRefusal)),
		repeatable,
	});
}

function sendOutcomeOrThrow(method: string, outcome: SendOutcome): string {
	if (outcome.ok) return outcome.recId;
	throw codeError(method, outcome.error, 200);
}

/**
 * REST `SendSMS`: one text to one number. Not repeatable (no idempotency key). A per-recipient
 * refusal (class `recipient`) comes back as an outcome; any other code is an error.
 */
export async function sendSms(ctx: RequestContext, input: { from: string; to: string; text: string; isFlash: boolean }): Promise<SendOutcome> {
	return await restCall(
		ctx,
		'SendSMS',
		{ to: input.to, from: input.from, text: input.text, isFlash: String(input.isFlash) },
		false,
		(value) => {
			const outcome = readSendResult('send', value);
			if (!outcome.ok && outcome.error.class !== 'recipient') throw codeError('SendSMS', outcome.error, 200);
			return outcome;
		},
		'send',
		// A code about the one recipient (blacklisted, invalid) is that recipient's outcome, not an error.
		(value) => (lookupCode('send', value).class === 'recipient' ? value : undefined),
	);
}

/**
 * SOAP `SendSimpleSMS`: one text to 2–100 numbers, one recId or code per number. Not repeatable.
 * An answer that cannot be mapped to the recipients is "may have been accepted".
 */
export async function sendSimpleSms(ctx: RequestContext, input: { from: string; to: string[]; text: string; isFlash: boolean }): Promise<SendOutcome[]> {
	return await soapCall(ctx, {
		service: 'Send',
		operation: 'SendSimpleSMS',
		params: [
			['to', input.to],
			['from', input.from],
			['text', input.text],
			['isflash', input.isFlash],
		],
		repeatable: false,
		read: (value) => {
			const items = soapItems(value, 'string');
			const batch: SendBatchOutcome =
				items === undefined ? { kind: 'ambiguous', reason: 'the provider returned no result' } : readSendBatch(items.map((i) => soapText(i) ?? ''), input.to.length);
			if (batch.kind === 'ambiguous') {
				throw new ProviderError({
					provider: PROVIDER,
					message: `SendSimpleSMS answer cannot be matched to the recipients: ${batch.reason}`,
					httpCode: 200,
					outcome: 'unknown',
				});
			}
			// A code that is not about one recipient fails the whole request.
			const general = batch.outcomes.find((o) => !o.ok && o.error.class !== 'recipient');
			if (general && !general.ok && batch.outcomes.every((o) => !o.ok)) throw codeError('SendSimpleSMS', general.error, 200);
			return batch.outcomes;
		},
	});
}

/** REST `BaseServiceNumber`: an approved template (`bodyId`) to one number from the shared service line. Not repeatable. */
export async function sendPattern(ctx: RequestContext, input: { to: string; bodyId: number; variables: string[] }): Promise<string> {
	return await restCall(
		ctx,
		'BaseServiceNumber',
		{ text: input.variables.join(';'), to: input.to, bodyId: String(input.bodyId) },
		false,
		(value) => sendOutcomeOrThrow('BaseServiceNumber', readSendResult('pattern', value)),
		'pattern',
	);
}

/** REST `GetDeliveries2`: the delivery code of one recId. Repeatable. */
export async function getDelivery(ctx: RequestContext, recId: string): Promise<string> {
	return await restCall(ctx, 'GetDeliveries2', { recId }, true, (value) => value.trim());
}

/** SOAP `GetDeliveries`: one delivery code per recId (≤ 100), in request order. Repeatable. */
export async function getDeliveries(ctx: RequestContext, recIds: string[]): Promise<string[]> {
	return await soapCall(ctx, {
		service: 'Send',
		operation: 'GetDeliveries',
		params: [['recIds', { itemName: 'long', items: recIds }]],
		repeatable: true,
		read: (value, response, context) => {
			const items = soapItems(value, 'int');
			if (items === undefined) {
				throw new ProviderError({
					provider: PROVIDER,
					message: 'GetDeliveries returned no result (the username or password may be wrong)',
					httpCode: 200,
					outcome: 'refused',
					description: 'Check the Melipayamak credential.',
				});
			}
			if (items.length !== recIds.length) {
				throw unexpectedAnswer(response, context, `GetDeliveries returned ${items.length} codes for ${recIds.length} ids.`).with({
					message: `GetDeliveries returned ${items.length} codes for ${recIds.length} ids`,
				});
			}
			return items.map((i) => (soapText(i) ?? '').trim());
		},
	});
}

/** REST `GetCredit`: remaining credit (decimal text). Repeatable. */
export async function getCredit(ctx: RequestContext): Promise<{ credit: number; raw: string }> {
	return await restCall(ctx, 'GetCredit', {}, true, (value) => {
		const credit = readCreditValue(value === 'null' ? null : value);
		if (!credit.ok) throw codeError('GetCredit', credit.error, 200);
		return { credit: credit.credit, raw: credit.raw };
	});
}

/** REST `GetUserNumbers`: the account's sender lines (shape undocumented: passed through). Repeatable. */
export async function getUserNumbers(ctx: RequestContext): Promise<string> {
	return await restCall(ctx, 'GetUserNumbers', {}, true, (value) => value);
}

/** REST `GetBasePrice`: the base tariff (shape undocumented: passed through). Repeatable. */
export async function getBasePrice(ctx: RequestContext): Promise<string> {
	return await restCall(ctx, 'GetBasePrice', {}, true, (value) => value);
}

/** One row of `MessagesBL`, every field as the exact text the provider wrote. */
export type MessageRow = Record<string, string>;

function toRows(operation: string, value: unknown): MessageRow[] {
	const items = soapItems(value, 'MessagesBL');
	if (items === undefined) {
		throw new ProviderError({
			provider: PROVIDER,
			message: `${operation} returned no result (the username or password may be wrong)`,
			httpCode: 200,
			outcome: 'refused',
			description: 'Check the Melipayamak credential.',
		});
	}
	return items.map((item) => {
		const row: MessageRow = {};
		if (item && typeof item === 'object') for (const [k, v] of Object.entries(item as IDataObject)) row[k] = soapText(v) ?? '';
		return row;
	});
}

/** SOAP `Receive.asmx GetMessagesAfterID`: received messages with MsgID > `afterId` (≤ 2^31−1), ascending. Read-only, repeatable. */
export async function getMessagesAfterId(ctx: RequestContext, input: { afterId: string; count: number; line?: string }): Promise<MessageRow[]> {
	return await soapCall(ctx, {
		service: 'Receive',
		operation: 'GetMessagesAfterID',
		params: [
			['location', 1],
			['from', input.line ?? ''],
			['count', input.count],
			['msgId', input.afterId],
		],
		repeatable: true,
		read: (value) => toRows('GetMessagesAfterID', value),
	});
}

/** SOAP `Send.asmx getMessages`: received messages, newest first, `index` rows skipped. Read-only, repeatable. */
export async function getMessages(ctx: RequestContext, input: { index: number; count: number; line?: string }): Promise<MessageRow[]> {
	return await soapCall(ctx, {
		service: 'Send',
		operation: 'getMessages',
		params: [
			['location', 1],
			['from', input.line ?? ''],
			['index', input.index],
			['count', input.count],
		],
		repeatable: true,
		read: (value) => toRows('getMessages', value),
	});
}

/** SOAP `GetInboxCount`: received messages with the given read flag. Read-only, repeatable. */
export async function getInboxCount(ctx: RequestContext, isRead: boolean): Promise<number> {
	return await soapCall(ctx, {
		service: 'Send',
		operation: 'GetInboxCount',
		params: [['isRead', isRead]],
		repeatable: true,
		read: (value, response, context) => {
			const text = soapText(value)?.trim() ?? '';
			if (!/^-?[0-9]+$/.test(text)) throw unexpectedAnswer(response, context, 'GetInboxCount did not return a number.');
			const n = Number(text);
			if (n < 0) throw codeError('GetInboxCount', lookupCode('send', text), 200);
			return n;
		},
	});
}

/**
 * SOAP `Users.asmx ForgotPassword` (the seed): the reseller's login, the reseller's own mobile and
 * email, and the sub-user. `1` = the password was sent to the reseller's mobile; `-1` = wrong
 * reseller login; anything else is an error that keeps the value. Not repeatable (it sends an SMS).
 */
export async function forgotPassword(ctx: RequestContext, input: { mobileNumber: string; emailAddress: string; targetUsername: string }): Promise<1> {
	return await soapCall(ctx, {
		service: 'Users',
		operation: 'ForgotPassword',
		params: [
			['mobileNumber', input.mobileNumber],
			['emailAddress', input.emailAddress],
			['targetUsername', input.targetUsername],
		],
		repeatable: false,
		read: (value, response, context) => {
			const text = soapText(value);
			if (text === undefined) throw unexpectedAnswer(response, context, 'ForgotPassword returned no result.');
			const result = readForgotPasswordResult(text);
			if (result.ok) return 1;
			throw codeError('ForgotPassword', result.error, 200, { outcome: result.error.documented ? 'refused' : 'unknown' });
		},
	});
}

// ------------------------------------------------------------------ console

const CONSOLE_OK = 'عملیات موفق';
/** Console replies known to be refusals, with their English meaning (the console has no code table). */
const CONSOLE_REFUSALS: Record<string, { text: string; credentials?: boolean }> = {
	'کلید کنسول معتبر نیست': { text: 'The console API key is not valid', credentials: true },
	'شماره موبایل نامعتبر است': { text: 'The mobile number is not valid' },
	'اعتبار کافی نیست': { text: 'Not enough credit' },
};

/**
 * Console `send/otp/{key}`: the provider generates the code, sends its fixed text and returns the
 * code (string or number; kept as text with its leading zeros when it arrives as text). Not repeatable.
 */
export async function sendProviderOtp(ctx: RequestContext, to: string): Promise<string> {
	const credentials = (await ctx.getCredentials(CREDENTIAL)) as IDataObject;
	const key = String(credentials.consoleApiKey ?? '').trim();
	if (!key) {
		throw new ProviderError({
			provider: PROVIDER,
			message: 'The "Provider Code" OTP mode needs the Console API Key in the Melipayamak credential',
			outcome: 'notSent',
		});
	}
	return await callProvider(ctx, consoleApi, {
		prepare: () => ({ method: 'POST', path: `/send/otp/${encodeURIComponent(key)}`, body: { json: { to } } }),
		read: (response, context) => {
			const body = response.json && typeof response.json === 'object' && !Array.isArray(response.json) ? (response.json as IDataObject) : undefined;
			if (response.statusCode !== 200 && !(body && typeof body.status === 'string')) throw unexpectedAnswer(response, context);
			if (!body) throw unexpectedAnswer(response, context);
			const status = typeof body.status === 'string' ? body.status.trim() : '';
			const code = integerToString(body.code) ?? (typeof body.code === 'string' ? body.code.trim() : '');
			if (code && /^[0-9]{3,10}$/.test(code) && (status === CONSOLE_OK || status === '')) return code;
			const refusal = CONSOLE_REFUSALS[status];
			// Any other status (429, 5xx) says nothing about the code: read as HTTP, where 429 is a refusal.
			if (response.statusCode !== 200 && !refusal) throw unexpectedAnswer(response, context);
			throw new ProviderError({
				provider: PROVIDER,
				message: `send/otp failed: ${refusal ? refusal.text : 'no code came back'}`,
				httpCode: response.statusCode,
				outcome: refusal ? 'refused' : 'unknown',
				description: [
					refusal?.credentials ? 'Check the Console API Key in the Melipayamak credential (console.melipayamak.com → API key).' : undefined,
					status ? `Provider message: ${bodySnippet(status, context.secrets)}` : undefined,
				]
					.filter(Boolean)
					.join('\n') || undefined,
			});
		},
		repeatable: false,
	});
}
