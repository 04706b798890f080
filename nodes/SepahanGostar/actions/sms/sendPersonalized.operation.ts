import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readSenderLine, readText } from '../common';
import { readRecipients } from './recipients';
import { collectEntries, sendInBatches } from './sendBatches';
import {
	messageField,
	optionsField,
	readRequestIdOverride,
	readSendSettings,
	recipientField,
	requestIdOption,
	senderLineField,
	timeoutOption,
	treatDuplicateOption,
} from './sendFields';

const show = { resource: ['sms'], operation: ['sendPersonalized'] };

export const description: INodeProperties[] = [
	senderLineField(show, 'The line this item is sent from (may differ per item)'),
	recipientField(show, '09121234567', "This item's recipient mobile number"),
	messageField(show, "This item's own text, e.g. with an expression such as {{ $JSON.name }}. Up to 100 items travel in one request."),
	optionsField(show, [requestIdOption, timeoutOption, treatDuplicateOption]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { entries, failedItems } = collectEntries(this, items.length, (itemIndex) => {
		const from = readSenderLine(this, itemIndex);
		const text = readText(this, itemIndex);
		const [to] = readRecipients(this, itemIndex, { single: true, label: 'To' });
		return [{ itemIndex, from, to, text, requestIdOverride: readRequestIdOverride(this, itemIndex) }];
	});
	return await sendInBatches(this, items.length, entries, failedItems, readSendSettings(this, 'perRecipient'));
}
