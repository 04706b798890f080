import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as client from '../../transport/client';
import { lookUpStatuses, messageIdsProperty } from './statusLookup';

export const description: INodeProperties[] = [messageIdsProperty('getStatus')];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await lookUpStatuses(
		this,
		items,
		async (ids, itemIndex) => await client.status(this, ids, { itemIndex }),
		'Get Status covers the last 24 hours; for older messages use Get Old Status (01:00–05:00 Tehran time).',
	);
}
