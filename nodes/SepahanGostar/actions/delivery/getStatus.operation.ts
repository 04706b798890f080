import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as client from '../../transport/client';
import { lookUpStatuses, messageIdsField } from './statusLookup';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Status',
	description: 'Get delivery status of messages sent in the last 24 hours',
	action: 'Get delivery status',
};

export const description: INodeProperties[] = [messageIdsField, optionsField([timeoutOption(READ_AFTER_TIMEOUT)])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await lookUpStatuses(
		this,
		items,
		async (ids, request) => await client.status(request, ids),
		'Get Status covers the last 24 hours; for older messages use Get Old Status (01:00–05:00 Tehran time).',
	);
}
