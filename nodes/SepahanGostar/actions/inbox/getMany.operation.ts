import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { TEHRAN, dayKeyToJalali, localDayKey } from '../../../shared/dates';
import { parseLineNumber } from '../../../shared/phone';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { inboundJson, receivingLineField } from '../../transport/inbound';
import { forEachItem } from '../common';

const show = { resource: ['inbox'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{ ...receivingLineField, displayOptions: { show } },
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		description: 'Only messages from this day on (the API filters by whole days, Tehran time). Empty: the last 24 hours.',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: client.MAX_RECEIVE },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show },
	},
	{
		displayName: 'Mark as Read',
		name: 'markAsRead',
		type: 'boolean',
		default: false,
		description:
			'Whether to mark the returned messages as read. Read messages are never returned again, to this node, the trigger or any other reader.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const lineRaw = String(this.getNodeParameter('receivingLine', itemIndex, '') ?? '').trim();
		const privateNumber = lineRaw ? parseLineNumber(lineRaw) : undefined;
		if (lineRaw && !privateNumber) throw invalidInput(this.getNode(), itemIndex, 'Receiving Line', `is not a line number: "${lineRaw}"`);
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
		const records = await client.receive(this, { privateNumber, startDate, numberOfMessages: limit, markAsRead }, { itemIndex });
		return records.map(inboundJson);
	});
}
