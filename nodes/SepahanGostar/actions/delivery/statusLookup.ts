import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { lookupCode } from '../../../shared/codes';
import { readIdList } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import type { RequestContext } from '../../../shared/transport';
import * as client from '../../transport/client';
import { SEPAHAN_DELIVERY_CODES } from '../../transport/codes';

export const messageIdsField: INodeProperties = {
	displayName: 'Message IDs',
	name: 'messageIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: '={{ $JSON.messageId }}',
	description: 'Message IDs from a send: one, a comma-separated list, or an array. IDs of all items are looked up together, 100 per request.',
};

interface IdEntry extends PipelineEntry {
	id: string;
}

function statusJson(id: string, code: number | undefined, olderHint: string | undefined): IDataObject {
	const known = code === undefined ? undefined : lookupCode(SEPAHAN_DELIVERY_CODES, code);
	const json: IDataObject = {
		messageId: id,
		statusCode: code ?? null,
		status: code === undefined ? 'unknown' : (known?.class ?? 'unknown'),
		statusText: code === undefined ? 'The provider returned no status for this ID' : (known?.text ?? `Unknown (code ${code})`),
	};
	if (known?.class === 'notFound' && olderHint) json.hint = olderHint;
	return json;
}

/** Looks up delivery codes for every id of every item, 100 per request, one output item per id. */
export async function lookUpStatuses(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	fetch: (ids: string[], request: RequestContext) => Promise<number[]>,
	olderHint: string | undefined,
): Promise<INodeExecutionData[]> {
	return await runItemPipeline<IdEntry>(ctx, items.length, {
		read: (itemIndex) =>
			readIdList(ctx, itemIndex, { parameter: 'messageIds', label: 'Message IDs', noun: 'message ID' }).map((id) => ({ itemIndex, id })),
		batchSize: client.MAX_IDS_PER_STATUS,
		sideEffect: false,
		send: async (batch, request) => {
			const codes = await fetch(batch.entries.map((entry) => entry.id), request);
			return batch.entries.map((entry, position) => statusJson(entry.id, codes[position], olderHint));
		},
		failedJson: (entry) => ({ messageId: entry.id }),
	});
}
