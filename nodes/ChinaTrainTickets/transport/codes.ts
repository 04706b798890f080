/**
 * ChinaTrainTickets code tables as data (spec §3.1, §4, §5), with small lookups.
 *
 * The service documents exactly one result code: `code == 1` is success (seed shape,
 * front-end check). Every other `code` is a refusal whose meaning is not documented,
 * so it keeps its number and the provider's own `message`. A missing or mistyped
 * `code` is never a success: the answer is then unrecognised, and for a call with a
 * side effect that means "may have been accepted".
 */

/** `Terminal` enum (seed: `1` in JSON, `WEBPAGEEnum` in XML). The node always sends 1. */
export const TERMINAL_WEB_PAGE = 1;

export const TERMINALS: Readonly<Record<string, { text: string; xmlName: string }>> = {
	'1': { text: 'Web page', xmlName: 'WEBPAGEEnum' },
};

export const SUCCESS_CODE = 1;

export type ResultClass = 'success';

/** Every documented value of the envelope's `code`. */
export const RESULT_CODES: Readonly<Record<string, { text: string; class: ResultClass }>> = {
	'1': { text: 'Success', class: 'success' },
};

export type ResultOutcome =
	/** `code` is 1. */
	| { kind: 'success' }
	/** An integer other than 1: the service answered and refused; its meaning is undocumented. */
	| { kind: 'refused'; code: string; text: string }
	/** No integer `code`: nobody can tell what happened. */
	| { kind: 'unrecognised'; text: string };

/**
 * Classifies the envelope's `code` as parsed from JSON: a number (an integer), or a
 * bigint / decimal-literal string from a lossless parser (`literal: true`). A JSON
 * string value such as `"1"` is not the documented type and is unrecognised.
 */
export function classifyResultCode(code: unknown, opts: { literal?: boolean } = {}): ResultOutcome {
	let text: string | undefined;
	if (typeof code === 'number' && Number.isSafeInteger(code)) text = String(code);
	else if (typeof code === 'bigint') text = code.toString();
	else if (opts.literal && typeof code === 'string' && /^-?(0|[1-9][0-9]*)$/.test(code))
		text = code;
	if (text === undefined) {
		return { kind: 'unrecognised', text: 'The answer has no integer "code" field' };
	}
	const entry = RESULT_CODES[text];
	if (entry?.class === 'success') return { kind: 'success' };
	return {
		kind: 'refused',
		code: text,
		text: 'The service refused the request (this code is not documented)',
	};
}

export type HttpClass =
	/** 200: the JSON body decides. */
	| 'body'
	/** The request was not accepted as sent: fix the input or the node. */
	| 'invalidInput'
	/** Signature or key refused (the HTTP form of a signing rejection). */
	| 'credentials'
	/** Wrong Base URL or path. */
	| 'notFound'
	/** Too many requests: refused, may be retried later. */
	| 'rateLimited'
	/** Server-side failure or gateway: the request may have been processed. */
	| 'ambiguous';

export interface HttpStatusEntry {
	text: string;
	class: HttpClass;
	/** True when the answer proves the request was not processed. */
	refused: boolean;
	/** True when trying again later can help (a call with a side effect repeats only if `refused`). */
	retryable: boolean;
}

/** HTTP statuses of spec §5 (ASP.NET Web API framework answers) and the usual gateway ones. */
export const HTTP_STATUSES: Readonly<Record<string, HttpStatusEntry>> = {
	'200': { text: 'OK', class: 'body', refused: false, retryable: false },
	'400': {
		text: 'The service could not read the request (bad request)',
		class: 'invalidInput',
		refused: true,
		retryable: false,
	},
	'401': {
		text: 'The service refused the signature (unauthorised)',
		class: 'credentials',
		refused: true,
		retryable: false,
	},
	'403': {
		text: 'The service refused the signature (forbidden)',
		class: 'credentials',
		refused: true,
		retryable: false,
	},
	'404': {
		text: 'No such endpoint: check the Base URL',
		class: 'notFound',
		refused: true,
		retryable: false,
	},
	'405': {
		text: 'The endpoint does not accept this HTTP method',
		class: 'notFound',
		refused: true,
		retryable: false,
	},
	'413': {
		text: 'The request is too large',
		class: 'invalidInput',
		refused: true,
		retryable: false,
	},
	'415': {
		text: 'The service does not accept this content type',
		class: 'invalidInput',
		refused: true,
		retryable: false,
	},
	'429': { text: 'Too many requests', class: 'rateLimited', refused: true, retryable: true },
	'500': { text: 'Internal server error', class: 'ambiguous', refused: false, retryable: true },
	'502': { text: 'Bad gateway', class: 'ambiguous', refused: false, retryable: true },
	'503': { text: 'Service unavailable', class: 'ambiguous', refused: false, retryable: true },
	'504': { text: 'Gateway timeout', class: 'ambiguous', refused: false, retryable: true },
};

/**
 * Looks up an HTTP status. One not in the table is an error, never a success: any
 * other 4xx is a refusal, anything else (other 2xx, 1xx, 3xx, 5xx) is ambiguous.
 */
export function classifyHttpStatus(status: number): HttpStatusEntry {
	const known = HTTP_STATUSES[String(status)];
	if (known) return known;
	if (Number.isInteger(status) && status >= 400 && status < 500) {
		return { text: `HTTP ${status}`, class: 'invalidInput', refused: true, retryable: false };
	}
	return {
		text: `Unexpected HTTP status ${status}`,
		class: 'ambiguous',
		refused: false,
		retryable: false,
	};
}

/**
 * The English summary of a refusal, with the provider's own (usually Chinese) message passed
 * through unchanged (spec §5, §6.9). The provider name and code are added by the error itself.
 */
export function refusalMessage(message: unknown): string {
	const text =
		typeof message === 'string' && message.trim() !== '' ? message.trim() : '(no message)';
	return `The service refused the request: ${text}`;
}
