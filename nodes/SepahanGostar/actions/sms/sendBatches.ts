import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { chunk, groupInOrder } from '../../../shared/batching';
import { describeCode } from '../../../shared/codes';
import { deterministicRequestId } from '../../../shared/requestId';
import { countSmsParts } from '../../../shared/smsParts';
import { isAmbiguousFailure, providerApiError, providerCodeOf } from '../../../shared/transport';
import * as client from '../../transport/client';
import { SEPAHAN_DUPLICATE_REQUEST_CODE, SEPAHAN_ERROR_CODES } from '../../transport/codes';
import { errorJson, withItemIndex } from '../common';

/** One recipient of one input item, validated and normalised. */
export interface SendEntry {
	itemIndex: number;
	from: string;
	/** `09XXXXXXXXX` */
	to: string;
	text: string;
	requestIdOverride?: string;
	/** Extra output fields for this recipient (e.g. the OTP code). */
	extra?: IDataObject;
}

export interface SendSettings {
	/** `sameText`: group by sender and text, one `send` per ≤100 recipients; `perRecipient`: `sendP2P`. */
	strategy: 'sameText' | 'perRecipient';
	treatDuplicateAsError: boolean;
	timeoutMs?: number;
}

interface Batch {
	index: number;
	entries: SendEntry[];
	requestId: string;
}

type BatchOutcome = { kind: 'sent'; result: client.SendResult } | { kind: 'alreadyAccepted' };

/** Groups entries into provider requests (≤ 100 each) with a deterministic Request-Id per request. */
export function planBatches(ctx: IExecuteFunctions, entries: SendEntry[], settings: SendSettings): Batch[] {
	const keyOf =
		settings.strategy === 'sameText'
			? (entry: SendEntry) => JSON.stringify([entry.from, entry.text, entry.requestIdOverride ?? ''])
			: (entry: SendEntry) => entry.requestIdOverride ?? '';
	const batches: Batch[] = [];
	for (const group of groupInOrder(entries, keyOf)) {
		chunk(group, client.MAX_RECIPIENTS_PER_SEND).forEach((members, chunkIndex) => {
			const index = batches.length;
			const override = members[0].requestIdOverride;
			// Same execution + node + batch position + content ⇒ same id, so n8n's Retry On Fail
			// re-sending this batch is answered "duplicate" instead of sending twice.
			const requestId = override
				? chunkIndex === 0
					? override
					: `${override}-${chunkIndex + 1}`
				: deterministicRequestId([
						'sepahanGostar',
						settings.strategy,
						ctx.getExecutionId() ?? '',
						ctx.getNode().id ?? ctx.getNode().name,
						String(index),
						...members.map((entry) => `${entry.from}|${entry.to}|${entry.text}`),
					]);
			batches.push({ index, entries: members, requestId });
		});
	}
	return batches;
}

async function submit(ctx: IExecuteFunctions, batch: Batch, settings: SendSettings): Promise<client.SendResult> {
	const tuning = { requestId: batch.requestId, timeoutMs: settings.timeoutMs, itemIndex: batch.entries[0].itemIndex };
	if (settings.strategy === 'sameText') {
		return await client.send(
			ctx,
			{ senderNumber: batch.entries[0].from, smsText: batch.entries[0].text, receiverNumbers: batch.entries.map((entry) => entry.to) },
			tuning,
		);
	}
	return await client.sendP2P(
		ctx,
		{
			senderNumbers: batch.entries.map((entry) => entry.from),
			smsTexts: batch.entries.map((entry) => entry.text),
			receiverNumbers: batch.entries.map((entry) => entry.to),
		},
		tuning,
	);
}

/**
 * Sends a batch so that it is accepted at most once: a duplicate answer (−20) means an earlier
 * attempt with this Request-Id was accepted; after a lost answer (timeout, reset) the provider is
 * asked with checkRequestId before the one resend with the same id.
 */
async function deliver(ctx: IExecuteFunctions, batch: Batch, settings: SendSettings): Promise<BatchOutcome> {
	const attempt = async (): Promise<BatchOutcome | 'ambiguous'> => {
		try {
			return { kind: 'sent', result: await submit(ctx, batch, settings) };
		} catch (error) {
			if (providerCodeOf(error) === SEPAHAN_DUPLICATE_REQUEST_CODE) {
				if (settings.treatDuplicateAsError) throw new NodeApiError(ctx.getNode(), error as JsonObject);
				return { kind: 'alreadyAccepted' };
			}
			if (isAmbiguousFailure(error)) return 'ambiguous';
			throw new NodeApiError(ctx.getNode(), error as JsonObject);
		}
	};
	const first = await attempt();
	if (first !== 'ambiguous') return first;
	const received = await client.checkRequestId(ctx, batch.requestId, { itemIndex: batch.entries[0].itemIndex });
	if (received) {
		if (settings.treatDuplicateAsError) {
			throw providerApiError(ctx.getNode(), {
				provider: client.PROVIDER,
				code: SEPAHAN_DUPLICATE_REQUEST_CODE,
				message: 'The answer was lost, but the provider had received this request (same Request-Id); it was not sent again',
				itemIndex: batch.entries[0].itemIndex,
			});
		}
		return { kind: 'alreadyAccepted' };
	}
	const second = await attempt();
	if (second !== 'ambiguous') return second;
	throw providerApiError(ctx.getNode(), {
		provider: client.PROVIDER,
		message: `No answer twice for Request-Id ${batch.requestId}; run Check Request with this id before sending again`,
		itemIndex: batch.entries[0].itemIndex,
		ambiguous: true,
	});
}

function recipientJson(entry: SendEntry, batch: Batch): IDataObject {
	const parts = countSmsParts(entry.text);
	return {
		to: entry.to,
		from: entry.from,
		...entry.extra,
		parts: parts.parts,
		encoding: parts.encoding,
		characters: parts.characters,
		requestId: batch.requestId,
	};
}

function outcomeJson(entry: SendEntry, position: number, batch: Batch, outcome: BatchOutcome): IDataObject {
	const base = recipientJson(entry, batch);
	const batchInfo: IDataObject = { index: batch.index, size: batch.entries.length };
	if (outcome.kind === 'alreadyAccepted') {
		return {
			messageId: null,
			status: 'alreadyAccepted',
			...base,
			note: 'The provider had already accepted this request (same Request-Id), so it was not sent again. Its message ids cannot be retrieved.',
			batch: batchInfo,
		};
	}
	const { result } = outcome;
	batchInfo.smsCount = result.smsCount ?? null;
	batchInfo.totalPrice = result.totalPrice ?? null;
	if (result.ids.length !== batch.entries.length) {
		// The seed's own example returns fewer ids than recipients: never guess the mapping.
		return {
			messageId: null,
			status: 'accepted',
			...base,
			warning: `The provider returned ${result.ids.length} ids for ${batch.entries.length} recipients, so ids cannot be matched to recipients`,
			batch: { ...batchInfo, ids: result.ids },
		};
	}
	const id = result.ids[position];
	if (id.startsWith('-')) {
		return {
			messageId: null,
			status: 'rejected',
			...base,
			errorCode: Number(id),
			errorText: describeCode(SEPAHAN_ERROR_CODES, id),
			batch: batchInfo,
		};
	}
	return { messageId: id, status: 'accepted', ...base, batch: batchInfo };
}

/**
 * Sends validated entries in batches and returns output items in input order: one per recipient,
 * paired with its input item. Items in `failedItems` (validation errors under Continue On Fail)
 * become error items at their place.
 */
export async function sendInBatches(
	ctx: IExecuteFunctions,
	itemCount: number,
	entries: SendEntry[],
	failedItems: Map<number, unknown>,
	settings: SendSettings,
): Promise<INodeExecutionData[]> {
	const results = new Map<SendEntry, IDataObject>();
	for (const batch of planBatches(ctx, entries, settings)) {
		try {
			const outcome = await deliver(ctx, batch, settings);
			batch.entries.forEach((entry, position) => results.set(entry, outcomeJson(entry, position, batch, outcome)));
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, batch.entries[0].itemIndex);
			for (const entry of batch.entries) {
				results.set(entry, errorJson(error, { ...recipientJson(entry, batch), status: 'failed' }));
			}
		}
	}
	const byItem = new Map<number, SendEntry[]>();
	for (const entry of entries) {
		const list = byItem.get(entry.itemIndex);
		if (list) list.push(entry);
		else byItem.set(entry.itemIndex, [entry]);
	}
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (failedItems.has(itemIndex)) {
			output.push({ json: errorJson(failedItems.get(itemIndex)), pairedItem: { item: itemIndex } });
			continue;
		}
		for (const entry of byItem.get(itemIndex) ?? []) {
			output.push({ json: results.get(entry) as IDataObject, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/**
 * Reads and validates every item before anything is sent: without Continue On Fail the first
 * invalid item stops the node with nothing sent; with it, invalid items become error items.
 */
export function collectEntries(
	ctx: IExecuteFunctions,
	itemCount: number,
	read: (itemIndex: number) => SendEntry[],
): { entries: SendEntry[]; failedItems: Map<number, unknown> } {
	const entries: SendEntry[] = [];
	const failedItems = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			entries.push(...read(itemIndex));
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, itemIndex);
			failedItems.set(itemIndex, error);
		}
	}
	return { entries, failedItems };
}
