import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { inboundJson } from '../../transport/inbound';
import { readLine, optionsField } from '../fields';
import { readRange } from '../sms/getManySent.operation';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Many',
	description: 'Get received SMS in a time range (RecieveMessages); read-only, nothing is marked',
	action: 'Get many received SMS',
};

export const description: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: 'Start of the range (sent to AmootSMS in Tehran time). Empty: 24 hours ago.',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'End of the range. Empty: now (plus a minute, for clock differences).',
	},
	{
		displayName: 'Receiving Line',
		name: 'lineNumber',
		type: 'string',
		default: '',
		placeholder: '50004000123',
		description: 'Only messages received on this line of yours. Empty: all your lines.',
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => ({
			...readRange(this, itemIndex, new Date(Date.now() - 24 * 3_600_000)),
			lineNumber: readLine(this, itemIndex, 'lineNumber', 'Receiving Line', true),
		}),
		run: async (input, _itemIndex, request) => (await client.recieveMessages(request, input)).map(inboundJson),
	});
}
