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
	name: 'Send with Backup Line',
	description:
		'Send one text; recipients who block the line get it from the backup line (SendWithBackupLine)',
	action: 'Send an SMS with a backup line',
};

export const description: INodeProperties[] = [
	noResendNotice,
	lineNumberField('The sending line: "public" or one of your lines'),
	{
		displayName: 'Backup Line Number',
		name: 'backupLineNumber',
		type: 'string',
		required: true,
		default: '98',
		description:
			'Recipients on the blacklist get the message from this line instead (usually the advertising line "98")',
	},
	recipientField(
		'09121234567, 09351234567',
		'Recipient mobile numbers: one, a list, or an array from an expression',
	),
	messageField('The text sent to every recipient'),
	optionsField([sendAtOption, recipientsPerRequestOption, timeoutOption]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await sendSimpleInBatches(this, items.length, true);
}
