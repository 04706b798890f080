/**
 * Fault injection shared by the sandboxes.
 *
 * Pre-processing faults answer (or drop the connection) before the provider logic
 * runs, so nothing happens on the "server". Post-processing faults (`resetAfter`,
 * `truncatedJson`) let the request be fully processed, then damage the reply.
 * `delay` waits `delayMs` and then processes the request normally (a slow server:
 * the work is done even when the client has given up).
 */
export const FAULT_KINDS = [
	'http500',
	'http502',
	'http503',
	'html500',
	'http429',
	'http429RetryAfter',
	'delay',
	'resetBefore',
	'resetAfter',
	'malformedJson',
	'truncatedJson',
	'emptyBody',
	'htmlBody',
	'failure200',
	'htmlAfter',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
	/** Route name or path (case-insensitive). Omitted: any API request. */
	route?: string;
	/** How many matching requests it applies to (default 1). */
	times?: number;
	kind: FaultKind;
	/** `delay`: how long (default 10000 ms). `http429RetryAfter`: Retry-After in ms, rounded up to seconds (default 1000). */
	delayMs?: number;
	/** Overrides the HTTP status of the faulty reply. */
	status?: number;
	/** `failure200`: the provider error code to put in the body (provider default otherwise). */
	code?: number;
}

export interface ActiveFault extends Required<Pick<FaultSpec, 'kind' | 'times'>> {
	route?: string;
	delayMs?: number;
	status?: number;
	code?: number;
}

export const POST_PROCESSING_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>(['resetAfter', 'truncatedJson', 'htmlAfter']);

export class FaultQueue {
	private faults: ActiveFault[] = [];

	/** Validates and queues a fault. Throws an Error with a readable message on bad input. */
	inject(spec: FaultSpec, knownRoutes?: readonly string[]): ActiveFault {
		if (!spec || !(FAULT_KINDS as readonly string[]).includes(spec.kind)) {
			throw new Error(`Unknown fault kind ${JSON.stringify(spec?.kind)}; use one of ${FAULT_KINDS.join(', ')}`);
		}
		const times = spec.times ?? 1;
		if (!Number.isInteger(times) || times < 1 || times > 1_000_000) throw new Error('times must be an integer >= 1');
		if (spec.delayMs !== undefined && (!Number.isFinite(spec.delayMs) || spec.delayMs < 0 || spec.delayMs > 600_000)) {
			throw new Error('delayMs must be between 0 and 600000');
		}
		if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) {
			throw new Error('status must be an HTTP status code (100-599)');
		}
		if (spec.code !== undefined && !Number.isInteger(spec.code)) throw new Error('code must be an integer');
		if (spec.route !== undefined) {
			if (typeof spec.route !== 'string' || spec.route.trim() === '') throw new Error('route must be a non-empty string');
			if (knownRoutes && !knownRoutes.some((r) => r.toLowerCase() === spec.route!.trim().toLowerCase())) {
				throw new Error(`Unknown route ${JSON.stringify(spec.route)}; use one of ${knownRoutes.join(', ')}`);
			}
		}
		const fault: ActiveFault = {
			kind: spec.kind,
			times,
			route: spec.route?.trim(),
			delayMs: spec.delayMs,
			status: spec.status,
			code: spec.code,
		};
		this.faults.push(fault);
		return fault;
	}

	/**
	 * Takes the first queued fault matching a request. `names` are the route's
	 * aliases (name and path); undefined when the path matched no API route.
	 */
	take(names: readonly string[] | undefined): ActiveFault | undefined {
		const lowered = names?.map((n) => n.toLowerCase());
		const idx = this.faults.findIndex(
			(f) => f.route === undefined || (lowered !== undefined && lowered.includes(f.route.toLowerCase())),
		);
		if (idx < 0) return undefined;
		const fault = this.faults[idx];
		fault.times -= 1;
		if (fault.times <= 0) this.faults.splice(idx, 1);
		return { ...fault };
	}

	pending(): ActiveFault[] {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(): void {
		this.faults = [];
	}
}
