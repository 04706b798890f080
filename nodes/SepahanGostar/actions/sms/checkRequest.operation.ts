import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { forEachItem } from '../common';

const show = { resource: ['sms'], operation: ['checkRequest'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $JSON.requestId }}',
		description: 'The Request-ID of a send (every send output item has it). The provider remembers IDs for 4 hours.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem(this, items, async (itemIndex) => {
		const requestId = String(this.getNodeParameter('requestId', itemIndex, '')).trim();
		if (!/^[A-Za-z0-9._~-]{1,100}$/.test(requestId)) {
			throw invalidInput(this.getNode(), itemIndex, 'Request ID', requestId ? `is not a valid request ID: "${requestId}"` : 'is empty');
		}
		const received = await client.checkRequestId(this, requestId, { itemIndex });
		return {
			requestId,
			received,
			meaning: received
				? 'The provider received a request with this ID in the last 4 hours'
				: 'No request with this ID in the last 4 hours (never received, or older than 4 hours)',
		};
	});
}
