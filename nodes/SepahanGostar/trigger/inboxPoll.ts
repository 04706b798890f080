import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TEHRAN, addDays, dayKeyToJalali, localDayKey, parseProviderDate } from '../../shared/dates';
import { InboxCursor } from '../../shared/inboxCursor';
import * as client from '../transport/client';
import { inboundJson } from '../transport/inbound';

/** Rounds of consume-after-emit per poll, each reading up to 100 messages. */
export const MAX_CONSUME_ROUNDS = 10;

export interface TriggerSettings {
	privateNumber?: string;
	includeLastHours: number;
	consumeMode: boolean;
}

interface Occurrence {
	id: string;
	tuple: string;
	dayKey: string;
	at?: Date;
	json: IDataObject;
}

/**
 * The API has no message id, so a message is known by its content (line, sender, raw date, text)
 * plus an ordinal among identical copies. Copies this trigger consumed never come back, so
 * ordinals start after them and stay stable.
 */
function identify(records: client.InboundRecord[], cursor: InboxCursor, todayKey: string): Occurrence[] {
	const seenInResponse = new Map<string, number>();
	return records.map((record) => {
		const tuple = createHash('sha256')
			.update([record.privateNumber, record.sendNumber, record.date, record.messageText].join('\u0000'))
			.digest('hex')
			.slice(0, 32);
		const j = seenInResponse.get(tuple) ?? 0;
		seenInResponse.set(tuple, j + 1);
		const ordinal = cursor.counter(tuple) + j;
		const parsed = parseProviderDate(record.date, TEHRAN);
		const id = `${tuple}#${ordinal}`;
		return { id, tuple, dayKey: parsed?.dayKey ?? todayKey, at: parsed?.at, json: { id, ...inboundJson(record) } };
	});
}

function receiveWindow(ctx: IPollFunctions, settings: TriggerSettings, startKey: string, markAsRead: boolean) {
	return client.receive(ctx, {
		privateNumber: settings.privateNumber,
		startDate: dayKeyToJalali(startKey),
		numberOfMessages: client.MAX_RECEIVE,
		markAsRead,
	});
}

/** "Fetch Test Event": the newest message of the last day; reads without marking and moves no state. */
export async function pollManually(ctx: IPollFunctions, settings: TriggerSettings, now: Date): Promise<INodeExecutionData[][]> {
	const todayKey = localDayKey(now, TEHRAN);
	const records = await receiveWindow(ctx, settings, addDays(todayKey, -1), false);
	const cursor = InboxCursor.load(ctx.getWorkflowStaticData('node'));
	const occurrences = identify(records, cursor, todayKey);
	if (occurrences.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No unread inbound SMS found since yesterday (Tehran time)', {
			description: 'Send an SMS to your line and try again. Messages already marked read elsewhere are not visible.',
		});
	}
	let newest = occurrences[0];
	for (const occurrence of occurrences) {
		if ((occurrence.at?.getTime() ?? 0) >= (newest.at?.getTime() ?? 0)) newest = occurrence;
	}
	return [[{ json: newest.json }]];
}

/**
 * One production poll. State changes are made on a copy and committed at the end, so a failed
 * request advances nothing; in consume mode, state is committed as soon as messages were consumed.
 */
export async function pollForNew(
	ctx: IPollFunctions,
	settings: TriggerSettings,
	now: Date,
): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const cursor = InboxCursor.load(staticData);
	const firstPoll = !cursor.initialised;
	const todayKey = localDayKey(now, TEHRAN);
	const since = new Date(now.getTime() - settings.includeLastHours * 3_600_000);
	const watermark = cursor.watermark ?? localDayKey(since, TEHRAN);
	// The day before the watermark guards midnight and the API's day-only dates.
	const startKey = addDays(watermark, -1);

	const emitted: IDataObject[] = [];
	const records = await receiveWindow(ctx, settings, startKey, false);
	for (const occurrence of identify(records, cursor, todayKey)) {
		if (cursor.has(occurrence.id)) continue;
		// First activation starts from now: what is already there is remembered, not emitted,
		// except messages inside the "include last N hours" range.
		const inRange =
			settings.includeLastHours > 0 &&
			(occurrence.at ? occurrence.at.getTime() >= since.getTime() || occurrence.dayKey >= localDayKey(since, TEHRAN) : true);
		if (!firstPoll || inRange) emitted.push(occurrence.json);
		cursor.remember(occurrence.id, occurrence.dayKey);
	}
	if (records.length >= client.MAX_RECEIVE && !settings.consumeMode) {
		ctx.logger.warn(
			`SepahanGostar Trigger: the inbox returned ${client.MAX_RECEIVE} unread messages, the most the API returns; newer unread messages may be hidden until older ones are marked read (turn on "Mark as Read After Emitting" to work through a backlog)`,
		);
	}

	const finish = () => {
		// Next polls ask from yesterday on: older unread messages were all seen (or are before
		// the start), and a narrow window keeps a backlog of old unread messages out of the 100.
		cursor.advanceWatermark(todayKey);
		cursor.prune(addDays(cursor.watermark ?? todayKey, -2));
		cursor.markInitialised();
		cursor.commit(staticData);
	};

	if (settings.consumeMode && !firstPoll) {
		// Commit what the peek found first: the consuming calls below cannot be undone.
		finish();
		for (let round = 0; round < MAX_CONSUME_ROUNDS; round++) {
			let consumed: client.InboundRecord[];
			try {
				consumed = await receiveWindow(ctx, settings, startKey, true);
			} catch (error) {
				ctx.logger.warn(`SepahanGostar Trigger: marking messages read failed; they will be read again next poll (${(error as Error).message})`);
				break;
			}
			const counts = new Map<string, { count: number; dayKey: string }>();
			for (const occurrence of identify(consumed, cursor, todayKey)) {
				if (!cursor.has(occurrence.id)) {
					emitted.push(occurrence.json);
					cursor.remember(occurrence.id, occurrence.dayKey);
				}
				const entry = counts.get(occurrence.tuple) ?? { count: 0, dayKey: occurrence.dayKey };
				entry.count++;
				counts.set(occurrence.tuple, entry);
			}
			for (const [tuple, { count, dayKey }] of counts) cursor.addToCounter(tuple, count, dayKey);
			cursor.commit(staticData);
			if (consumed.length < client.MAX_RECEIVE) break;
		}
	}
	finish();
	return emitted.length ? [emitted.map((json) => ({ json }))] : null;
}
