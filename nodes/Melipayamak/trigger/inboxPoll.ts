import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InboxPoll } from '../../shared/pollTrigger';
import { messagesAfter } from '../actions/inbox/getMany.operation';
import * as client from '../transport/client';
import { inboundJson } from '../transport/inbound';

/** Pages of 100 read per poll at most; a larger backlog continues at the next poll. */
export const MAX_PAGES_PER_POLL = 20;
/** Ids remembered beside the watermark (state stays far below n8n's static-data limits). */
export const MAX_REMEMBERED_IDS = 500;

export interface TriggerSettings {
	line?: string;
	emitExistingOnFirstRun: boolean;
}

const isId = (value: string | undefined): value is string => typeof value === 'string' && /^[0-9]{1,19}$/.test(value);

/**
 * The Melipayamak inbox on the shared poll skeleton, read-only (spec §7.6): a MsgID watermark,
 * `GetMessagesAfterID` pages while they come back full, ids compared as big integers; the
 * watermark moves only in the poll that returns the messages.
 */
export function melipayamakInbox(ctx: IPollFunctions, settings: TriggerSettings): InboxPoll {
	return {
		name: 'Melipayamak Trigger',
		ordering: 'integer',
		maxSeen: MAX_REMEMBERED_IDS,
		async manual() {
			const rows = await client.getMessages(ctx, { index: 0, count: 1, line: settings.line });
			if (rows.length === 0) {
				throw new NodeOperationError(ctx.getNode(), 'No received SMS found on this account' + (settings.line ? ` for line ${settings.line}` : ''), {
					description: 'Send an SMS to your line and try again. Nothing was marked read.',
				});
			}
			return [inboundJson(rows[0])];
		},
		async poll(cursor, { firstPoll }) {
			if (firstPoll && !settings.emitExistingOnFirstRun) {
				// Start from now: the newest id is the watermark; nothing is emitted.
				const [newest] = await client.getMessages(ctx, { index: 0, count: 1, line: settings.line });
				cursor.advanceWatermark(isId(newest?.MsgID) ? BigInt(newest.MsgID).toString() : '0');
				return [];
			}
			const emitted: IDataObject[] = [];
			for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
				const watermark = cursor.watermark ?? '0';
				const rows = await messagesAfter(ctx, watermark, client.MAX_INBOX_PAGE, settings.line);
				const fresh = rows
					.filter((row) => isId(row.MsgID) && BigInt(row.MsgID) > BigInt(watermark) && !cursor.has(BigInt(row.MsgID).toString()))
					.sort((a, b) => (BigInt(a.MsgID) < BigInt(b.MsgID) ? -1 : 1));
				for (const row of fresh) {
					const id = BigInt(row.MsgID).toString();
					emitted.push(inboundJson(row));
					cursor.remember(id, id);
					cursor.advanceWatermark(id);
				}
				if (rows.length < client.MAX_INBOX_PAGE || fresh.length === 0) break;
			}
			const watermark = BigInt(cursor.watermark ?? '0');
			cursor.prune((watermark > 100000n ? watermark - 100000n : 0n).toString());
			return emitted;
		},
	};
}
