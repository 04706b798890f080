import type { IDataObject } from 'n8n-workflow';

/**
 * Inbox-trigger state, kept only in `getWorkflowStaticData('node')`: a watermark (a sortable
 * key such as a day `YYYY-MM-DD` or an ISO time), the ids emitted recently (each with the
 * sortable key it belongs to, so pruning is by age), and provider-specific counters.
 *
 * The cursor works on a copy: a poll calls `commit` only after it has everything it will emit,
 * so a failed poll, or a manual "Fetch Test Event", changes nothing.
 */
export interface InboxCursorState {
	version: 1;
	initialised: boolean;
	watermark?: string;
	seen: Record<string, string>;
	/** Provider-specific counters keyed like `seen` (e.g. consumed copies per content tuple). */
	counters: Record<string, { count: number; key: string }>;
}

const DEFAULT_MAX_SEEN = 5000;

export class InboxCursor {
	private constructor(
		private state: InboxCursorState,
		private readonly maxSeen: number,
	) {}

	static load(staticData: IDataObject, maxSeen = DEFAULT_MAX_SEEN): InboxCursor {
		const stored = staticData.inbox as InboxCursorState | undefined;
		const state: InboxCursorState =
			stored && stored.version === 1
				? (JSON.parse(JSON.stringify(stored)) as InboxCursorState)
				: { version: 1, initialised: false, seen: {}, counters: {} };
		return new InboxCursor(state, maxSeen);
	}

	get initialised(): boolean {
		return this.state.initialised;
	}

	get watermark(): string | undefined {
		return this.state.watermark;
	}

	has(id: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.state.seen, id);
	}

	remember(id: string, key: string): void {
		this.state.seen[id] = key;
	}

	counter(name: string): number {
		return this.state.counters[name]?.count ?? 0;
	}

	addToCounter(name: string, by: number, key: string): void {
		const current = this.state.counters[name];
		this.state.counters[name] = { count: (current?.count ?? 0) + by, key: current && current.key > key ? current.key : key };
	}

	/** Moves the watermark forward only. */
	advanceWatermark(key: string): void {
		if (this.state.watermark === undefined || key > this.state.watermark) this.state.watermark = key;
	}

	markInitialised(): void {
		this.state.initialised = true;
	}

	/** Forgets ids and counters older than `oldestKeptKey`, then caps the id set at its bound, oldest first. */
	prune(oldestKeptKey: string): void {
		for (const [id, key] of Object.entries(this.state.seen)) if (key < oldestKeptKey) delete this.state.seen[id];
		for (const [name, entry] of Object.entries(this.state.counters)) if (entry.key < oldestKeptKey) delete this.state.counters[name];
		const ids = Object.entries(this.state.seen);
		if (ids.length > this.maxSeen) {
			ids.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
			for (const [id] of ids.slice(0, ids.length - this.maxSeen)) delete this.state.seen[id];
		}
	}

	get size(): number {
		return Object.keys(this.state.seen).length;
	}

	/** Writes the state back into the node's static data (n8n persists it after a trigger-mode poll). */
	commit(staticData: IDataObject): void {
		staticData.inbox = JSON.parse(JSON.stringify(this.state)) as IDataObject;
	}
}
