/**
 * Loopback emulator ("sandbox") of n8n's data-table public API, the store of the OTP
 * Verification node in tests that run without an n8n instance.
 *
 *   const sb = await startDataTablesSandbox();
 *   // credential: { n8nUrl: sb.url, apiKey: sb.apiKey, … }
 *   await sb.close();
 *
 * `npm start` and the e2e suite use a real n8n instead; this emulator follows what n8n 2.8.4
 * answers (routes, filters, `returnData`, 401/404/409 bodies).
 */
import { SandboxClock } from '../core/clock';
import { FaultQueue } from '../core/faults';
import type { ActiveFault, FaultSpec } from '../core/faults';
import { DEFAULT_SECRET_HEADERS, RequestLog } from '../core/log';
import type { RequestLogEntry } from '../core/log';
import { startHttpSandbox } from '../core/server';
import { DataTablesEmulator } from './emulator';
import type { CellValue, Row, Table } from './emulator';

export type { CellValue, Row, Table };

export const DEFAULT_N8N_API_KEY = 'n8n_api_sandbox_0123456789abcdef0123456789abcdef';

export interface DataTablesSandbox {
	/** 'http://127.0.0.1:<port>' (the n8n base URL; the API is under /api/v1) */
	url: string;
	apiKey: string;
	tables(): Table[];
	/** The rows of the table with this name ([] when there is none). */
	rows(tableName: string): Row[];
	/** Changes matching rows directly, as a user editing the table would (e.g. to age a challenge). */
	patchRows(tableName: string, filter: unknown, data: Record<string, CellValue>): Row[];
	/** Update requests received, and rows they changed. */
	counters(): { updateRequests: number; updatesApplied: number };
	injectFault(spec: FaultSpec): void;
	pendingFaults(): ActiveFault[];
	clearFaults(): void;
	requests(): RequestLogEntry[];
	clearRequests(): void;
	reset(): void;
	close(): Promise<void>;
}

export async function startDataTablesSandbox(opts: { port?: number } = {}): Promise<DataTablesSandbox> {
	const clock = new SandboxClock();
	const log = new RequestLog([...DEFAULT_SECRET_HEADERS, 'x-n8n-api-key']);
	const faults = new FaultQueue();
	const apiKey = DEFAULT_N8N_API_KEY;
	const emu = new DataTablesEmulator(() => apiKey, () => clock.now());
	const routes = emu.routeNames();
	const http = await startHttpSandbox({
		title: 'n8n data tables',
		port: opts.port,
		clock,
		log,
		faults,
		resolve: (req) => emu.resolve(req),
		faultResponse: (_kind, status) => emu.faultResponse(status),
		control: [
			{
				method: 'POST',
				path: '/reset',
				summary: 'Drops every table, fault and logged request',
				handle: () => {
					faults.clear();
					log.clear();
					emu.reset();
				},
			},
			{
				method: 'GET',
				path: '/tables',
				summary: 'Every table with its rows',
				handle: () => emu.list(),
			},
			{
				method: 'POST',
				path: '/rows',
				summary: 'Changes rows of a table directly',
				example: '{"table":"otp_challenges","filter":{"type":"and","filters":[{"columnName":"phone","value":"09121234567"}]},"data":{"expiresAt":0}}',
				handle: (body) => {
					const b = body as { table?: string; filter?: unknown; data?: Record<string, CellValue> };
					return emu.patchRows(String(b.table), b.filter, b.data ?? {});
				},
			},
			{
				method: 'POST',
				path: '/fault',
				summary: `Injects a fault; routes: ${routes.join(', ')}`,
				example: '{"route":"updateRows","kind":"resetAfter"}',
				handle: (body) => faults.inject(body as unknown as FaultSpec, routes),
			},
			{
				method: 'GET',
				path: '/requests',
				summary: 'The API requests received (API key masked)',
				handle: () => log.list(),
			},
		],
		helpNotes: [`API: ${'/api/v1/data-tables'} with header X-N8N-API-KEY: ${apiKey}`],
	});

	return {
		url: http.url,
		apiKey,
		tables: () => emu.list(),
		rows: (name) => emu.tableByName(name)?.rows.map((r) => ({ ...r })) ?? [],
		patchRows: (name, filter, data) => emu.patchRows(name, filter, data),
		counters: () => ({ ...emu.counters }),
		injectFault: (spec) => void faults.inject(spec, routes),
		pendingFaults: () => faults.pending(),
		clearFaults: () => faults.clear(),
		requests: () => log.list(),
		clearRequests: () => log.clear(),
		reset: () => {
			faults.clear();
			log.clear();
			emu.reset();
		},
		close: () => http.close(),
	};
}
