import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as client from '../../transport/client';
import { describeOldStatusWindow, isInOldStatusWindow } from './oldStatusWindow';
import { lookUpStatuses, messageIdsField } from './statusLookup';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Old Status',
	description: 'Get delivery status of messages from before today (01:00–05:00 Tehran time only)',
	action: 'Get old delivery status',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Works only between 01:00 and 05:00 Tehran time, for messages from before today (up to 2 weeks back; the provider also says 30 days)',
		name: 'oldStatusNotice',
		type: 'notice',
		default: '',
	},
	messageIdsField,
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Checked before any request: outside the window the provider answers −8 "service inactive".
	const now = new Date();
	if (!isInOldStatusWindow(now)) {
		throw new NodeOperationError(this.getNode(), describeOldStatusWindow(now), {
			description: 'Schedule this workflow inside the window, or use Get Status for messages from the last 24 hours.',
		});
	}
	return await lookUpStatuses(this, items, async (ids, request) => await client.oldStatus(request, ids), undefined);
}
