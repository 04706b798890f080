import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { splitRecipientList } from '../../../shared/phone';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { forEachItem } from '../common';

const show = { resource: ['account'], operation: ['generateApiKey'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Creates a new token in your panel on every run, using the SepahanGostar Panel Login credential. The output holds the token: store it in a SepahanGostar API credential and do not log it.',
		name: 'generateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: 'n8n',
		description: 'A name for the token, shown in the panel',
		displayOptions: { show },
	},
	{
		displayName: 'Allowed IPs',
		name: 'allowedIps',
		type: 'string',
		default: '',
		placeholder: '203.0.113.10, 203.0.113.11',
		description: 'IP addresses allowed to use the token, comma-separated. Empty: any IP.',
		displayOptions: { show },
	},
];

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
		if (!title) throw invalidInput(this.getNode(), itemIndex, 'Title', 'is empty');
		const allowedIps = splitRecipientList(this.getNodeParameter('allowedIps', itemIndex, '')).map((ip) => String(ip).trim());
		for (const ip of allowedIps) {
			if (!IPV4.test(ip) && !(ip.includes(':') && IPV6.test(ip))) {
				throw invalidInput(this.getNode(), itemIndex, 'Allowed IPs', `has an invalid IP address: "${ip}"`);
			}
		}
		const token = await client.generateApiKey(this, { title, filterIps: allowedIps }, { itemIndex });
		return { token, title, allowedIps };
	});
}
