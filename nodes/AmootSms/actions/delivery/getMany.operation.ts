import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { deliveryJson } from '../../transport/sent';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Many',
	description: 'Get the delivery status of many messages (GetDeliveries), 100 IDs per request',
	action: 'Get many delivery statuses',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Message IDs',
		name: 'messageIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '600000123, 600000124',
		description:
			'Message IDs: one, a comma- or line-separated list, or an array from an expression. IDs of all items are asked for together.',
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

interface IdEntry extends PipelineEntry {
	messageId: string;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runItemPipeline<IdEntry>(this, items.length, {
		read: (itemIndex) =>
			readIdList(this, itemIndex, {
				parameter: 'messageIds',
				label: 'Message IDs',
				noun: 'message ID',
			}).map((messageId) => ({
				itemIndex,
				messageId,
			})),
		batchSize: client.MAX_IDS_PER_DELIVERY_REQUEST,
		sideEffect: false,
		send: async (batch, request) => {
			const deliveries = await client.getDeliveries(
				request,
				batch.entries.map((entry) => entry.messageId),
			);
			const byId = new Map<string, client.Delivery[]>();
			for (const delivery of deliveries)
				byId.set(delivery.messageId, [...(byId.get(delivery.messageId) ?? []), delivery]);
			return batch.entries.map((entry) => {
				const delivery = byId.get(entry.messageId)?.shift();
				if (delivery) return deliveryJson(delivery);
				return {
					messageId: entry.messageId,
					found: false,
					deliveryType: null,
					deliveryLabel: null,
					cost: null,
					registeredAt: null,
					sentAt: null,
					providerStatus: null,
				};
			});
		},
		failedJson: (entry) => ({ messageId: entry.messageId }),
	});
}
