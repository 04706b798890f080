import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { splitList } from '../../../shared/lists';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { SEND_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Generate API Key',
	description: 'Create an API token from the panel username and password',
	action: 'Generate an API key',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Creates a new token in your panel on every run, using the SepahanGostar Panel Login credential. The output holds the token: store it in a SepahanGostar API credential and do not log it.',
		name: 'generateNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: 'n8n',
		description: 'A name for the token, shown in the panel',
	},
	{
		displayName: 'Allowed IPs',
		name: 'allowedIps',
		type: 'string',
		default: '',
		placeholder: '203.0.113.10, 203.0.113.11',
		description: 'IP addresses allowed to use the token, comma-separated. Empty: any IP.',
	},
	optionsField([timeoutOption(SEND_AFTER_TIMEOUT)]),
];

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		// Every accepted call creates a token in the panel.
		sideEffect: true,
		read: (itemIndex) => {
			const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
			if (!title) throw invalidInput(this.getNode(), itemIndex, 'Title', 'is empty');
			const allowedIps = splitList(this.getNodeParameter('allowedIps', itemIndex, '')).map((ip) => String(ip).trim());
			for (const ip of allowedIps) {
				if (!IPV4.test(ip) && !(ip.includes(':') && IPV6.test(ip))) {
					throw invalidInput(this.getNode(), itemIndex, 'Allowed IPs', `has an invalid IP address: "${ip}"`);
				}
			}
			return { title, allowedIps };
		},
		run: async ({ title, allowedIps }, _itemIndex, request) => ({ token: await client.generateApiKey(request, { title, filterIps: allowedIps }), title, allowedIps }),
	});
}
