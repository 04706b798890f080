import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	lineNumberField,
	messageField,
	noResendNotice,
	optionsField,
	recipientField,
	sendAtOption,
	timeoutOption,
} from '../fields';
import { recipientsPerRequestOption, sendSimpleInBatches } from './sendBatches';

export const option = {
	name: 'Send',
	description: 'Send one text to one or many recipients (SendSimple), 100 per request by default',
	action: 'Send an SMS',
};

export const description: INodeProperties[] = [
	noResendNotice,
	lineNumberField('The sending line: "public" (the shared public line) or one of your lines'),
	recipientField(
		'09121234567, 09351234567',
		'Recipient mobile numbers: one, a comma- or line-separated list, or an array from an expression. Items with the same line and text are sent together.',
	),
	messageField(
		'The text sent to every recipient. Persian text takes 70 characters per page (67 per page when longer).',
	),
	optionsField([sendAtOption, recipientsPerRequestOption, timeoutOption]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await sendSimpleInBatches(this, items.length, false);
}
