/**
 * Injectable clock shared by every time-dependent rule of a sandbox
 * (windows, expiries, id generation, delivery progression).
 *
 * Default: real time. After `set()` or `advance()` the clock is frozen and only
 * moves when told to. `useRealTime()` (also called by a sandbox reset) goes back.
 */
export interface ClockControl {
	now(): Date;
	set(at: Date | string): void;
	advance(ms: number): void;
}

export class SandboxClock implements ClockControl {
	private frozenAtMs: number | null = null;

	now(): Date {
		return new Date(this.nowMs());
	}

	nowMs(): number {
		return this.frozenAtMs ?? Date.now();
	}

	/** True when the clock was set or advanced (manual mode). */
	isFrozen(): boolean {
		return this.frozenAtMs !== null;
	}

	set(at: Date | string | number): void {
		const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
		if (!Number.isFinite(ms)) throw new Error(`Invalid clock value: ${String(at)}`);
		this.frozenAtMs = ms;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms)) throw new Error(`Invalid clock advance: ${String(ms)}`);
		this.frozenAtMs = this.nowMs() + ms;
	}

	useRealTime(): void {
		this.frozenAtMs = null;
	}
}
