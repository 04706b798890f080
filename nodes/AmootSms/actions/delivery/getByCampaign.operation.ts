import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../shared/inputs';
import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { deliveryJson } from '../../transport/sent';
import { idField, optionsField } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get by Campaign',
	description: 'Get the delivery status of every message of a campaign (GetDeliveriesByCampaignID)',
	action: 'Get delivery statuses by campaign',
};

export const description: INodeProperties[] = [
	idField(
		'Campaign ID',
		'campaignId',
		'The campaign ID a send returned (one per send request, not a message ID)',
	),
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) =>
			readIdList(this, itemIndex, {
				parameter: 'campaignId',
				label: 'Campaign ID',
				noun: 'campaign ID',
			})[0],
		run: async (campaignId, _itemIndex, request) =>
			(await client.getDeliveriesByCampaign(request, campaignId)).map((delivery) => ({
				campaignId,
				...deliveryJson(delivery),
			})),
	});
}
