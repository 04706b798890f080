import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Status',
	description:
		'Get the credit (Rial), the prices per page and the lines of the account (AccountStatus)',
	action: 'Get the account status',
};

export const description: INodeProperties[] = [optionsField([timeoutOption(READ_AFTER_TIMEOUT)])];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: () => undefined,
		run: async (_input, _itemIndex, request) => {
			const status = await client.accountStatus(request);
			return {
				accountName: status.accountName,
				// Always a number for comparisons, and always the exact text beside it.
				credit: Number(status.credit),
				creditExact: status.credit,
				currency: 'IRR',
				prices: { ...status.prices },
				lines: status.lines,
			};
		},
	});
}
