import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Get Base Price', description: 'Get the base tariff of one SMS', action: 'Get the base price' };

export const description: INodeProperties[] = [optionsField([timeoutOption(READ_AFTER_TIMEOUT)])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: () => undefined,
		run: async (_input, _itemIndex, request) => {
			const raw = await client.getBasePrice(request);
			const number = /^-?[0-9]+(\.[0-9]+)?$/.test(raw.trim()) ? Number(raw.trim()) : null;
			return { basePrice: number, basePriceExact: raw };
		},
	});
}
