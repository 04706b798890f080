import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ProviderError, settle } from '../../../shared/errors';
import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { optionsField, readEmail, readId } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Reset Password',
	description: 'Start the password reset: WHMCS emails the user a reset link',
	action: 'Reset a user password',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Every successful run makes WHMCS email the user a reset link. The node never sends the request twice by itself: after a timeout or a lost answer the item says the email may have gone out.',
		name: 'resetNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Identify User By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email', description: "The user's login email address" },
			{ name: 'User ID', value: 'userId', description: 'The ID of the user (a login), not of a client account' },
		],
		default: 'email',
		description: 'Only the chosen one is sent to WHMCS',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show: { identifyBy: ['email'] } },
		description: "The user's login email address",
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		displayOptions: { show: { identifyBy: ['userId'] } },
		description:
			'The WHMCS user ID (Users in the admin area, or the ID from User → Get by Email). A client ID is a different number.',
	},
	optionsField([
		{
			displayName: 'Treat "User Not Found" as Success',
			name: 'notFoundAsSuccess',
			type: 'boolean',
			default: false,
			description:
				'Whether an unknown user gives the same output item as a reset that was started, so a public form never reveals which addresses have an account',
		},
		timeoutOption(SEND_AFTER_TIMEOUT),
	]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const identifyBy = this.getNodeParameter('identifyBy', itemIndex, 'email') as string;
			const options = this.getNodeParameter('options', itemIndex, {}) as { notFoundAsSuccess?: boolean };
			const target =
				identifyBy === 'userId'
					? { id: readId(this, itemIndex, 'userId', 'User ID', 'user ID') }
					: { email: readEmail(this, itemIndex, 'email', 'Email') };
			return { target, notFoundAsSuccess: options.notFoundAsSuccess === true };
		},
		run: async ({ target, notFoundAsSuccess }, _itemIndex, request) => {
			const neutral = 'id' in target ? { requested: true, userId: target.id } : { requested: true, email: target.email };
			const result = await settle(async () => await client.resetPassword(request, target));
			if (result instanceof ProviderError && !(notFoundAsSuccess && result.code === 'User Not Found')) throw result;
			return neutral;
		},
	});
}
