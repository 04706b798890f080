import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { toNodeError } from './errors';
import type { CursorOrdering } from './inboxCursor';
import { InboxCursor } from './inboxCursor';

export interface PollContext {
	/** No state yet: this poll starts the trigger "from now". */
	firstPoll: boolean;
	/** Saves the working cursor at once: for a poll that just did something it cannot undo. */
	commit(): void;
}

export interface InboxPoll {
	/** Display name used in log lines, e.g. `SepahanGostar Trigger`. */
	name: string;
	ordering: CursorOrdering;
	/** Bound on remembered ids (default 5,000). */
	maxSeen?: number;
	/**
	 * "Fetch Test Event": reads without marking anything and returns messages to show (throw a
	 * clear error when there are none). The cursor is a copy that is never saved.
	 */
	manual(cursor: InboxCursor): Promise<IDataObject[]>;
	/** A production poll on a working copy of the cursor; returns the messages to emit, oldest first. */
	poll(cursor: InboxCursor, context: PollContext): Promise<IDataObject[]>;
}

/**
 * The poll skeleton every inbox trigger runs: manual mode moves nothing; a successful poll saves
 * the cursor and returns `null` when nothing is new; a failed poll advances nothing. A failure on
 * the first poll is thrown (n8n then retries the activation); later ones are logged and return
 * `null`, because a throw would deactivate the workflow and the next poll retries anyway.
 */
export async function runInboxPoll(ctx: IPollFunctions, spec: InboxPoll): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const cursor = InboxCursor.load(staticData, spec.ordering, spec.maxSeen);
	if (ctx.getMode() === 'manual') {
		try {
			return [(await spec.manual(cursor)).map((json) => ({ json }))];
		} catch (error) {
			throw toNodeError(ctx.getNode(), error, 0);
		}
	}
	const firstPoll = !cursor.initialised;
	try {
		const emitted = await spec.poll(cursor, { firstPoll, commit: () => cursor.commit(staticData) });
		cursor.markInitialised();
		cursor.commit(staticData);
		return emitted.length ? [emitted.map((json) => ({ json }))] : null;
	} catch (error) {
		if (firstPoll) throw toNodeError(ctx.getNode(), error, 0);
		ctx.logger.error(`${spec.name}: polling failed, will retry at the next poll: ${(error as Error).message}`);
		return null;
	}
}
