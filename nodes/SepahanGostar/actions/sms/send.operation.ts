import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readSenderLine, readText } from '../common';
import { readRecipients } from './recipients';
import { collectEntries, sendInBatches } from './sendBatches';
import { readRequestIdOverride, requestIdOption, timeoutOption, treatDuplicateOption } from './sendOptions';

const show = { resource: ['sms'], operation: ['send'] };

export const description: INodeProperties[] = [
	{
		displayName: 'From (Sender Line)',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3000123456',
		description: 'One of your active, verified lines (panel: Lines → SMS numbers)',
		displayOptions: { show },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '09121234567, 09351234567',
		description:
			'Recipient mobile numbers: one, a comma- or line-separated list, or an array from an expression. Items with the same sender and text are sent together, 100 recipients per request.',
		displayOptions: { show },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'The text sent to every recipient. Persian text takes 70 characters per SMS (67 per part when longer).',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [requestIdOption, timeoutOption, treatDuplicateOption],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const { entries, failedItems } = collectEntries(this, items.length, (itemIndex) => {
		const from = readSenderLine(this, itemIndex);
		const text = readText(this, itemIndex);
		const recipients = readRecipients(this, itemIndex, { single: false, label: 'To' });
		const requestIdOverride = readRequestIdOverride(this, itemIndex);
		return recipients.map((to) => ({ itemIndex, from, to, text, requestIdOverride }));
	});
	return await sendInBatches(this, items.length, entries, failedItems, {
		strategy: 'sameText',
		treatDuplicateAsError: options.treatDuplicateAsError === true,
		timeoutMs: typeof options.timeout === 'number' ? options.timeout : undefined,
	});
}
