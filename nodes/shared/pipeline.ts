import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chunk, groupInOrder } from './batching';
import { errorItemJson, toNodeError } from './errors';
import { readTimeout } from './fields';
import { type RequestContext, withTimeout } from './transport';

/** One unit of work read from an input item (a recipient, a message id, ...). */
export interface PipelineEntry {
	itemIndex: number;
}

/** Entries that travel in one request. */
export interface Batch<E extends PipelineEntry> {
	/** Position among all batches of this run. */
	index: number;
	/** Position among the batches of the same group (the group was split to the API's limit). */
	chunkIndex: number;
	entries: E[];
}

export interface ItemPipeline<E extends PipelineEntry> {
	/**
	 * Reads and validates one input item into its entries; throws to reject the item. Every item
	 * is read before any request: without Continue On Fail one bad item stops the node with
	 * nothing sent; with it, that item becomes an error item and the others go on.
	 */
	read(itemIndex: number): E[];
	/**
	 * Entries with the same key may share a request (e.g. same sender and text). Default: all.
	 * Entries of items with different Timeout options never share one.
	 */
	groupKey?(entry: E): string;
	/** Entries per request: the API's limit. */
	batchSize: number;
	/**
	 * Sends one batch; returns the output of each entry in order (one JSON, or several). Requests go
	 * through `request`: the execution context carrying the batch's Timeout option (Options → Timeout).
	 */
	send(batch: Batch<E>, request: RequestContext): Promise<Array<IDataObject | IDataObject[]>>;
	/** Fields kept on an entry's error item when its request failed (e.g. the recipient). */
	failedJson?(entry: E, batch: Batch<E>, error: unknown): IDataObject;
	/** Whether the request has a side effect: errors then say whether it may have been accepted. */
	sideEffect: boolean;
	/** Requests in flight at once (default 1: one after another). */
	maxInFlight?: number;
}

/** Groups entries (first-seen order) and splits each group to the API's limit. */
export function planBatches<E extends PipelineEntry>(
	entries: readonly E[],
	batchSize: number,
	groupKey: (entry: E) => string = () => '',
): Array<Batch<E>> {
	const batches: Array<Batch<E>> = [];
	for (const group of groupInOrder(entries, groupKey)) {
		chunk(group, batchSize).forEach((members, chunkIndex) => batches.push({ index: batches.length, chunkIndex, entries: members }));
	}
	return batches;
}

/**
 * The item pipeline every operation runs on: read and validate all items, plan batches, send
 * them (with a bounded number in flight), and return output items in input order, each paired
 * with its input item. Every item's Timeout option (Options → Timeout) is read with it. With Continue On Fail, a bad item or a failed request becomes error items;
 * without it, the first failure stops the node as one n8n error naming the item.
 */
export async function runItemPipeline<E extends PipelineEntry>(
	ctx: IExecuteFunctions,
	itemCount: number,
	pipeline: ItemPipeline<E>,
): Promise<INodeExecutionData[]> {
	const node = ctx.getNode();
	const entries: E[] = [];
	const timeouts = new Map<E, number | undefined>();
	const failedItems = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const read = pipeline.read(itemIndex);
			const timeoutMs = readTimeout(ctx, itemIndex);
			for (const entry of read) timeouts.set(entry, timeoutMs);
			entries.push(...read);
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(node, error, itemIndex);
			failedItems.set(itemIndex, error);
		}
	}

	const results = new Map<E, IDataObject[]>();
	const groupKey = pipeline.groupKey ?? (() => '');
	const batches = planBatches(entries, pipeline.batchSize, (entry) => `${timeouts.get(entry) ?? ''}\u0000${groupKey(entry)}`);
	let failure: { batch: Batch<E>; error: unknown } | undefined;
	const runBatch = async (batch: Batch<E>) => {
		try {
			const outputs = await pipeline.send(batch, withTimeout(ctx, timeouts.get(batch.entries[0])));
			batch.entries.forEach((entry, position) => {
				const output = outputs[position] ?? {};
				results.set(entry, Array.isArray(output) ? output : [output]);
			});
		} catch (error) {
			if (!ctx.continueOnFail()) {
				if (!failure || batch.index < failure.batch.index) failure = { batch, error };
				return;
			}
			for (const entry of batch.entries) {
				results.set(entry, [errorItemJson(error, pipeline.failedJson?.(entry, batch, error) ?? {}, pipeline.sideEffect)]);
			}
		}
	};
	await runBounded(batches, Math.max(1, pipeline.maxInFlight ?? 1), runBatch, () => failure !== undefined);
	if (failure) throw toNodeError(node, failure.error, failure.batch.entries[0].itemIndex, pipeline.sideEffect);

	const byItem = new Map<number, E[]>();
	for (const entry of entries) {
		const list = byItem.get(entry.itemIndex);
		if (list) list.push(entry);
		else byItem.set(entry.itemIndex, [entry]);
	}
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (failedItems.has(itemIndex)) {
			output.push({ json: errorItemJson(failedItems.get(itemIndex)), pairedItem: { item: itemIndex } });
			continue;
		}
		for (const entry of byItem.get(itemIndex) ?? []) {
			for (const json of results.get(entry) ?? []) output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/** Runs `work` over the list with at most `limit` at once, starting no new work once `stop()` says so. */
export async function runBounded<T>(list: readonly T[], limit: number, work: (entry: T) => Promise<void>, stop: () => boolean = () => false) {
	let next = 0;
	const lane = async () => {
		while (next < list.length && !stop()) {
			const entry = list[next++];
			await work(entry);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, list.length) }, lane));
}

/**
 * One request per input item, for operations without batching: `read` validates the item (all
 * items are read before any request), `run` makes its requests through `request` (the context
 * carrying the item's Timeout option) and returns its output.
 */
export async function runPerItem<T>(
	ctx: IExecuteFunctions,
	itemCount: number,
	spec: {
		read(itemIndex: number): T;
		run(input: T, itemIndex: number, request: RequestContext): Promise<IDataObject | IDataObject[]>;
		sideEffect: boolean;
	},
): Promise<INodeExecutionData[]> {
	return await runItemPipeline<PipelineEntry & { input: T }>(ctx, itemCount, {
		read: (itemIndex) => [{ itemIndex, input: spec.read(itemIndex) }],
		batchSize: 1,
		groupKey: (entry) => String(entry.itemIndex),
		sideEffect: spec.sideEffect,
		send: async ({ entries: [entry] }, request) => [await spec.run(entry.input, entry.itemIndex, request)],
	});
}
