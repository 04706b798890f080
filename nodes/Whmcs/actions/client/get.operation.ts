import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { clientItem, optionsField, readEmail, readId } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get',
	description: 'Get a client account with its users (the user IDs Reset Password needs)',
	action: 'Get a client',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Identify Client By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Client ID', value: 'clientId' },
			{ name: 'Email', value: 'email', description: "The client account's email address (not a user's login email)" },
		],
		default: 'clientId',
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		displayOptions: { show: { identifyBy: ['clientId'] } },
		description: 'The WHMCS client (billing account) ID, not a user ID',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show: { identifyBy: ['email'] } },
		description: "The client account's email address",
	},
	optionsField([
		{
			displayName: 'Include Stats',
			name: 'includeStats',
			type: 'boolean',
			default: false,
			description: 'Whether to add the client statistics (invoices, products, domains, tickets)',
		},
		timeoutOption(READ_AFTER_TIMEOUT),
	]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => {
			const identifyBy = this.getNodeParameter('identifyBy', itemIndex, 'clientId') as string;
			const options = this.getNodeParameter('options', itemIndex, {}) as { includeStats?: boolean };
			const stats = options.includeStats === true;
			return identifyBy === 'email'
				? { email: readEmail(this, itemIndex, 'email', 'Email'), stats }
				: { clientid: readId(this, itemIndex, 'clientId', 'Client ID', 'client ID'), stats };
		},
		run: async (target, _itemIndex, request) => {
			const answer = await client.getClientsDetails(request, target);
			const details = answer.client && typeof answer.client === 'object' ? (answer.client as IDataObject) : {};
			const out = clientItem(details);
			if (target.stats && answer.stats && typeof answer.stats === 'object') out.stats = answer.stats;
			if (typeof answer.warning === 'string' && answer.warning) out.warning = answer.warning;
			return out;
		},
	});
}
