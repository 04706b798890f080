import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runsAsTool } from '../../../shared/operations';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { inboundJson } from '../../transport/inbound';

export const option = {
	name: 'Pull New (Consumes)',
	description:
		'Take new received SMS off the account (RecieveNewMessages): they are never returned again, to this node, the trigger or any other app',
	action: 'Pull new received SMS and consume them',
};

export const MAX_PULL = 1000;

export const description: INodeProperties[] = [
	{
		displayName:
			'This consumes messages for the whole AmootSMS account: once pulled, no other workflow, app or trigger will see them again. To read without consuming, use Inbox → Get Many or the AmootSMS Trigger.',
		name: 'consumeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Count',
		name: 'count',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PULL },
		default: 10,
		description: 'How many new messages to take at most',
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (runsAsTool(this)) {
		throw new NodeOperationError(
			this.getNode(),
			'Pull New (Consumes) is not available to AI agents',
			{
				description:
					'It removes messages from the account for every other reader. Use Inbox → Get Many, which only reads.',
			},
		);
	}
	return await runPerItem(this, items.length, {
		// A lost answer means messages may have been taken: say so like a send.
		sideEffect: true,
		read: (itemIndex) => {
			const count = this.getNodeParameter('count', itemIndex, 10) as number;
			if (!Number.isInteger(count) || count < 1 || count > MAX_PULL) {
				throw invalidInput(
					this.getNode(),
					itemIndex,
					'Count',
					`must be a whole number from 1 to ${MAX_PULL}, got ${String(count)}`,
				);
			}
			return count;
		},
		run: async (count) => (await client.recieveNewMessages(this, count)).map(inboundJson),
	});
}
