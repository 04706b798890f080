/**
 * Melipayamak's code and status tables as data (spec §5), with the small lookups the client
 * needs. Pure data: an unknown code is reported as undocumented and is never a success.
 *
 * Entry shape `{ text, class }` matches the shared `CodeTable` so the tables can move onto it
 * unchanged.
 */

/** What a code means for the caller. */
export type CodeClass =
	/** The request was accepted. */
	| 'success'
	/** Username, password or API key wrong, or the login is refused (never retried). */
	| 'credentials'
	/** The account or its web-service access is not usable (inactive, documents, IP rules). */
	| 'account'
	/** Something in the request is invalid (fix the input). */
	| 'invalidInput'
	/** The recipient cannot receive this message (invalid, unknown, blacklisted). */
	| 'recipient'
	/** The text was refused (filtered word, link, missing opt-out phrase). */
	| 'content'
	/** Not enough credit. */
	| 'credit'
	/** A sending limit (daily, hourly, volume) was reached. */
	| 'limit'
	/** The provider refused for a passing reason (maintenance); the same request may be made later. */
	| 'temporary'
	/** The provider refused without a more precise reason. */
	| 'rejected'
	/** An error inside the provider (contact its support). */
	| 'providerError';

export interface CodeEntry<Class extends string = CodeClass> {
	text: string;
	class?: Class;
}

export type CodeTable<Class extends string = CodeClass> = Readonly<Record<string, CodeEntry<Class>>>;

// ------------------------------------------------------------------ 5.1 legacy REST envelope

export const REST_OK_STATUS = 1;
export const REST_INVALID_DATA_STATUS = 35;

/** `RetStatus` / `StrRetStatus` of the legacy REST envelope. Any other RetStatus is a failure. */
export const REST_RET_STATUSES: CodeTable = {
	'1': { text: 'Ok: request accepted', class: 'success' },
	'35': { text: "InvalidData: request rejected; Value carries the method's error code", class: 'rejected' },
};

// ------------------------------------------------------------------ 5.2 send result codes

/** SendSMS, SendSimpleSMS, SendSimpleSMS2, console send/simple: a long number (recId) means success. */
export const SEND_CODES: CodeTable = {
	'0': { text: 'The username or password is wrong', class: 'credentials' },
	'1': { text: 'Request completed (SOAP SendSms, where the recIds come back in an output array)', class: 'success' },
	'2': { text: 'Not enough credit', class: 'credit' },
	'3': { text: 'The daily sending limit is reached', class: 'limit' },
	'4': { text: 'The sending volume limit is reached (at most 100 numbers per request)', class: 'limit' },
	'5': { text: 'The sender number is not valid', class: 'invalidInput' },
	'6': { text: 'The system is being updated; try again later', class: 'temporary' },
	'7': { text: 'The text contains a filtered word', class: 'content' },
	'8': { text: 'The minimum send count is not reached', class: 'invalidInput' },
	'9': { text: 'Sending from public lines through the web service is not allowed', class: 'invalidInput' },
	'10': { text: 'The user account is not active', class: 'account' },
	'11': { text: 'Not sent', class: 'rejected' },
	'12': { text: "The user's documents are incomplete", class: 'account' },
	'14': { text: 'The text contains a link', class: 'content' },
	'15': { text: 'Sending to more than one number requires "لغو11" (opt-out) in the text', class: 'content' },
	'16': { text: 'The recipient number was not found', class: 'recipient' },
	'17': { text: 'The message text is empty', class: 'invalidInput' },
	'18': { text: 'The recipient number is invalid', class: 'recipient' },
	'19': { text: 'The hourly sending limit is exceeded', class: 'limit' },
	'35': { text: 'The recipient is on the telecom blacklist; use a pattern send (shared service line) instead', class: 'recipient' },
};

// ------------------------------------------------------------------ 5.3 pattern codes

/** BaseServiceNumber, SendByBaseNumber, SendByBaseNumber2: a long number (recId) means success. */
export const PATTERN_CODES: CodeTable = {
	'-1': { text: 'Access to this web service is disabled for the account; contact support', class: 'account' },
	'-2': { text: 'Only one mobile number may be given per pattern send', class: 'invalidInput' },
	'-3': { text: 'The sending line is not defined in the system; contact support', class: 'account' },
	'-4': { text: 'The template code (bodyId) is wrong or not approved by the administrator', class: 'invalidInput' },
	'-5': { text: "The text does not match the template's variables", class: 'invalidInput' },
	'-6': { text: 'Internal error; contact support', class: 'providerError' },
	'-7': { text: 'Error with the sender number; contact support', class: 'providerError' },
	'-10': { text: 'The variables contain a link', class: 'content' },
	'0': { text: 'The username or password is wrong', class: 'credentials' },
};

// ------------------------------------------------------------------ 5.5 account-security codes

/** Any legacy REST/SOAP method may answer these in `Value` / the result. Never retried. */
export const SECURITY_CODES: CodeTable = {
	'-108': { text: "The caller's IP address is blocked after repeated failed attempts", class: 'credentials' },
	'-109': { text: 'An allowed-IP list must be configured in the panel before the API can be used', class: 'account' },
	'-110': { text: 'The API key must be used instead of the password', class: 'credentials' },
	'-111': { text: 'The requesting IP address is not allowed for this account', class: 'account' },
};

// ------------------------------------------------------------------ 5.4 delivery codes

export type DeliveryLabel =
	| 'sentToOperator'
	| 'delivered'
	| 'undelivered'
	| 'operatorError'
	| 'unknownError'
	| 'acceptedByOperator'
	| 'notAcceptedByOperator'
	| 'blacklisted'
	| 'unknown'
	| 'sent'
	| 'filtered'
	| 'queued'
	| 'rejected';

export interface DeliveryEntry {
	label: DeliveryLabel;
	text: string;
	/** No later status will follow. */
	final: boolean;
}

/** GetDeliveries2, GetDeliveries, GetDelivery (spec §5.4). */
export const DELIVERY_CODES: Readonly<Record<string, DeliveryEntry>> = {
	'0': { label: 'sentToOperator', text: 'Sent to the telecom operator', final: false },
	'1': { label: 'delivered', text: 'Delivered to the handset', final: true },
	'2': { label: 'undelivered', text: 'Not delivered to the handset', final: true },
	'3': { label: 'operatorError', text: 'Telecom operator error', final: true },
	'5': { label: 'unknownError', text: 'Unknown error', final: true },
	'8': { label: 'acceptedByOperator', text: 'Reached the telecom operator', final: false },
	'16': { label: 'notAcceptedByOperator', text: 'Did not reach the telecom operator', final: true },
	'35': { label: 'blacklisted', text: 'The recipient is on the telecom blacklist', final: true },
	'100': { label: 'unknown', text: 'Status not known yet', final: false },
	'200': { label: 'sent', text: 'Sent', final: false },
	'300': { label: 'filtered', text: 'Filtered', final: true },
	'400': { label: 'queued', text: 'In the sending list (queued)', final: false },
	'500': { label: 'rejected', text: 'Not accepted (rejected)', final: true },
};

// ------------------------------------------------------------------ 5.6 ForgotPassword (seed)

/** `ForgotPasswordResult` (seed): `1` success, `-1` wrong reseller login; anything else undocumented. */
export const FORGOT_PASSWORD_CODES: CodeTable = {
	'1': { text: "The password was sent to the reseller's mobile number", class: 'success' },
	'-1': { text: "The reseller's username or password is incorrect", class: 'credentials' },
};

// ------------------------------------------------------------------ lookups

export type CodeTableName = 'send' | 'pattern' | 'forgotPassword';

export interface CodeLookup {
	code: string;
	/** False when no table documents the code. */
	documented: boolean;
	text: string;
	class: CodeClass;
}

/** Canonical decimal text of an integer code ("+05" → "5", "-0" → "0"); undefined if not an integer. */
export function normaliseCode(code: number | string): string | undefined {
	const t = typeof code === 'number' ? (Number.isInteger(code) ? String(code) : '') : code.trim();
	const m = /^([+-]?)([0-9]{1,30})$/.exec(t);
	if (!m) return undefined;
	const digits = m[2].replace(/^0+(?=[0-9])/, '');
	return m[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/**
 * Meaning of a code returned by a method of the given table. Account-security codes (§5.5)
 * apply to every method. An undocumented code is an error of class `rejected`, never a success.
 * The pattern table falls back to the send table's error codes for conditions the pattern page
 * does not list (e.g. 2, not enough credit) — never to its success entry.
 */
export function lookupCode(table: CodeTableName, code: number | string): CodeLookup {
	const key = normaliseCode(code);
	const shown = key ?? String(code);
	const found = (e: CodeEntry | undefined): CodeLookup | undefined =>
		e ? { code: shown, documented: true, text: e.text, class: e.class ?? 'rejected' } : undefined;
	if (key !== undefined) {
		const hit =
			found(SECURITY_CODES[key]) ??
			(table === 'send' ? found(SEND_CODES[key]) : undefined) ??
			(table === 'pattern' ? (found(PATTERN_CODES[key]) ?? found(SEND_CODES[key]?.class === 'success' ? undefined : SEND_CODES[key])) : undefined) ??
			(table === 'forgotPassword' ? found(FORGOT_PASSWORD_CODES[key]) : undefined);
		if (hit) return hit;
	}
	return { code: shown, documented: false, text: `Undocumented code ${shown}`, class: 'rejected' };
}

const INT64_MAX = 9223372036854775807n;

/**
 * A send's `Value` is a recId when it is all digits, longer than 2 characters (every code is
 * at most 2 digits, or negative) and fits a signed 64-bit integer (spec §4.2 decision rule).
 */
export function isRecId(value: string): boolean {
	return /^[0-9]{3,19}$/.test(value) && BigInt(value) <= INT64_MAX;
}

export type SendOutcome = { ok: true; recId: string } | { ok: false; error: CodeLookup };

/**
 * Reads one send result (REST `Value`, one `<string>` of SendSimpleSMS, SendSimpleSMS2 or a
 * pattern result). A recId is kept as the exact digit string.
 */
export function readSendResult(table: 'send' | 'pattern', value: string): SendOutcome {
	const v = value.trim();
	if (isRecId(v)) return { ok: true, recId: v };
	const error = lookupCode(table, v);
	// A documented success code (1 = "completed" of SOAP SendSms) carries no recId here: not a success for us.
	if (error.class === 'success') return { ok: false, error: { ...error, class: 'rejected', text: `${error.text}, but no recId came back` } };
	return { ok: false, error };
}

export interface DeliveryLookup {
	code: number;
	label: DeliveryLabel | 'undocumented';
	text: string;
	final: boolean;
	documented: boolean;
}

/** Meaning of a delivery code; an undocumented one keeps its number and is not final. */
export function lookupDelivery(code: number | string): DeliveryLookup {
	const key = normaliseCode(code);
	const e = key !== undefined ? DELIVERY_CODES[key] : undefined;
	const num = key !== undefined ? Number(key) : NaN;
	if (e) return { code: num, label: e.label, text: e.text, final: e.final, documented: true };
	return { code: num, label: 'undocumented', text: `Undocumented delivery code ${key ?? String(code)}`, final: false, documented: false };
}

export type ForgotPasswordOutcome = { ok: true; code: 1 } | { ok: false; error: CodeLookup };

/** `1` success; `-1` wrong reseller login; anything else (even empty) an error that keeps the value (seed). */
export function readForgotPasswordResult(value: string): ForgotPasswordOutcome {
	const key = normaliseCode(value);
	if (key === '1') return { ok: true, code: 1 };
	return { ok: false, error: lookupCode('forgotPassword', key ?? value.trim()) };
}

export type CreditOutcome = { ok: true; credit: number; raw: string } | { ok: false; error: CodeLookup };

/**
 * GetCredit `Value` (§5.7): a decimal number is the credit; `null`, `"NULL"` or anything
 * non-numeric is a login failure; a security code (−108…−111) keeps its meaning.
 */
export function readCreditValue(value: string | null): CreditOutcome {
	const raw = value === null ? 'null' : value.trim();
	if (SECURITY_CODES[normaliseCode(raw) ?? '']) return { ok: false, error: lookupCode('send', raw) };
	if (/^[0-9]{1,15}(\.[0-9]{1,10})?$/.test(raw)) return { ok: true, credit: Number(raw), raw };
	return { ok: false, error: { code: raw, documented: true, text: 'The username or password is wrong (GetCredit returned no number)', class: 'credentials' } };
}

/** True when the envelope says "accepted"; the method's `Value` still has to be read. */
export function isRestOk(retStatus: unknown, strRetStatus: unknown): boolean {
	return retStatus === REST_OK_STATUS && typeof strRetStatus === 'string' && strRetStatus.toLowerCase() === 'ok';
}

/** English message that keeps the provider's code, e.g. `Melipayamak SendSMS failed: 15 — ...`. */
export function codeMessage(method: string, error: CodeLookup): string {
	return `Melipayamak ${method} failed: ${error.code} — ${error.text}`;
}

export type SendBatchOutcome =
	/** One outcome per recipient, in request order. */
	| { kind: 'perRecipient'; outcomes: SendOutcome[] }
	/** The answer cannot be mapped to the recipients: some messages may have been accepted. */
	| { kind: 'ambiguous'; reason: string };

/**
 * Reads `SendSimpleSMSResult` (string[]) for `recipients` numbers. How a whole-call failure is
 * written is undocumented (gap): a single code, or the same code once per recipient, applies to
 * every recipient. Element i belongs to recipient i only when the counts match; any other shape
 * is ambiguous, because recIds in it mean some messages went out.
 */
export function readSendBatch(items: readonly string[], recipients: number): SendBatchOutcome {
	const outcomes = items.map((i) => readSendResult('send', i));
	const anySent = outcomes.some((o) => o.ok);
	if (!anySent && items.length === 1 && recipients >= 1) {
		return { kind: 'perRecipient', outcomes: Array.from({ length: recipients }, () => outcomes[0]) };
	}
	if (items.length === recipients && recipients > 0) return { kind: 'perRecipient', outcomes };
	return {
		kind: 'ambiguous',
		reason: `the provider answered ${items.length} result(s) for ${recipients} recipient(s)${anySent ? ', some of them message ids' : ''}`,
	};
}
