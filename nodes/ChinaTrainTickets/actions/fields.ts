import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../shared/validation';

/** Fields and readers both ChinaTrainTickets operations share. Every reader runs before any request. */

export function usernameField(description: string, required: boolean): INodeProperties {
	return {
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required,
		default: '',
		placeholder: 'traveller01',
		description,
	};
}

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 30000,
	description:
		'Milliseconds to wait for an answer. After a timeout the request is not sent again (it may have been accepted); the item says so.',
};

export function optionsField(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/**
 * A text parameter as typed (or from an expression). Numbers are accepted while they are exact;
 * anything else (objects, lists) is refused with the item and field named.
 */
export function readRaw(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw === undefined || raw === null) return '';
	if (typeof raw === 'string') return raw;
	if (typeof raw === 'number') {
		if (!Number.isSafeInteger(raw)) {
			throw invalidInput(
				ctx.getNode(),
				itemIndex,
				label,
				`holds a number that has lost digits: ${raw}`,
				'Pass it as a string.',
			);
		}
		return String(raw);
	}
	throw invalidInput(
		ctx.getNode(),
		itemIndex,
		label,
		`must be text, got ${Array.isArray(raw) ? 'a list' : typeof raw}`,
	);
}

/** Trimmed text, or undefined when blank. */
export function readOptional(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): string | undefined {
	const text = readRaw(ctx, itemIndex, parameter, label).trim();
	return text === '' ? undefined : text;
}

export function readTimeout(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { timeout?: unknown };
	if (options.timeout === undefined || options.timeout === null || options.timeout === '')
		return undefined;
	const timeout = Number(options.timeout);
	if (!Number.isInteger(timeout) || timeout < 1000 || timeout > 600_000) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'Timeout',
			`must be a whole number of milliseconds from 1000 to 600000, got ${String(options.timeout)}`,
		);
	}
	return timeout;
}
