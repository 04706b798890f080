import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from './validation';

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
