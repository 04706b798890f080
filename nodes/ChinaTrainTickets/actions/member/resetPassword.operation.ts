import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import {
	optionsField,
	readOptional,
	readRaw,
	timeoutOption,
	usernameField,
} from '../fields';
import { envelopeJson } from '../output';

export const option = {
	name: 'Reset Password',
	description: 'Set a new password with the verification code the member received',
	action: 'Reset a password',
};

export const description: INodeProperties[] = [
	usernameField('The member user name the code was sent for', true),
	{
		displayName: 'Verification Code',
		name: 'verificationCode',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'The code the member received after Send Password Reset Code. It never appears in the output or in errors.',
	},
	{
		displayName: 'New Password',
		name: 'newPassword',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'Sent exactly as typed (not trimmed). It never appears in the output or in errors.',
	},
	optionsField([timeoutOption]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const node = this.getNode();
			const username = readOptional(this, itemIndex, 'username', 'Username');
			if (username === undefined) throw invalidInput(node, itemIndex, 'Username', 'is empty');
			const code = readOptional(this, itemIndex, 'verificationCode', 'Verification Code');
			if (code === undefined)
				throw invalidInput(
					node,
					itemIndex,
					'Verification Code',
					'is empty',
					'Use the code the member received.',
				);
			const newPassword = readRaw(this, itemIndex, 'newPassword', 'New Password');
			if (newPassword.trim() === '')
				throw invalidInput(node, itemIndex, 'New Password', 'is empty');
			return { username, code, new_password: newPassword };
		},
		// `request` carries the item's Options → Timeout.
		run: async (input, _itemIndex, request) => {
			const answer = await client.updatePassword(request, input);
			return envelopeJson(answer);
		},
	});
}
