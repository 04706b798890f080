import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { describeCode } from '../../../shared/codes';
import { ProviderError } from '../../../shared/errors';
import { readParallelRequests } from '../../../shared/fields';
import type { KeyedOutcome } from '../../../shared/idempotency';
import { deliverWithKey } from '../../../shared/idempotency';
import type { Batch, PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import { deterministicRequestId } from '../../../shared/requestId';
import { countSmsParts } from '../../../shared/smsParts';
import type { RequestContext } from '../../../shared/transport';
import * as client from '../../transport/client';
import { SEPAHAN_DUPLICATE_REQUEST_CODE, SEPAHAN_ERROR_CODES } from '../../transport/codes';

/** Per-item send settings (options may differ per item; items only share a request when they agree). */
export interface SendSettings {
	treatDuplicateAsError: boolean;
	requestIdOverride?: string;
}

/** One recipient of one input item, validated and normalised. */
export interface SendEntry extends PipelineEntry {
	from: string;
	/** `09XXXXXXXXX` */
	to: string;
	text: string;
	settings: SendSettings;
	/** Extra output fields for this recipient (e.g. the OTP code). */
	extra?: IDataObject;
}

/** `sameText`: one `send` per sender and text (≤ 100 recipients); `perRecipient`: `sendP2P`. */
export type SendStrategy = 'sameText' | 'perRecipient';

type SendOutcome = KeyedOutcome<client.SendResult>;

function settingsKey(settings: SendSettings): string[] {
	return [settings.requestIdOverride ?? '', String(settings.treatDuplicateAsError)];
}

/**
 * Same execution + node + batch position + content ⇒ same id, so n8n's Retry On Fail re-sending
 * this batch is answered "duplicate" instead of sending twice. A user's own id gets `-2`, `-3`…
 * for the further requests of its group.
 */
function requestIdOf(ctx: IExecuteFunctions, strategy: SendStrategy, batch: Batch<SendEntry>): string {
	const override = batch.entries[0].settings.requestIdOverride;
	if (override) return batch.chunkIndex === 0 ? override : `${override}-${batch.chunkIndex + 1}`;
	return deterministicRequestId([
		'sepahanGostar',
		strategy,
		ctx.getExecutionId() ?? '',
		ctx.getNode().id ?? ctx.getNode().name,
		String(batch.index),
		...batch.entries.map((entry) => `${entry.from}|${entry.to}|${entry.text}`),
	]);
}

async function submit(request: RequestContext, strategy: SendStrategy, entries: SendEntry[], tuning: client.RequestTuning) {
	if (strategy === 'sameText') {
		return await client.send(
			request,
			{ senderNumber: entries[0].from, smsText: entries[0].text, receiverNumbers: entries.map((entry) => entry.to) },
			tuning,
		);
	}
	return await client.sendP2P(
		request,
		{
			senderNumbers: entries.map((entry) => entry.from),
			smsTexts: entries.map((entry) => entry.text),
			receiverNumbers: entries.map((entry) => entry.to),
		},
		tuning,
	);
}

function recipientJson(entry: SendEntry, requestId: string): IDataObject {
	const parts = countSmsParts(entry.text);
	return {
		to: entry.to,
		from: entry.from,
		...entry.extra,
		parts: parts.parts,
		encoding: parts.encoding,
		characters: parts.characters,
		requestId,
	};
}

function outcomeJson(entry: SendEntry, position: number, batch: Batch<SendEntry>, requestId: string, outcome: SendOutcome): IDataObject {
	const base = recipientJson(entry, requestId);
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
	// Counts are numbers; money keeps every digit in text beside a number for arithmetic.
	batchInfo.smsCount = result.smsCount ?? null;
	batchInfo.totalPrice = result.totalPrice === undefined ? null : Number(result.totalPrice);
	batchInfo.totalPriceExact = result.totalPrice ?? null;
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
 * Sends validated entries in batches of at most 100 (grouped by what a request must share) with a
 * Request-Id each, accepted at most once (`deliverWithKey`), and returns one output item per
 * recipient in input order, paired with its input item.
 */
export async function sendInBatches(
	ctx: IExecuteFunctions,
	itemCount: number,
	strategy: SendStrategy,
	read: (itemIndex: number) => SendEntry[],
): Promise<INodeExecutionData[]> {
	const requestIds = new Map<number, string>();
	const requestIdFor = (batch: Batch<SendEntry>) => {
		let id = requestIds.get(batch.index);
		if (!id) requestIds.set(batch.index, (id = requestIdOf(ctx, strategy, batch)));
		return id;
	};
	return await runItemPipeline<SendEntry>(ctx, itemCount, {
		read,
		groupKey: (entry) =>
			JSON.stringify(strategy === 'sameText' ? [entry.from, entry.text, ...settingsKey(entry.settings)] : settingsKey(entry.settings)),
		batchSize: client.MAX_RECIPIENTS_PER_SEND,
		maxInFlight: readParallelRequests(ctx, client.MAX_PARALLEL_REQUESTS),
		sideEffect: true,
		// `request` carries the batch's Options → Timeout; the Request-Id check keeps the default.
		send: async (batch, request) => {
			const requestId = requestIdFor(batch);
			const { settings } = batch.entries[0];
			const outcome = await deliverWithKey({
				key: requestId,
				submit: async () => await submit(request, strategy, batch.entries, { requestId }),
				isDuplicate: client.isDuplicateRequest,
				wasReceived: async () => await client.checkRequestId(ctx, requestId),
			});
			if (outcome.kind === 'alreadyAccepted' && settings.treatDuplicateAsError) {
				if (outcome.reason === 'duplicateAnswer') throw outcome.answer;
				throw new ProviderError({
					provider: client.PROVIDER,
					code: SEPAHAN_DUPLICATE_REQUEST_CODE,
					message: 'The answer was lost, but the provider had received this request (same Request-Id); it was not sent again',
					outcome: 'refused',
				});
			}
			return batch.entries.map((entry, position) => outcomeJson(entry, position, batch, requestId, outcome));
		},
		failedJson: (entry, batch, error) => ({
			...recipientJson(entry, requestIdFor(batch)),
			status: error instanceof ProviderError && error.ambiguous ? 'unknown' : 'failed',
		}),
	});
}
