import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readSenderLine, readText } from '../common';
import { readRecipients } from './recipients';
import { collectEntries, sendInBatches } from './sendBatches';
import { readRequestIdOverride, requestIdOption, timeoutOption, treatDuplicateOption } from './sendOptions';

const show = { resource: ['sms'], operation: ['sendPersonalized'] };

export const description: INodeProperties[] = [
	{
		displayName: 'From (Sender Line)',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3000123456',
		description: 'The line this item is sent from (may differ per item)',
		displayOptions: { show },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '09121234567',
		description: "This item's recipient mobile number",
		displayOptions: { show },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: "This item's own text, e.g. with an expression such as {{ $JSON.name }}. Up to 100 items travel in one request.",
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
		const [to] = readRecipients(this, itemIndex, { single: true, label: 'To' });
		return [{ itemIndex, from, to, text, requestIdOverride: readRequestIdOverride(this, itemIndex) }];
	});
	return await sendInBatches(this, items.length, entries, failedItems, {
		strategy: 'perRecipient',
		treatDuplicateAsError: options.treatDuplicateAsError === true,
		timeoutMs: typeof options.timeout === 'number' ? options.timeout : undefined,
	});
}
