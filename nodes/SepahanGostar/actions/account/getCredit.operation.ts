import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';

export const option = { name: 'Get Credit', description: 'Get the remaining credit', action: 'Get the credit' };

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: () => undefined,
		run: async () => {
			const exact = await client.credit(this);
			// Always a number for comparisons, and always the exact text beside it.
			return { credit: Number(exact), creditExact: exact };
		},
	});
}
