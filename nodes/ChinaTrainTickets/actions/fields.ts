import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { timeoutOption as sharedTimeoutOption } from '../../shared/fields';
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

export const timeoutOption: INodeProperties = sharedTimeoutOption(
	'After a timeout the request is not sent again (it may have been accepted); the item says so.',
);

export { optionsField } from '../../shared/fields';

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
