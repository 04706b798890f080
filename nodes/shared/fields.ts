import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from './validation';

/** The "Options" collection of an operation (every operation has one: it holds at least the Timeout option). */
export function optionsField(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options };
}

/**
 * "Requests in Parallel": how many batch requests may be in flight at once. Node-level (no
 * expressions), because batches span items; `max` is what the provider allows.
 */
export function parallelRequestsField(max: number): INodeProperties {
	return {
		displayName: 'Requests in Parallel',
		name: 'parallelRequests',
		type: 'number',
		noDataExpression: true,
		typeOptions: { minValue: 1, maxValue: max },
		default: 1,
		description: `How many requests may be in flight at once (1 to ${max}). 1 sends one request after another; more is faster for large sends.`,
	};
}

export function readParallelRequests(ctx: IExecuteFunctions, max: number): number {
	const value = ctx.getNodeParameter('parallelRequests', 0, 1) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw invalidInput(ctx.getNode(), 0, 'Requests in Parallel', `must be a whole number from 1 to ${max}, got ${String(value)}`);
	}
	return value;
}

/** After a timeout, a read is asked again; words for the Timeout option of operations that only read. */
export const READ_AFTER_TIMEOUT = 'A read that gets no answer in time is asked again before it fails.';
/** After a timeout, a request with a side effect is not sent again; words for the Timeout option of such operations. */
export const SEND_AFTER_TIMEOUT = 'A request that times out is not sent again: its item says it may have been accepted.';

export const MIN_TIMEOUT_MS = 1000;
/** The longest timer Node.js keeps (a longer one would fire at once). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Options → "Timeout": milliseconds to wait for each request's answer (default the transport's
 * 30 seconds). Every operation of every node offers it under the name `timeout` in its `options`
 * collection; `afterTimeout` says what the node does when it runs out (one of the constants above,
 * or the operation's own words).
 */
export function timeoutOption(afterTimeout: string): INodeProperties {
	return {
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: MIN_TIMEOUT_MS },
		default: 30000,
		description: ['Milliseconds to wait for an answer.', afterTimeout].join(' '),
	};
}

/**
 * The Timeout option of one item, validated before any request: `undefined` when it is not set
 * (the transport's default applies). A number, or a text holding one, from 1000 milliseconds.
 */
export function readTimeout(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as unknown;
	const raw = options && typeof options === 'object' ? (options as { timeout?: unknown }).timeout : undefined;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const timeout = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
	if (!Number.isFinite(timeout) || timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'Timeout',
			`must be a number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}, got ${typeof raw === 'string' ? `"${raw}"` : String(raw)}`,
		);
	}
	return timeout;
}
