import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { lookupCode } from '../../../shared/codes';
import { toLatinDigits } from '../../../shared/digits';
import { splitRecipientList } from '../../../shared/phone';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { SEPAHAN_DELIVERY_CODES } from '../../transport/codes';
import { errorJson, withItemIndex } from '../common';

const INT64_MAX = 9223372036854775807n;

export function messageIdsProperty(operation: string): INodeProperties {
	return {
		displayName: 'Message IDs',
		name: 'messageIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $JSON.messageId }}',
		description:
			'Message IDs from a send: one, a comma-separated list, or an array. IDs of all items are looked up together, 100 per request.',
		displayOptions: { show: { resource: ['delivery'], operation: [operation] } },
	};
}

/** Message ids as exact decimal strings (they exceed 2^53: never through a JS number). */
function readMessageIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('messageIds', itemIndex, '') as unknown;
	const entries = splitRecipientList(raw);
	if (entries.length === 0) throw invalidInput(ctx.getNode(), itemIndex, 'Message IDs', 'is empty');
	const ids = entries.map((entry) => {
		if (typeof entry === 'number' && !Number.isSafeInteger(entry)) {
			throw invalidInput(ctx.getNode(), itemIndex, 'Message IDs', `holds a number that has lost digits: ${entry}`, 'Pass message IDs as strings, as the send output gives them.');
		}
		return toLatinDigits(String(entry)).trim();
	});
	for (const id of ids) {
		if (!/^[1-9][0-9]{0,18}$/.test(id) || BigInt(id) > INT64_MAX) {
			throw invalidInput(ctx.getNode(), itemIndex, 'Message IDs', `has an invalid message ID: "${id}"`, 'Message IDs are positive whole numbers of up to 19 digits.');
		}
	}
	return ids;
}

/** Looks up delivery codes for every id of every item, 100 per request, one output item per id. */
export async function lookUpStatuses(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	fetch: (ids: string[], itemIndex: number) => Promise<number[]>,
	olderHint: string | undefined,
): Promise<INodeExecutionData[]> {
	const wanted: Array<{ itemIndex: number; id: string }> = [];
	const failedItems = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			for (const id of readMessageIds(ctx, itemIndex)) wanted.push({ itemIndex, id });
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, itemIndex);
			failedItems.set(itemIndex, error);
		}
	}
	const results = new Map<(typeof wanted)[number], IDataObject>();
	for (const part of chunk(wanted, client.MAX_IDS_PER_STATUS)) {
		try {
			const codes = await fetch(
				part.map((entry) => entry.id),
				part[0].itemIndex,
			);
			part.forEach((entry, position) => {
				const code = codes[position];
				const known = code === undefined ? undefined : lookupCode(SEPAHAN_DELIVERY_CODES, code);
				const json: IDataObject = {
					messageId: entry.id,
					statusCode: code ?? null,
					status: code === undefined ? 'unknown' : (known?.class ?? 'unknown'),
					statusText: code === undefined ? 'The provider returned no status for this ID' : (known?.text ?? `Unknown (code ${code})`),
				};
				if (known?.class === 'notFound' && olderHint) json.hint = olderHint;
				results.set(entry, json);
			});
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, part[0].itemIndex);
			for (const entry of part) results.set(entry, errorJson(error, { messageId: entry.id }));
		}
	}
	const output: INodeExecutionData[] = [];
	let next = 0;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (failedItems.has(itemIndex)) {
			output.push({ json: errorJson(failedItems.get(itemIndex)), pairedItem: { item: itemIndex } });
			continue;
		}
		while (next < wanted.length && wanted[next].itemIndex === itemIndex) {
			output.push({ json: results.get(wanted[next]) as IDataObject, pairedItem: { item: itemIndex } });
			next++;
		}
	}
	return output;
}
