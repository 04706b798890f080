import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as client from '../../transport/client';
import { lookUpStatuses, messageIdsField } from './statusLookup';

export const option = {
	name: 'Get Status',
	description: 'Get delivery status of messages sent in the last 24 hours',
	action: 'Get delivery status',
};

export const description: INodeProperties[] = [messageIdsField];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await lookUpStatuses(
		this,
		items,
		async (ids) => await client.status(this, ids),
		'Get Status covers the last 24 hours; for older messages use Get Old Status (01:00–05:00 Tehran time).',
	);
}
