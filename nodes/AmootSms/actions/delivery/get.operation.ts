import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../shared/inputs';
import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { deliveryJson } from '../../transport/sent';
import { idField, optionsField } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get',
	description: 'Get the delivery status of one message (GetDelivery)',
	action: 'Get a delivery status',
};

export const description: INodeProperties[] = [
	idField('Message ID', 'messageId', 'The message ID a send returned'),
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) =>
			readIdList(this, itemIndex, {
				parameter: 'messageId',
				label: 'Message ID',
				noun: 'message ID',
			})[0],
		run: async (messageId, _itemIndex, request) => deliveryJson(await client.getDelivery(request, messageId)),
	});
}
