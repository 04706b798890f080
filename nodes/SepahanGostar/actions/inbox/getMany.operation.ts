import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TEHRAN, dayKeyToJalali, localDayKey } from '../../../shared/dates';
import { readLineNumber } from '../../../shared/inputs';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { inboundJson } from '../../transport/inbound';
import { receivingLineField, optionsField } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Many',
	description: 'Get unread inbound SMS (up to 100), without marking them read unless asked',
	action: 'Get many inbound SMS',
};

export const description: INodeProperties[] = [
	receivingLineField,
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		description: 'Only messages from this day on (the API filters by whole days, Tehran time). Empty: the last 24 hours.',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: client.MAX_RECEIVE },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Mark as Read',
		name: 'markAsRead',
		type: 'boolean',
		default: false,
		description:
			'Whether to mark the returned messages as read. Read messages are never returned again, to this node, the trigger or any other reader.',
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => {
			const privateNumber = readLineNumber(this, itemIndex, { parameter: 'receivingLine', label: 'Receiving Line', optional: true });
			const sinceRaw = this.getNodeParameter('since', itemIndex, '') as string;
			let startDate: string | undefined;
			if (sinceRaw) {
				const since = new Date(sinceRaw);
				if (Number.isNaN(since.getTime())) throw invalidInput(this.getNode(), itemIndex, 'Since', `is not a date: "${sinceRaw}"`);
				startDate = dayKeyToJalali(localDayKey(since, TEHRAN));
			}
			const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
			if (!Number.isInteger(limit) || limit < 1 || limit > client.MAX_RECEIVE) {
				throw invalidInput(this.getNode(), itemIndex, 'Limit', `must be a whole number from 1 to ${client.MAX_RECEIVE}`);
			}
			const markAsRead = this.getNodeParameter('markAsRead', itemIndex, false) === true;
			return { privateNumber, startDate, numberOfMessages: limit, markAsRead };
		},
		run: async (input, _itemIndex, request) => (await client.receive(request, input)).map(inboundJson),
	});
}
