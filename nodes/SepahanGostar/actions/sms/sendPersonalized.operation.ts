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

export const option = {
	name: 'Send Personalized',
	description: 'Send each item its own text (and sender), 100 per request',
	action: 'Send personalized SMS',
};

export const description: INodeProperties[] = [
	senderLineField('The line this item is sent from (may differ per item)'),
	recipientField('09121234567', "This item's recipient mobile number"),
	messageField("This item's own text, e.g. with an expression such as {{ $JSON.name }}. Up to 100 items travel in one request."),
	parallelRequestsField(client.MAX_PARALLEL_REQUESTS),
	optionsField([requestIdOption, timeoutOption, treatDuplicateOption]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await sendInBatches(this, items.length, 'perRecipient', (itemIndex) => {
		const from = readSenderLine(this, itemIndex);
		const text = readText(this, itemIndex, { parameter: 'message', label: 'Message' });
		const [to] = readMobileNumbers(this, itemIndex, { parameter: 'to', label: 'To', single: true });
		return [{ itemIndex, from, to, text, settings: readSendSettings(this, itemIndex) }];
	});
}
