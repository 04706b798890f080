import { createHash } from 'node:crypto';

import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TEHRAN, addDays, dayKeyToJalali, localDayKey } from '../../shared/dates';
import type { InboxCursor } from '../../shared/inboxCursor';
import type { InboxPoll } from '../../shared/pollTrigger';
import * as client from '../transport/client';
import { inboundJson, parseInboundDate } from '../transport/inbound';

/** Rounds of consume-after-emit per poll, each reading up to 100 messages. */
export const MAX_CONSUME_ROUNDS = 10;

export interface TriggerSettings {
	privateNumber?: string;
	includeLastHours: number;
	consumeMode: boolean;
}

/** What the trigger knows of one content tuple: copies emitted so far, and copies unread on the provider. */
interface TupleRecord extends IDataObject {
	emitted: number;
	present: number;
}

interface Occurrence {
	id: string;
	/** Not seen before: a copy the trigger has not emitted. */
	fresh: boolean;
	dayKey: string;
	at?: Date;
	json: IDataObject;
}

function tupleOf(record: client.InboundRecord): string {
	return createHash('sha256')
		.update([record.privateNumber, record.sendNumber, record.date, record.messageText].join('\u0000'))
		.digest('hex')
		.slice(0, 32);
}

/**
 * The API has no message id, so a message is known by its content (line, sender, raw date, text)
 * and identical copies by counting. The trigger remembers, per tuple, how many copies it emitted
 * and how many were unread at its last look; a rise in the unread count is a new copy, even after
 * another app read earlier copies. `consumed`: this response was a consuming read (the copies it
 * returns are now read). A full response (100) may hide copies, so it never lowers a count.
 */
function identify(
	records: client.InboundRecord[],
	cursor: InboxCursor,
	context: { todayKey: string; windowStartKey: string; consumed: boolean },
): Occurrence[] {
	const full = records.length >= client.MAX_RECEIVE;
	const groups = new Map<string, client.InboundRecord[]>();
	for (const record of records) {
		const tuple = tupleOf(record);
		const group = groups.get(tuple);
		if (group) group.push(record);
		else groups.set(tuple, [record]);
	}
	const fresh = new Set<client.InboundRecord>();
	const ids = new Map<client.InboundRecord, string>();
	for (const [tuple, copies] of groups) {
		const known = (cursor.record(tuple) as TupleRecord | undefined) ?? { emitted: 0, present: 0 };
		const newCount = Math.max(0, copies.length - known.present);
		// The newest copies in response order are the new ones; earlier copies keep earlier ordinals.
		copies.forEach((copy, index) => {
			const ordinal = known.emitted - (copies.length - newCount) + index;
			ids.set(copy, `${tuple}#${Math.max(0, ordinal)}`);
			if (index >= copies.length - newCount) fresh.add(copy);
		});
		const present = context.consumed ? Math.max(0, known.present - copies.length) : full ? Math.max(known.present, copies.length) : copies.length;
		const dayKey = parseInboundDate(copies[0].date)?.dayKey ?? context.todayKey;
		cursor.setRecord(tuple, dayKey, { emitted: known.emitted + newCount, present } satisfies TupleRecord);
	}
	if (!full && !context.consumed) {
		// Copies of tuples inside the window that did not come back were read elsewhere.
		for (const [tuple, key, data] of cursor.records()) {
			if (!groups.has(tuple) && cursor.compare(key, context.windowStartKey) >= 0) cursor.setRecord(tuple, key, { ...data, present: 0 });
		}
	}
	return records.map((record) => {
		const id = ids.get(record) as string;
		const parsed = parseInboundDate(record.date);
		return { id, fresh: fresh.has(record), dayKey: parsed?.dayKey ?? context.todayKey, at: parsed?.at, json: { id, ...inboundJson(record) } };
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

/** The SepahanGostar inbox on the shared poll skeleton. */
export function sepahanGostarInbox(ctx: IPollFunctions, settings: TriggerSettings, now: Date): InboxPoll {
	const todayKey = localDayKey(now, TEHRAN);
	return {
		name: 'SepahanGostar Trigger',
		ordering: 'instant',
		// "Fetch Test Event": the newest message of the last day, read without marking.
		async manual(cursor) {
			const startKey = addDays(todayKey, -1);
			const records = await receiveWindow(ctx, settings, startKey, false);
			const occurrences = identify(records, cursor, { todayKey, windowStartKey: startKey, consumed: false });
			if (occurrences.length === 0) {
				throw new NodeOperationError(ctx.getNode(), 'No unread inbound SMS found since yesterday (Tehran time)', {
					description: 'Send an SMS to your line and try again. Messages already marked read elsewhere are not visible.',
				});
			}
			let newest = occurrences[0];
			for (const occurrence of occurrences) {
				if ((occurrence.at?.getTime() ?? 0) >= (newest.at?.getTime() ?? 0)) newest = occurrence;
			}
			return [newest.json];
		},
		async poll(cursor, { firstPoll, commit }) {
			const since = new Date(now.getTime() - settings.includeLastHours * 3_600_000);
			const sinceKey = localDayKey(since, TEHRAN);
			const watermark = cursor.watermark ?? sinceKey;
			// The day before the watermark guards midnight and the API's day-only dates.
			const startKey = addDays(watermark, -1);
			const emitted: IDataObject[] = [];
			const emit = (occurrence: Occurrence, allowed: boolean) => {
				if (!occurrence.fresh || cursor.has(occurrence.id)) return;
				if (allowed) emitted.push(occurrence.json);
				cursor.remember(occurrence.id, occurrence.dayKey);
			};

			const records = await receiveWindow(ctx, settings, startKey, false);
			for (const occurrence of identify(records, cursor, { todayKey, windowStartKey: startKey, consumed: false })) {
				// First activation starts from now: what is already there is remembered, not emitted,
				// except messages inside the "include last N hours" range.
				const inRange =
					settings.includeLastHours > 0 &&
					(occurrence.at ? occurrence.at.getTime() >= since.getTime() || occurrence.dayKey >= sinceKey : true);
				emit(occurrence, !firstPoll || inRange);
			}
			if (records.length >= client.MAX_RECEIVE && !settings.consumeMode) {
				ctx.logger.warn(
					`SepahanGostar Trigger: the inbox returned ${client.MAX_RECEIVE} unread messages, the most the API returns; newer unread messages may be hidden until older ones are marked read (turn on "Mark as Read After Emitting" to work through a backlog)`,
				);
			}
			const settle = () => {
				// Next polls ask from yesterday on: older unread messages were all seen (or are before
				// the start), and a narrow window keeps a backlog of old unread messages out of the 100.
				cursor.advanceWatermark(todayKey);
				cursor.prune(addDays(cursor.watermark ?? todayKey, -2));
			};

			if (settings.consumeMode && !firstPoll) {
				// Save what the peek found first: the consuming calls below cannot be undone.
				settle();
				commit();
				for (let round = 0; round < MAX_CONSUME_ROUNDS; round++) {
					let consumed: client.InboundRecord[];
					try {
						consumed = await receiveWindow(ctx, settings, startKey, true);
					} catch (error) {
						ctx.logger.warn(`SepahanGostar Trigger: marking messages read failed; they will be read again next poll (${(error as Error).message})`);
						break;
					}
					for (const occurrence of identify(consumed, cursor, { todayKey, windowStartKey: startKey, consumed: true })) emit(occurrence, true);
					commit();
					if (consumed.length < client.MAX_RECEIVE) break;
				}
			}
			settle();
			return emitted;
		},
	};
}
