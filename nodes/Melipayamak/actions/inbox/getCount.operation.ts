import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Get Count', description: 'Count received messages by read state', action: 'Count received messages' };

export const description: INodeProperties[] = [
	{
		displayName: 'Read',
		name: 'read',
		type: 'boolean',
		default: false,
		description: 'Whether to count messages already marked read (on) or unread ones (off)',
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => this.getNodeParameter('read', itemIndex, false) === true,
		run: async (read, _itemIndex, request) => ({ count: await client.getInboxCount(request, read), read }),
	});
}
