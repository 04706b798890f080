import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../shared/errors';
import { integerToString } from '../../shared/json';
import { formatIranianMobile, parseIranianMobile } from '../../shared/phone';
import type {
	HttpRequest,
	ProviderApi,
	ProviderResponse,
	ReadContext,
	RequestContext,
} from '../../shared/transport';
import { callProvider, normaliseBaseUrl, unexpectedAnswer } from '../../shared/transport';
import { classifyStatus, isSuccessStatus } from './codes';

/**
 * The AmootSMS REST API (spec §4): `POST {base}/{Method}`, the token raw in the `Authorization`
 * header (added by the credential), form bodies with lists comma-joined (SendPeerToPeer: JSON),
 * and every answer HTTP 200 with the outcome in its `Status` title.
 *
 * Retry policy: the API has no idempotency key, so every call with a side effect (sends, the
 * consuming inbox read, relay registration) is `repeatable: false`: once bytes may have reached
 * AmootSMS it is never sent again, and a lost answer says it may have been accepted. Reads are
 * repeatable (429, 5xx, ServerError, System_Disabled, timeouts and resets are tried again).
 */

export const PROVIDER = 'AmootSMS';
export const API_CREDENTIAL = 'amootSmsApi';
export const DEFAULT_BASE_URL = 'https://portal.amootsms.com/rest';

/** Recipients per SendSimple / SendWithBackupLine / SendPeerToPeer request (undocumented; our default). */
export const DEFAULT_RECIPIENTS_PER_REQUEST = 100;
/** The most the node lets a user put in one request. */
export const MAX_RECIPIENTS_PER_REQUEST = 1000;
/** Ids per GetDeliveries request (undocumented; our choice). */
export const MAX_IDS_PER_DELIVERY_REQUEST = 100;
/** One-time code lengths (seed: "minimum 4, maximum 8 digits"). */
export const CODE_LENGTH = { min: 4, max: 8 } as const;

export type AmootMethod =
	| 'SendOTP'
	| 'SendQuickOTP'
	| 'SendSimple'
	| 'SendWithBackupLine'
	| 'SendWithPattern'
	| 'SendWithPatternOWN'
	| 'SendPeerToPeer'
	| 'GetMessage'
	| 'GetMessages'
	| 'GetDelivery'
	| 'GetDeliveries'
	| 'GetDeliveriesByCampaignID'
	| 'AccountStatus'
	| 'RecieveMessages'
	| 'RecieveNewMessages';

/**
 * The base URL from the credential: trailing slashes dropped; a bare host (what users paste from
 * the browser) gets the `/rest` path. The credential test's expression does the same.
 */
export function baseUrlOf(credentials: IDataObject): string {
	const url = normaliseBaseUrl(credentials.baseUrl || DEFAULT_BASE_URL);
	return /^https?:\/\/[^/]+$/i.test(url) ? `${url}/rest` : url;
}

/** The token travels in the `Authorization` header, added by the credential's `authenticate`. */
export const amootSmsApi: ProviderApi = {
	name: PROVIDER,
	credentialType: API_CREDENTIAL,
	baseUrl: baseUrlOf,
};

// ---------------------------------------------------------------------------------- reading

const METHOD_HINTS: Partial<Record<string, string>> = {
	CreditNotEnough:
		'Top up the AmootSMS account; Account → Get Status shows the credit and the prices per page.',
	AccountIsDemo: 'A demo account cannot send; activate the account in the AmootSMS panel.',
	LineNumber_NotExist:
		'Use one of the lines that Account → Get Status lists ("public" is the shared public line, "98" the advertising line).',
	BackupLineNumber_NotExist: 'Use one of the lines that Account → Get Status lists, usually "98".',
	Token_NotAllowMethod:
		"The token's Allowed Methods in the AmootSMS panel (Web service → Tokens) must include this method.",
	Token_NotAllowIP:
		"The token's Allowed IPs in the AmootSMS panel must include this n8n server's outgoing IP.",
	Mobile_Invalid:
		'The number is not a valid mobile number, or it is on the blacklist (it refuses advertising SMS).',
	Mobiles_Invalid: 'A number is not a valid mobile number, or every number is on the blacklist.',
};

const CREDENTIAL_HINT =
	'Check the token in the AmootSMS credential and its settings in the AmootSMS panel (active, expiry date, allowed IPs and allowed methods).';

/** The error for a reply whose `Status` is not `Success`. */
export function statusError(
	method: string,
	title: unknown,
	context?: { hint?: string },
): ProviderError {
	const status = classifyStatus(title);
	const known = !Number.isNaN(status.code);
	const hints = [
		context?.hint,
		known ? METHOD_HINTS[status.title] : undefined,
		status.class === 'credentials' ? CREDENTIAL_HINT : undefined,
	];
	if (!known)
		hints.push(
			"The status is not in the provider's table; the request may or may not have been carried out.",
		);
	return new ProviderError({
		provider: PROVIDER,
		code: status.title,
		message: known
			? `${status.text} (status ${status.code}, ${method})`
			: `Undocumented status "${status.title}" (${method})`,
		outcome: status.provesNotSent ? 'refused' : 'unknown',
		retryable: status.retryable,
		description: hints.filter((hint): hint is string => Boolean(hint)).join('\n') || undefined,
	});
}

function asObject(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/**
 * Reads one answer: HTTP 200 with a JSON object whose `Status` is `Success` gives the object; any
 * other `Status` is that status's error; anything else (another HTTP status, an empty, HTML or
 * garbled body, JSON without `Status`) is unexpected, and leaves the outcome unknown.
 */
function readReply(
	method: AmootMethod,
	response: ProviderResponse,
	context: ReadContext,
	failureHint?: string,
): IDataObject {
	if (response.statusCode !== 200) throw unexpectedAnswer(response, context);
	const body = asObject(response.json);
	if (!body || !('Status' in body)) {
		throw unexpectedAnswer(
			response,
			context,
			'The answer did not look like the AmootSMS REST API (check the Base URL).',
		);
	}
	if (!isSuccessStatus(body.Status)) throw statusError(method, body.Status, { hint: failureHint });
	return body;
}

interface CallSpec {
	method: AmootMethod;
	body: HttpRequest['body'];
	/** See the header comment: false for every call with a side effect. */
	repeatable: boolean;
	/** Extra words for a failed `Status` of this call. */
	failureHint?: string;
}

async function call(ctx: RequestContext, spec: CallSpec): Promise<IDataObject> {
	return await callProvider(ctx, amootSmsApi, {
		prepare: () => ({ method: 'POST', path: `/${spec.method}`, body: spec.body }),
		read: (response, context) => readReply(spec.method, response, context, spec.failureHint),
		repeatable: spec.repeatable,
	});
}

/** A form body; absent values are left out. */
function form(fields: Record<string, string | undefined>): HttpRequest['body'] {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
	return { form: out };
}

/** An id from a reply (number or string, any size) as exact decimal text; undefined for 0 or none. */
export function idText(value: unknown): string | undefined {
	const text = integerToString(value);
	return text === undefined || text === '0' ? undefined : text;
}

/** A mobile from a reply (a JSON number loses its leading 0) as `09XXXXXXXXX`; other text unchanged. */
export function mobileText(value: unknown): string {
	const subscriber = parseIranianMobile(
		typeof value === 'string' ? value : (integerToString(value) ?? value),
	);
	if (subscriber) return formatIranianMobile(subscriber, 'national');
	return value === undefined || value === null ? '' : String(value);
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? value.filter((entry): entry is IDataObject => asObject(entry) !== undefined)
		: [];
}

function text(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}

function count(value: unknown): number {
	const exact = integerToString(value);
	return exact === undefined ? 0 : Number(exact);
}

// ---------------------------------------------------------------------------------- sends

export interface SimpleSendInput {
	sendDateTime: string;
	text: string;
	lineNumber: string;
	/** `09XXXXXXXXX` each. */
	mobiles: string[];
	/** Set: `SendWithBackupLine`. */
	backupLineNumber?: string;
}

export interface SimpleSendRecipient {
	mobile: string;
	messageId?: string;
	status: string;
	/** SendWithBackupLine: the line that carried it. */
	usedLine?: string;
}

export interface SimpleSendResult {
	campaignId?: string;
	pages: number;
	/** Exact Rial. */
	price: string;
	recipients: SimpleSendRecipient[];
}

/** `SendSimple` / `SendWithBackupLine`: one text to many recipients. Not repeatable (no idempotency key). */
export async function sendSimple(
	ctx: RequestContext,
	input: SimpleSendInput,
): Promise<SimpleSendResult> {
	const method: AmootMethod =
		input.backupLineNumber === undefined ? 'SendSimple' : 'SendWithBackupLine';
	const body = await call(ctx, {
		method,
		repeatable: false,
		body: form({
			SendDateTime: input.sendDateTime,
			SMSMessageText: input.text,
			LineNumber: input.lineNumber,
			Mobiles: input.mobiles.join(','),
			BackupLineNumber: input.backupLineNumber,
		}),
	});
	return {
		campaignId: idText(body.CampaignID),
		pages: count(body.SMSPagesCount),
		price: integerToString(body.Price) ?? '0',
		recipients: list(body.Data).map((entry) => ({
			mobile: mobileText(entry.Mobile),
			messageId: idText(entry.MessageID),
			status: text(entry.Status),
			usedLine:
				entry.UsedLine === undefined || entry.UsedLine === null ? undefined : text(entry.UsedLine),
		})),
	};
}

export interface OtpResult {
	messageId?: string;
	mobile: string;
	/** Exactly as AmootSMS returned it (leading zeros kept). */
	code: string;
}

function readOtp(method: AmootMethod, body: IDataObject): OtpResult {
	const data = asObject(body.Data);
	if (data && data.Status !== undefined && !isSuccessStatus(data.Status))
		throw statusError(method, data.Status);
	const code = data?.Code;
	return {
		messageId: idText(data?.MessageID),
		mobile: mobileText(data?.Mobile),
		code: typeof code === 'string' ? code : (integerToString(code) ?? ''),
	};
}

/** `SendOTP` (the seed's method): the text, and AmootSMS adds a generated code. Not repeatable. */
export async function sendOtp(
	ctx: RequestContext,
	input: {
		sendDateTime: string;
		text: string;
		lineNumber: string;
		mobile: string;
		codeLength: number;
	},
): Promise<OtpResult> {
	const body = await call(ctx, {
		method: 'SendOTP',
		repeatable: false,
		body: form({
			SendDateTime: input.sendDateTime,
			SMSMessageText: input.text,
			LineNumber: input.lineNumber,
			Mobile: input.mobile,
			CodeLength: String(input.codeLength),
		}),
	});
	return readOtp('SendOTP', body);
}

/** `SendQuickOTP`: the account's approved OTP pattern, with a generated code or `OptionalCode`. Not repeatable. */
export async function sendQuickOtp(
	ctx: RequestContext,
	input: { mobile: string; codeLength: number; optionalCode: string },
): Promise<OtpResult> {
	const body = await call(ctx, {
		method: 'SendQuickOTP',
		repeatable: false,
		failureHint:
			'SendQuickOTP needs a pattern with a "code" variable, registered with the OTP option and approved (AmootSMS panel → Features → Patterns).',
		body: form({
			Mobile: input.mobile,
			CodeLength: String(input.codeLength),
			OptionalCode: input.optionalCode,
		}),
	});
	return readOtp('SendQuickOTP', body);
}

export interface PatternSendResult {
	messageId?: string;
	mobile: string;
	lineNumber: string;
	patternCodeId: number;
}

/** `SendWithPattern`, or `SendWithPatternOWN` when a line is given. Not repeatable. */
export async function sendPattern(
	ctx: RequestContext,
	input: { mobile: string; patternCodeId: number; values: string[]; lineNumber?: string },
): Promise<PatternSendResult> {
	const method: AmootMethod =
		input.lineNumber === undefined ? 'SendWithPattern' : 'SendWithPatternOWN';
	const body = await call(ctx, {
		method,
		repeatable: false,
		failureHint:
			'Check that the pattern is approved and that the values match its variables, in order.',
		body: form({
			Mobile: input.mobile,
			PatternCodeID: String(input.patternCodeId),
			PatternValues: input.values.join(','),
			LineNumber: input.lineNumber,
		}),
	});
	return {
		messageId: idText(body.MessageID),
		mobile: mobileText(body.Mobile),
		lineNumber: text(body.LineNumber),
		patternCodeId: count(body.PatternCodeID),
	};
}

export interface PeerToPeerCampaign {
	campaignId?: string;
	text: string;
	pages: number;
	status: string;
	numbers: Array<{ messageId?: string; mobile: string }>;
}

export interface PeerToPeerResult {
	campaigns: PeerToPeerCampaign[];
	failedCount: number;
}

/** `SendPeerToPeer` (JSON body): a different text per number. Not repeatable. */
export async function sendPeerToPeer(
	ctx: RequestContext,
	input: {
		sendDateTime: string;
		lineNumber: string;
		messages: Array<{ mobile: string; text: string }>;
	},
): Promise<PeerToPeerResult> {
	const body = await call(ctx, {
		method: 'SendPeerToPeer',
		repeatable: false,
		body: {
			json: {
				SendDateTime: input.sendDateTime,
				LineNumber: input.lineNumber,
				Input: input.messages.map((message) => ({
					Number: message.mobile,
					MessageText: message.text,
				})),
			},
		},
	});
	const data = asObject(body.Data) ?? {};
	return {
		failedCount: count(data.FailedCount),
		campaigns: list(data.Campaigns).map((campaign) => ({
			campaignId: idText(campaign.ID),
			text: text(campaign.MessageText),
			pages: count(campaign.SMSPagesCount),
			status: text(campaign.Status),
			numbers: list(campaign.Numbers).map((number) => ({
				messageId: idText(number.ID),
				mobile: mobileText(number.Number),
			})),
		})),
	};
}

// ---------------------------------------------------------------------------------- reads

export interface SentMessage {
	messageId: string;
	mobile: string;
	lineNumber: string;
	text: string;
	/** Raw reply date-times (Tehran, no offset). */
	regDateTime: unknown;
	sentDateTime?: unknown;
}

function sentMessage(entry: IDataObject): SentMessage {
	return {
		messageId: idText(entry.MessageID) ?? '',
		mobile: mobileText(entry.Mobile),
		lineNumber: text(entry.LineNumber),
		text: text(entry.SMSMessageText),
		regDateTime: entry.RegDateTime,
		sentDateTime: entry.SentDateTime,
	};
}

/** `GetMessage`: one sent message. Repeatable (a read). */
export async function getMessage(ctx: RequestContext, messageId: string): Promise<SentMessage> {
	const body = await call(ctx, {
		method: 'GetMessage',
		repeatable: true,
		body: form({ MessageID: messageId }),
	});
	return sentMessage(asObject(body.Data) ?? {});
}

/** `GetMessages`: sent messages registered in a range (Tehran times). Repeatable. */
export async function getMessages(
	ctx: RequestContext,
	range: { from: string; to: string },
): Promise<SentMessage[]> {
	const body = await call(ctx, {
		method: 'GetMessages',
		repeatable: true,
		body: form({ FromDateTime: range.from, ToDateTime: range.to }),
	});
	return list(body.Data).map(sentMessage);
}

export interface Delivery {
	messageId: string;
	deliveryType: number;
	cost: number;
	regDateTime: unknown;
	sendDateTime: unknown;
	/** Per-id status (GetDeliveries, by campaign); `Success` when absent. */
	status: string;
	/** By campaign: the recipient. */
	mobile?: string;
}

function delivery(entry: IDataObject): Delivery {
	return {
		messageId: idText(entry.MessageID) ?? '',
		deliveryType: count(entry.DeliveryType),
		cost: count(entry.Cost),
		regDateTime: entry.RegDateTime,
		sendDateTime: entry.SendDateTime,
		status: entry.Status === undefined ? 'Success' : text(entry.Status),
		mobile: entry.Number === undefined ? undefined : mobileText(entry.Number),
	};
}

const NOT_FOUND_HINT =
	'AmootSMS answers "Failed" when the id does not exist or is not one of this account\'s messages.';

/** `GetDelivery`. Repeatable. */
export async function getDelivery(ctx: RequestContext, messageId: string): Promise<Delivery> {
	const body = await call(ctx, {
		method: 'GetDelivery',
		repeatable: true,
		failureHint: NOT_FOUND_HINT,
		body: form({ MessageID: messageId }),
	});
	return delivery(asObject(body.Data) ?? {});
}

/** `GetDeliveries`: up to 100 ids. Repeatable. */
export async function getDeliveries(
	ctx: RequestContext,
	messageIds: string[],
): Promise<Delivery[]> {
	const body = await call(ctx, {
		method: 'GetDeliveries',
		repeatable: true,
		failureHint: NOT_FOUND_HINT,
		body: form({ ListMessageID: messageIds.join(',') }),
	});
	return list(body.Data).map(delivery);
}

/** `GetDeliveriesByCampaignID`. Repeatable. */
export async function getDeliveriesByCampaign(
	ctx: RequestContext,
	campaignId: string,
): Promise<Delivery[]> {
	const body = await call(ctx, {
		method: 'GetDeliveriesByCampaignID',
		repeatable: true,
		body: form({ CampaignID: campaignId }),
	});
	return list(body.Data).map(delivery);
}

export const PRICE_FIELDS = [
	'BaseSMS_PersianPrice',
	'BaseSMS_EnglishPrice',
	'ServiceSMS_PersianPrice',
	'ServiceSMS_EnglishPrice',
	'AdsSMS_PersianPrice',
	'AdsSMS_EnglishPrice',
	'Avanak_SecondPrice',
] as const;

export interface AccountStatus {
	accountName: string;
	/** Exact Rial. */
	credit: string;
	prices: Record<(typeof PRICE_FIELDS)[number], number>;
	lines: string[];
}

/** `AccountStatus`: credit, prices, lines (also the credential test). Repeatable. */
export async function accountStatus(ctx: RequestContext): Promise<AccountStatus> {
	const body = await call(ctx, { method: 'AccountStatus', repeatable: true, body: form({}) });
	const prices = {} as AccountStatus['prices'];
	for (const field of PRICE_FIELDS) prices[field] = count(body[field]);
	return {
		accountName: text(body.AccountName),
		credit: integerToString(body.RemaindCredit) ?? '0',
		prices,
		lines: Array.isArray(body.ListLineNumbers) ? body.ListLineNumbers.map(text) : [],
	};
}

export interface InboundMessage {
	messageId: string;
	mobile: string;
	lineNumber?: string;
	text: string;
	receiveDateTime: unknown;
}

function inbound(entry: IDataObject): InboundMessage {
	return {
		messageId: idText(entry.MessageID) ?? '',
		mobile: mobileText(entry.Mobile),
		lineNumber:
			entry.LineNumber === undefined || entry.LineNumber === null
				? undefined
				: text(entry.LineNumber),
		text: text(entry.MessageText),
		receiveDateTime: entry.ReceiveDateTime,
	};
}

/** `RecieveMessages`: received SMS in a range (Tehran times), read-only. Repeatable. */
export async function recieveMessages(
	ctx: RequestContext,
	input: { from: string; to: string; lineNumber?: string },
): Promise<InboundMessage[]> {
	const body = await call(ctx, {
		method: 'RecieveMessages',
		repeatable: true,
		body: form({
			FromDateTime: input.from,
			ToDateTime: input.to,
			LineNumber: input.lineNumber ?? '',
		}),
	});
	return list(body.Data).map(inbound);
}

/**
 * `RecieveNewMessages`: CONSUMES. Each message is returned once for the whole account and never
 * again, so a lost answer loses messages: not repeatable.
 */
export async function recieveNewMessages(
	ctx: RequestContext,
	count_: number,
): Promise<InboundMessage[]> {
	const body = await call(ctx, {
		method: 'RecieveNewMessages',
		repeatable: false,
		body: form({ Count: String(count_) }),
	});
	return list(body.Data).map(inbound);
}
