import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readIdList } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { lookupDelivery } from '../../transport/codes';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Get Delivery Status', description: 'Get the delivery status of sent messages, 100 per request', action: 'Get delivery status' };

export const description: INodeProperties[] = [
	{
		displayName: 'Rec IDs',
		name: 'recIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.recId }}',
		description: 'The recId of each message from a send: one, a comma-separated list, or an array. IDs of all items are looked up together, 100 per request.',
	},
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

interface IdEntry extends PipelineEntry {
	recId: string;
}

export function deliveryJson(recId: string, raw: string): IDataObject {
	const known = lookupDelivery(raw);
	return {
		recId,
		code: Number.isNaN(known.code) ? null : known.code,
		status: known.label,
		statusText: known.text,
		final: known.final,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runItemPipeline<IdEntry>(this, items.length, {
		read: (itemIndex) => readIdList(this, itemIndex, { parameter: 'recIds', label: 'Rec IDs', noun: 'recId' }).map((recId) => ({ itemIndex, recId })),
		batchSize: client.MAX_IDS_PER_DELIVERY,
		sideEffect: false,
		send: async (batch, request) => {
			const ids = batch.entries.map((entry) => entry.recId);
			const codes = ids.length === 1 ? [await client.getDelivery(request, ids[0])] : await client.getDeliveries(request, ids);
			return batch.entries.map((entry, position) => deliveryJson(entry.recId, codes[position]));
		},
		failedJson: (entry) => ({ recId: entry.recId }),
	});
}
