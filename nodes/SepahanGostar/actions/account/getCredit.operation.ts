import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Get Credit', description: 'Get the remaining credit', action: 'Get the credit' };

export const description: INodeProperties[] = [optionsField([timeoutOption(READ_AFTER_TIMEOUT)])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: () => undefined,
		run: async (_input, _itemIndex, request) => {
			const exact = await client.credit(request);
			// Always a number for comparisons, and always the exact text beside it.
			return { credit: Number(exact), creditExact: exact };
		},
	});
}
