/**
 * Request log of a sandbox: what reached the emulator, with secrets masked.
 * Only API traffic is logged; the `/__sandbox` control surface is not.
 */
export interface RequestLogEntry {
	method: string;
	/** Path as received, including the query string. */
	path: string;
	/** Lower-cased header names; secret headers masked. */
	headers: Record<string, string>;
	/** Request body as text (secret members masked by the provider's rule). */
	body: string;
	/** HTTP status sent; 0 while pending or when the connection was reset without a reply. */
	status: number;
	/** Sandbox-clock time at which the request arrived. */
	at: Date;
}

export const DEFAULT_SECRET_HEADERS = [
	'authorization',
	'proxy-authorization',
	'cookie',
	'x-api-key',
	'api-key',
	'apikey',
	'token',
];

/** "Bearer ***" keeps the scheme word visible (tests assert its absence), the secret never is. */
export function maskSecretValue(value: string): string {
	const m = /^\s*([A-Za-z][A-Za-z0-9._~+-]*)\s+\S/.exec(value);
	if (m && value.trim().length > m[1].length) return `${m[1]} ***`;
	return value.length === 0 ? '' : '***';
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private readonly secretHeaders: Set<string>;

	constructor(
		secretHeaders: readonly string[] = DEFAULT_SECRET_HEADERS,
		private readonly maxEntries = 5000,
	) {
		this.secretHeaders = new Set(secretHeaders.map((h) => h.toLowerCase()));
	}

	maskHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [name, v] of Object.entries(raw)) {
			if (v === undefined) continue;
			const value = Array.isArray(v) ? v.join(', ') : v;
			const lower = name.toLowerCase();
			out[lower] = this.secretHeaders.has(lower) ? maskSecretValue(value) : value;
		}
		return out;
	}

	add(entry: RequestLogEntry): RequestLogEntry {
		this.entries.push(entry);
		if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
		return entry;
	}

	/** Copies, oldest first. */
	list(): RequestLogEntry[] {
		return this.entries.map((e) => ({ ...e, headers: { ...e.headers }, at: new Date(e.at.getTime()) }));
	}

	clear(): void {
		this.entries = [];
	}
}
