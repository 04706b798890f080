import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../shared/inputs';
import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { sentMessageJson } from '../../transport/sent';
import { idField, optionsField } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get',
	description: 'Get one sent message by its message ID (GetMessage)',
	action: 'Get a sent SMS',
};

export const description: INodeProperties[] = [
	idField(
		'Message ID',
		'messageId',
		'The message ID a send returned (a string: IDs can exceed 2^53)',
	),
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => {
			const ids = readIdList(this, itemIndex, {
				parameter: 'messageId',
				label: 'Message ID',
				noun: 'message ID',
			});
			return ids[0];
		},
		run: async (messageId, _itemIndex, request) => sentMessageJson(await client.getMessage(request, messageId)),
	});
}
