import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readMobileNumbers } from '../../../shared/inputs';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { NO_RESEND_NOTE, optionsField } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Send Password Recovery',
	description: "Start password recovery for a user of your reseller account; the password goes by SMS to the reseller's mobile",
	action: 'Send password recovery',
};

export const description: INodeProperties[] = [
	{ displayName: NO_RESEND_NOTE, name: 'noResendNotice', type: 'notice', default: '' },
	{
		displayName: 'Target Username',
		name: 'targetUsername',
		type: 'string',
		required: true,
		default: '',
		description: 'Username of the user (of your reseller account) whose password is recovered',
	},
	{
		displayName: 'Reseller Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '09121234567',
		description: 'Your (the reseller\'s) mobile number, as registered in the panel',
	},
	{
		displayName: 'Reseller Email',
		name: 'emailAddress',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: "Your (the reseller's) email address, as registered in the panel",
	},
	optionsField([timeoutOption(SEND_AFTER_TIMEOUT)]),
];

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const targetUsername = String(this.getNodeParameter('targetUsername', itemIndex, '') ?? '').trim();
			if (targetUsername === '') throw invalidInput(this.getNode(), itemIndex, 'Target Username', 'is empty');
			const [mobileNumber] = readMobileNumbers(this, itemIndex, { parameter: 'mobileNumber', label: 'Reseller Mobile Number', single: true });
			const emailAddress = String(this.getNodeParameter('emailAddress', itemIndex, '') ?? '').trim();
			if (!EMAIL.test(emailAddress)) {
				throw invalidInput(this.getNode(), itemIndex, 'Reseller Email', emailAddress ? `is not an email address: "${emailAddress}"` : 'is empty');
			}
			return { targetUsername, mobileNumber, emailAddress };
		},
		run: async (input, _itemIndex, request) => {
			const code = await client.forgotPassword(request, input);
			return {
				success: true,
				code,
				targetUsername: input.targetUsername,
				message: "The password was sent by SMS to the reseller's mobile number",
			};
		},
	});
}
