import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { checkRequestIdText, optionsField } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Check Request',
	description: 'Check whether the provider received a send with a given Request ID (last 4 hours)',
	action: 'Check a send request',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $JSON.requestId }}',
		description: 'The Request-ID of a send (every send output item has it). The provider remembers IDs for 4 hours.',
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => checkRequestIdText(this, itemIndex, String(this.getNodeParameter('requestId', itemIndex, '')).trim()),
		run: async (requestId, _itemIndex, request) => {
			const received = await client.checkRequestId(request, requestId);
			return {
				requestId,
				received,
				meaning: received
					? 'The provider received a request with this ID in the last 4 hours'
					: 'No request with this ID in the last 4 hours (never received, or older than 4 hours)',
			};
		},
	});
}
