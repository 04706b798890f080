import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { readEmail, userItem, optionsField } from '../fields';
import { collectUsers } from './getMany.operation';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get by Email',
	description: 'Get the one user whose login email is exactly this address (fails on none or several)',
	action: 'Get a user by email',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			"The user's login email address, matched exactly (letter case aside). WHMCS's search also finds longer addresses that start with it; the node keeps only the exact match.",
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => readEmail(this, itemIndex, 'email', 'Email'),
		run: async (email, itemIndex, request) => {
			const wanted = email.toLowerCase();
			const matches = (await collectUsers(request, { search: email })).filter((user) => String(user.email ?? '').trim().toLowerCase() === wanted);
			if (matches.length === 1) return userItem(matches[0]);
			throw new NodeOperationError(
				this.getNode(),
				matches.length === 0
					? `Item ${itemIndex + 1}: no WHMCS user has the email address "${email}"`
					: `Item ${itemIndex + 1}: ${matches.length} WHMCS users have the email address "${email}"`,
				{
					itemIndex,
					description:
						matches.length === 0
							? 'The search is exact. To look for addresses that start with a text, use User → Get Many.'
							: `User IDs: ${matches.map((user) => String(user.id)).join(', ')}`,
				},
			);
		},
	});
}
