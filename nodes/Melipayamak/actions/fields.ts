import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../shared/digits';
import { invalidInput } from '../../shared/validation';

/** Fields several Melipayamak operations share; each operation words its own descriptions. */

export const NO_RESEND_NOTE =
	'Melipayamak has no idempotency key: once a request may have reached it, this node never sends it again, and an unclear answer is reported as "may have been accepted". n8n\'s Retry On Fail setting resends failed items and may therefore send an SMS twice.';

export function recipientField(description: string, placeholder = '09121234567'): INodeProperties {
	return { displayName: 'To', name: 'to', type: 'string', required: true, default: '', placeholder, description };
}

export const bodyIdField: INodeProperties = {
	displayName: 'Template ID (Body ID)',
	name: 'bodyId',
	type: 'number',
	required: true,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 0,
	description: 'The ID of a template (pattern) approved in the panel: Web service → Shared service line',
};

const URL_RE = /(https?:\/\/|www\.)|\b[a-z0-9-]+\.(ir|com|net|org|io|me|info|link)\b/i;

/** A positive 32-bit template id. */
export function readBodyId(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('bodyId', itemIndex, 0) as unknown;
	const value = typeof raw === 'string' ? Number(toLatinDigits(raw).trim()) : Number(raw);
	if (!Number.isInteger(value) || value < 1 || value > 2147483647) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Template ID (Body ID)', `must be a positive whole number, got "${String(raw)}"`);
	}
	return value;
}

/**
 * Template variables in order: an array from an expression, or text with `;` between variables
 * (the wire format). A variable must not be empty, hold `;` or a link (the provider refuses links: -10).
 */
export function readVariables(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { parameter: string; label: string; allowEmptyList?: boolean },
): string[] {
	const raw = ctx.getNodeParameter(options.parameter, itemIndex, '') as unknown;
	let values: string[];
	if (Array.isArray(raw)) values = (raw.flat(Infinity) as unknown[]).map((v) => String(v ?? ''));
	else if (raw === undefined || raw === null || String(raw).trim() === '') values = [];
	else values = String(raw).split(';');
	values = values.map((v) => v.trim());
	if (values.length === 0 && !options.allowEmptyList) throw invalidInput(ctx.getNode(), itemIndex, options.label, 'is empty', 'Give the template variables in order, separated by ";".');
	values.forEach((value, i) => {
		if (value === '') throw invalidInput(ctx.getNode(), itemIndex, options.label, `has an empty variable (number ${i + 1})`);
		if (value.includes(';')) throw invalidInput(ctx.getNode(), itemIndex, options.label, `variable ${i + 1} contains ";", which separates variables`);
		if (URL_RE.test(value)) throw invalidInput(ctx.getNode(), itemIndex, options.label, `variable ${i + 1} contains a link, which templates refuse (error -10)`);
	});
	return values;
}

export const lineFilterField: INodeProperties = {
	displayName: 'Line',
	name: 'line',
	type: 'string',
	default: '',
	placeholder: '50002710000000',
	description: 'Only messages received on this line of yours. Empty: all your lines.',
};

export { optionsField } from '../../shared/fields';
