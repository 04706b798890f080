import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parallelRequestsField } from '../../../shared/fields';
import { readMobileNumbers, readText } from '../../../shared/inputs';
import {
	messageField,
	optionsField,
	readSendSettings,
	readSenderLine,
	recipientField,
	requestIdOption,
	senderLineField,
	timeoutOption,
	treatDuplicateOption,
} from '../fields';
import * as client from '../../transport/client';
import { sendInBatches } from './sendBatches';

export const option = { name: 'Send', description: 'Send one text to one or many recipients, 100 per request', action: 'Send an SMS' };

export const description: INodeProperties[] = [
	senderLineField('One of your active, verified lines (panel: Lines → SMS numbers)'),
	recipientField(
		'09121234567, 09351234567',
		'Recipient mobile numbers: one, a comma- or line-separated list, or an array from an expression. Items with the same sender and text are sent together, 100 recipients per request.',
	),
	messageField('The text sent to every recipient. Persian text takes 70 characters per SMS (67 per part when longer).'),
	parallelRequestsField(client.MAX_PARALLEL_REQUESTS),
	optionsField([requestIdOption, timeoutOption, treatDuplicateOption]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await sendInBatches(this, items.length, 'sameText', (itemIndex) => {
		const from = readSenderLine(this, itemIndex);
		const text = readText(this, itemIndex, { parameter: 'message', label: 'Message' });
		const recipients = readMobileNumbers(this, itemIndex, { parameter: 'to', label: 'To', single: false });
		const settings = readSendSettings(this, itemIndex);
		return recipients.map((to) => ({ itemIndex, from, to, text, settings }));
	});
}
