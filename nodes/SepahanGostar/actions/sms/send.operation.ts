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

const show = { resource: ['sms'], operation: ['send'] };

export const description: INodeProperties[] = [
	senderLineField(show, 'One of your active, verified lines (panel: Lines → SMS numbers)'),
	recipientField(
		show,
		'09121234567, 09351234567',
		'Recipient mobile numbers: one, a comma- or line-separated list, or an array from an expression. Items with the same sender and text are sent together, 100 recipients per request.',
	),
	messageField(show, 'The text sent to every recipient. Persian text takes 70 characters per SMS (67 per part when longer).'),
	optionsField(show, [requestIdOption, timeoutOption, treatDuplicateOption]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { entries, failedItems } = collectEntries(this, items.length, (itemIndex) => {
		const from = readSenderLine(this, itemIndex);
		const text = readText(this, itemIndex);
		const recipients = readRecipients(this, itemIndex, { single: false, label: 'To' });
		const requestIdOverride = readRequestIdOverride(this, itemIndex);
		return recipients.map((to) => ({ itemIndex, from, to, text, requestIdOverride }));
	});
	return await sendInBatches(this, items.length, entries, failedItems, readSendSettings(this, 'sameText'));
}
