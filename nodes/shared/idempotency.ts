import { ProviderError, settle } from './errors';

/**
 * How a provider lets a side effect be sent safely more than once. Each provider declares one:
 * - `none` (most APIs): once a request may have reached the provider it is never sent again by
 *   our code; the failure says it may have been accepted. Calls are made with `repeatable: false`.
 * - `keyed`: the provider recognises a repeated key (answers "duplicate") and can be asked
 *   whether a key arrived; `deliverWithKey` uses both.
 */
export type IdempotencyPolicy = 'none' | 'keyed';

export interface KeyedDelivery<R> {
	/** The idempotency key sent with the request. */
	key: string;
	/** Sends the request with its key (a call declared repeatable: the key makes it safe). */
	submit(): Promise<R>;
	/** Whether an error is the provider's "this key was already received". */
	isDuplicate(error: ProviderError): boolean;
	/** Asks the provider whether a request with the key arrived. */
	wasReceived(): Promise<boolean>;
}

export type KeyedOutcome<R> =
	| { kind: 'sent'; result: R }
	/** An earlier attempt with the same key was accepted; it was not sent again. */
	| { kind: 'alreadyAccepted'; reason: 'duplicateAnswer'; answer: ProviderError }
	| { kind: 'alreadyAccepted'; reason: 'lostAnswer' };

/**
 * Sends so that the request is accepted at most once: a duplicate answer means an earlier attempt
 * was accepted; after an answer that leaves the outcome unknown, the provider is asked whether
 * the key arrived before the one resend with the same key.
 */
export async function deliverWithKey<R>(delivery: KeyedDelivery<R>): Promise<KeyedOutcome<R>> {
	const attempt = async (): Promise<KeyedOutcome<R> | ProviderError> => {
		const result = await settle(delivery.submit);
		if (!(result instanceof ProviderError)) return { kind: 'sent', result };
		if (delivery.isDuplicate(result)) return { kind: 'alreadyAccepted', reason: 'duplicateAnswer', answer: result };
		if (result.ambiguous) return result;
		throw result;
	};
	const first = await attempt();
	if (!(first instanceof ProviderError)) return first;
	if (await delivery.wasReceived()) return { kind: 'alreadyAccepted', reason: 'lostAnswer' };
	const second = await attempt();
	if (!(second instanceof ProviderError)) return second;
	throw second.with({
		message: `${second.summary}; no clear answer twice for the key ${delivery.key}`,
		description: `Check whether the request with this key arrived before sending again. ${second.description ?? ''}`.trim(),
	});
}
