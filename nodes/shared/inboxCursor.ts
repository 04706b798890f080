import type { IDataObject } from 'n8n-workflow';

/**
 * How watermarks and the keys of remembered ids compare. The provider states it:
 * - `integer`: decimal message ids, compared as big integers (`'999' < '1000'`);
 * - `instant`: ISO 8601 times or `YYYY-MM-DD` days, compared as points in time;
 * - `text`: any other key that sorts as text.
 */
export type CursorOrdering = 'integer' | 'instant' | 'text';

export function compareKeys(ordering: CursorOrdering, a: string, b: string): number {
	if (ordering === 'integer' && /^-?\d+$/.test(a) && /^-?\d+$/.test(b)) {
		const left = BigInt(a);
		const right = BigInt(b);
		return left < right ? -1 : left > right ? 1 : 0;
	}
	if (ordering === 'instant') {
		const left = Date.parse(a);
		const right = Date.parse(b);
		if (!Number.isNaN(left) && !Number.isNaN(right)) return left < right ? -1 : left > right ? 1 : 0;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Inbox-trigger state, kept only in `getWorkflowStaticData('node')`: a watermark, the ids emitted
 * recently (each with the key it belongs to, so pruning is by age), and small provider-specific
 * records (keyed like ids, pruned the same way).
 */
export interface InboxCursorState {
	version: 2;
	initialised: boolean;
	watermark?: string;
	seen: Record<string, string>;
	records: Record<string, { key: string; data: IDataObject }>;
}

const DEFAULT_MAX_SEEN = 5000;

/**
 * The cursor works on a copy: a poll commits only after it has everything it will emit, so a
 * failed poll, or a manual "Fetch Test Event", changes nothing.
 */
export class InboxCursor {
	private constructor(
		private state: InboxCursorState,
		private readonly ordering: CursorOrdering,
		private readonly maxSeen: number,
	) {}

	static load(staticData: IDataObject, ordering: CursorOrdering, maxSeen = DEFAULT_MAX_SEEN): InboxCursor {
		const stored = staticData.inbox as InboxCursorState | undefined;
		const state: InboxCursorState =
			stored && stored.version === 2
				? (JSON.parse(JSON.stringify(stored)) as InboxCursorState)
				: { version: 2, initialised: false, seen: {}, records: {} };
		return new InboxCursor(state, ordering, maxSeen);
	}

	get initialised(): boolean {
		return this.state.initialised;
	}

	get watermark(): string | undefined {
		return this.state.watermark;
	}

	compare(a: string, b: string): number {
		return compareKeys(this.ordering, a, b);
	}

	has(id: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.state.seen, id);
	}

	remember(id: string, key: string): void {
		this.state.seen[id] = key;
	}

	record(name: string): IDataObject | undefined {
		return this.state.records[name]?.data;
	}

	/** Every record as `[name, key, data]`. */
	records(): Array<[string, string, IDataObject]> {
		return Object.entries(this.state.records).map(([name, entry]) => [name, entry.key, entry.data]);
	}

	setRecord(name: string, key: string, data: IDataObject): void {
		this.state.records[name] = { key, data };
	}

	/** Moves the watermark forward only. */
	advanceWatermark(key: string): void {
		if (this.state.watermark === undefined || this.compare(key, this.state.watermark) > 0) this.state.watermark = key;
	}

	markInitialised(): void {
		this.state.initialised = true;
	}

	/** Forgets ids and records older than `oldestKeptKey`, then caps the id set at its bound, oldest first. */
	prune(oldestKeptKey: string): void {
		for (const [id, key] of Object.entries(this.state.seen)) if (this.compare(key, oldestKeptKey) < 0) delete this.state.seen[id];
		for (const [name, entry] of Object.entries(this.state.records)) if (this.compare(entry.key, oldestKeptKey) < 0) delete this.state.records[name];
		const ids = Object.entries(this.state.seen);
		if (ids.length > this.maxSeen) {
			ids.sort((a, b) => this.compare(a[1], b[1]));
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
