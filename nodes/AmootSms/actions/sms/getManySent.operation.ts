import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { toApiDateTime } from '../../transport/dates';
import { sentMessageJson } from '../../transport/sent';
import { readDateTime } from '../fields';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Many Sent',
	description: 'Get the messages sent in a time range (GetMessages)',
	action: 'Get many sent SMS',
};

export const rangeFields: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Start of the range (sent to AmootSMS in Tehran time)',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'End of the range. Empty: now (plus a minute, for clock differences).',
	},
];

export const description: INodeProperties[] = [...rangeFields, optionsField([timeoutOption(READ_AFTER_TIMEOUT)])];

/** Added to "now" when To is empty: AmootSMS reads whole seconds, and its clock may run ahead of n8n's. */
const OPEN_END_MS = 60_000;

/** A From/To range from an item, validated; an empty To means now (plus a minute). */
export function readRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
	defaultFrom?: Date,
): { from: string; to: string } {
	const from =
		readDateTime(ctx, itemIndex, ctx.getNodeParameter('from', itemIndex, ''), 'From') ??
		defaultFrom;
	if (!from) throw invalidInput(ctx.getNode(), itemIndex, 'From', 'is empty');
	const to =
		readDateTime(ctx, itemIndex, ctx.getNodeParameter('to', itemIndex, ''), 'To') ??
		new Date(Date.now() + OPEN_END_MS);
	if (from.getTime() > to.getTime()) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'From',
			`is after "To" (${from.toISOString()} > ${to.toISOString()})`,
		);
	}
	return { from: toApiDateTime(from), to: toApiDateTime(to) };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => readRange(this, itemIndex),
		run: async (range, _itemIndex, request) => (await client.getMessages(request, range)).map(sentMessageJson),
	});
}
