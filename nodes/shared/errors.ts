import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What is known about a failed request's effect on the provider:
 * - `notSent`: no byte reached the provider (connection refused, DNS); always safe to send again.
 * - `refused`: the provider answered and the answer proves it did not act on the request.
 * - `unknown`: the request may have been accepted (timeout, reset, 5xx, an empty, garbled or
 *   HTML answer). A side effect must then be checked, never blindly repeated.
 */
export type RequestOutcome = 'notSent' | 'refused' | 'unknown';

export interface ProviderErrorDetails {
	/** The provider's display name, e.g. `SepahanGostar`. */
	provider: string;
	/** English summary, without the provider name (it is added). */
	message: string;
	/** The provider's own code, kept verbatim. */
	code?: number | string;
	httpCode?: number;
	/** Extra English guidance and the provider's own wording. */
	description?: string;
	outcome: RequestOutcome;
	/** Whether sending the same request again may succeed (rate limit, server or network trouble). */
	retryable?: boolean;
	/** Delay the provider asked for before a retry (Retry-After). */
	retryAfterMs?: number;
}

/**
 * A failed provider call, kept typed from the client up to the operation boundary, where it
 * becomes one `NodeApiError` (`toNodeError`) or an error item (`errorItemJson`).
 */
export class ProviderError extends Error {
	readonly provider: string;
	/** The English summary without the provider name, code and HTTP status. */
	readonly summary: string;
	readonly code?: number | string;
	readonly httpCode?: number;
	readonly description?: string;
	readonly outcome: RequestOutcome;
	readonly retryable: boolean;
	readonly retryAfterMs?: number;

	constructor(details: ProviderErrorDetails) {
		const codePart = details.code !== undefined ? ` ${details.code}` : '';
		const httpPart = details.httpCode !== undefined ? ` (HTTP ${details.httpCode})` : '';
		super(`${details.provider} error${codePart}: ${details.message}${httpPart}`);
		this.name = 'ProviderError';
		this.provider = details.provider;
		this.summary = details.message;
		this.code = details.code;
		this.httpCode = details.httpCode;
		this.description = details.description;
		this.outcome = details.outcome;
		this.retryable = details.retryable === true;
		this.retryAfterMs = details.retryAfterMs;
	}

	/** The request may have been accepted: a side effect may have happened. */
	get ambiguous(): boolean {
		return this.outcome === 'unknown';
	}

	/** The same error with other fields (e.g. a clearer message once the caller knows more). */
	with(changes: Partial<ProviderErrorDetails>): ProviderError {
		return new ProviderError({
			provider: this.provider,
			message: this.summary,
			code: this.code,
			httpCode: this.httpCode,
			description: this.description,
			outcome: this.outcome,
			retryable: this.retryable,
			retryAfterMs: this.retryAfterMs,
			...changes,
		});
	}
}

/**
 * Runs `work` and returns its value, or the `ProviderError` it failed with (so a caller can
 * decide on it); any other error propagates unchanged.
 */
export async function settle<T>(work: () => Promise<T>): Promise<T | ProviderError> {
	return await work().then(
		(value) => value,
		(error: unknown) => (error instanceof ProviderError ? error : Promise.reject(error)),
	);
}

/** What a user is told whenever a side effect may have happened. */
export const MAY_HAVE_BEEN_ACCEPTED =
	'The provider may have accepted this request although no clear answer arrived. It was not sent again; check (for example its delivery status) before sending it again.';

function descriptionOf(error: ProviderError, sideEffect: boolean): string | undefined {
	const parts = [error.description];
	if (sideEffect && error.ambiguous) parts.push(MAY_HAVE_BEEN_ACCEPTED);
	const text = parts.filter((part) => part && part.trim()).join('\n');
	return text || undefined;
}

/**
 * Turns any error at the operation boundary into the error n8n shows: a `ProviderError` becomes a
 * `NodeApiError` whose message keeps the provider's code and HTTP status; n8n errors keep their
 * text and get the item index.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number, sideEffect = false): Error {
	if (error instanceof ProviderError) {
		const response: JsonObject = { message: error.message };
		if (error.code !== undefined) response.providerCode = error.code;
		if (error.httpCode !== undefined) response.httpCode = String(error.httpCode);
		return new NodeApiError(node, response, {
			message: error.message,
			description: descriptionOf(error, sideEffect),
			httpCode: error.httpCode !== undefined ? String(error.httpCode) : undefined,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The JSON of an error item (Continue On Fail): the message, the provider's code and HTTP status when known. */
export function errorItemJson(error: unknown, extra: IDataObject = {}, sideEffect = false): IDataObject {
	const json: IDataObject = { ...extra };
	if (error instanceof ProviderError) {
		json.error = error.message;
		const description = descriptionOf(error, sideEffect);
		if (description) json.errorDescription = description;
		if (error.code !== undefined) json.errorCode = error.code;
		if (error.httpCode !== undefined) json.httpCode = String(error.httpCode);
		if (sideEffect) json.mayHaveBeenAccepted = error.ambiguous;
		return json;
	}
	const err = error as { message?: string; description?: string | null; httpCode?: string | null };
	json.error = err?.message ?? String(error);
	if (err?.description) json.errorDescription = err.description;
	if (err?.httpCode) json.httpCode = err.httpCode;
	if (sideEffect) json.mayHaveBeenAccepted = false;
	return json;
}
