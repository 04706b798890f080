import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InboxPoll } from '../../shared/pollTrigger';
import * as client from '../transport/client';
import { fromApiDateTime, toApiDateTime } from '../transport/dates';
import { inboundJson } from '../transport/inbound';

export interface TriggerSettings {
	lineNumber?: string;
	/** On first activation, also emit messages from this many hours back (0: from now). */
	includeLastHours: number;
	/** How far back each poll looks before its cursor, for messages AmootSMS lists late. */
	overlapMinutes: number;
}

/** The window's end runs this far past "now", for clock differences between n8n and AmootSMS. */
const LOOK_AHEAD_MS = 60_000;
/** The record that keeps the activation time until no window can reach back before it. */
const START_RECORD = 'start';

interface Listed {
	id: string;
	at?: Date;
	key: string;
	json: IDataObject;
}

function compareListed(a: Listed, b: Listed): number {
	const byTime = (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0);
	if (byTime !== 0) return byTime;
	if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id)) {
		const left = BigInt(a.id);
		const right = BigInt(b.id);
		return left < right ? -1 : left > right ? 1 : 0;
	}
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

async function listWindow(
	ctx: IPollFunctions,
	settings: TriggerSettings,
	from: Date,
	to: Date,
	now: Date,
): Promise<Listed[]> {
	const messages = await client.recieveMessages(ctx, {
		from: toApiDateTime(from),
		to: toApiDateTime(to),
		lineNumber: settings.lineNumber,
	});
	return messages
		.map((message) => {
			const at = fromApiDateTime(message.receiveDateTime);
			return {
				id: message.messageId,
				at,
				key: (at ?? now).toISOString(),
				// `id`: what the trigger knows a message by (AmootSMS's message id), as every trigger item has.
				json: { id: message.messageId, ...inboundJson(message) },
			};
		})
		.sort(compareListed);
}

/**
 * The AmootSMS inbox on the shared poll skeleton (spec §7.6). It reads only `RecieveMessages`
 * (a time window, read-only), never the consuming `RecieveNewMessages`. Each poll asks from its
 * cursor minus the overlap to a minute past now, emits the messages whose id it has not seen,
 * oldest first, and remembers the ids; so a message AmootSMS lists late (with an earlier receive
 * time) is still emitted once, and one seen twice is emitted once.
 */
export function amootSmsInbox(
	ctx: IPollFunctions,
	settings: TriggerSettings,
	now: Date,
): InboxPoll {
	const overlapMs = settings.overlapMinutes * 60_000;
	return {
		name: 'AmootSMS Trigger',
		ordering: 'instant',
		async manual() {
			const hours = settings.includeLastHours > 0 ? settings.includeLastHours : 24;
			const listed = await listWindow(
				ctx,
				settings,
				new Date(now.getTime() - hours * 3_600_000),
				new Date(now.getTime() + LOOK_AHEAD_MS),
				now,
			);
			if (listed.length === 0) {
				throw new NodeOperationError(ctx.getNode(), `No SMS received in the last ${hours} hours`, {
					description: 'Send an SMS to your line and try again. Nothing was marked or consumed.',
				});
			}
			return [listed[listed.length - 1].json];
		},
		async poll(cursor, { firstPoll }) {
			if (firstPoll) {
				const start = new Date(now.getTime() - settings.includeLastHours * 3_600_000);
				cursor.setRecord(START_RECORD, start.toISOString(), { at: start.toISOString() });
				cursor.advanceWatermark(start.toISOString());
			}
			const startRecord = cursor.record(START_RECORD);
			const start = typeof startRecord?.at === 'string' ? new Date(startRecord.at) : undefined;
			const watermark = cursor.watermark ? new Date(cursor.watermark) : now;
			const listed = await listWindow(
				ctx,
				settings,
				new Date(watermark.getTime() - overlapMs),
				new Date(now.getTime() + LOOK_AHEAD_MS),
				now,
			);

			const emitted: IDataObject[] = [];
			let newest: Date | undefined;
			for (const message of listed) {
				if (message.at && (!newest || message.at > newest)) newest = message.at;
				if (cursor.has(message.id)) continue;
				cursor.remember(message.id, message.key);
				// Received before activation (and before "include last N hours"): known, not emitted.
				if (start && message.at && message.at < start) continue;
				emitted.push(message.json);
			}
			if (newest) cursor.advanceWatermark(newest.toISOString());
			// Nothing newer: keep the window bounded all the same.
			cursor.advanceWatermark(new Date(now.getTime() - overlapMs).toISOString());
			const keepFrom = new Date(Date.parse(cursor.watermark as string) - 2 * overlapMs);
			cursor.prune(keepFrom.toISOString());
			return emitted;
		},
	};
}
