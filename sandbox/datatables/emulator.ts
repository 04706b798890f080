/**
 * The part of n8n's public API (`/api/v1`) that serves data tables to an API key, as n8n 2.8.4
 * answers it: list and create tables, list, insert, update (with `returnData`) and delete rows.
 *
 * Rows are changed one request at a time, so an update filtered on a row's id and a version
 * column is a compare-and-set, as on n8n's SQLite and Postgres stores.
 */
import type { ApiResolution, SandboxRequest, SandboxResponse } from '../core/server';

export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue> & { id: number };

export interface Column {
	name: string;
	type: 'string' | 'number' | 'boolean' | 'date';
}

export interface Table {
	id: string;
	name: string;
	columns: Column[];
	rows: Row[];
	nextRowId: number;
	createdAt: string;
}

interface FilterRecord {
	columnName: string;
	condition: 'eq' | 'neq' | 'like' | 'ilike' | 'gt' | 'gte' | 'lt' | 'lte';
	value: CellValue;
}

interface Filter {
	type: 'and' | 'or';
	filters: FilterRecord[];
}

const API = '/api/v1/data-tables';
const COLUMN_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;
const CONDITIONS = new Set(['eq', 'neq', 'like', 'ilike', 'gt', 'gte', 'lt', 'lte']);

class BadRequest extends Error {}

function json(status: number, value: unknown): SandboxResponse {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(value),
	};
}

function parseBody(text: string): Record<string, unknown> {
	try {
		const value = JSON.parse(text) as unknown;
		if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	} catch {
		// answered below
	}
	throw new BadRequest('Invalid request body');
}

function parseFilter(raw: unknown, required: boolean): Filter | undefined {
	if (raw === undefined || raw === null || raw === '') {
		if (required) throw new BadRequest('filter must not be empty');
		return undefined;
	}
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw new BadRequest('Invalid filter format');
		}
	}
	const f = value as { type?: unknown; filters?: unknown };
	const type = f.type ?? 'and';
	if ((type !== 'and' && type !== 'or') || !Array.isArray(f.filters ?? [])) throw new BadRequest('Invalid filter');
	const filters = ((f.filters ?? []) as Array<Record<string, unknown>>).map((r) => {
		const condition = (r.condition ?? 'eq') as string;
		if (typeof r.columnName !== 'string' || !CONDITIONS.has(condition)) throw new BadRequest('Invalid filter');
		return { columnName: r.columnName, condition, value: r.value as CellValue } as FilterRecord;
	});
	if (required && filters.length === 0) throw new BadRequest('filter must not be empty');
	return { type, filters };
}

function likeToRegExp(pattern: string, flags: string): RegExp {
	const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, flags);
}

function matchesRecord(row: Row, r: FilterRecord): boolean {
	const cell = row[r.columnName];
	switch (r.condition) {
		case 'eq':
			return cell === r.value;
		case 'neq':
			return cell !== r.value;
		case 'like':
			return typeof cell === 'string' && likeToRegExp(String(r.value), '').test(cell);
		case 'ilike':
			return typeof cell === 'string' && likeToRegExp(String(r.value), 'i').test(cell);
		default: {
			if (cell === null || cell === undefined || r.value === null) return false;
			const [a, b] = [cell as number | string, r.value as number | string];
			if (r.condition === 'gt') return a > b;
			if (r.condition === 'gte') return a >= b;
			if (r.condition === 'lt') return a < b;
			return a <= b;
		}
	}
}

function matches(row: Row, filter: Filter | undefined): boolean {
	if (!filter || filter.filters.length === 0) return true;
	return filter.type === 'and'
		? filter.filters.every((r) => matchesRecord(row, r))
		: filter.filters.some((r) => matchesRecord(row, r));
}

export class DataTablesEmulator {
	private tables = new Map<string, Table>();
	private nextTableNumber = 1;
	/** Rows read (GET), inserted, updated (rows changed) and deleted, for tests. */
	readonly counters = { updateRequests: 0, updatesApplied: 0 };

	constructor(
		private readonly apiKey: () => string,
		private readonly now: () => Date,
	) {}

	reset(): void {
		this.tables.clear();
		this.nextTableNumber = 1;
		this.counters.updateRequests = 0;
		this.counters.updatesApplied = 0;
	}

	list(): Table[] {
		return [...this.tables.values()];
	}

	tableByName(name: string): Table | undefined {
		return this.list().find((t) => t.name === name);
	}

	createTable(name: string, columns: Column[]): Table {
		if (this.tableByName(name)) throw new Conflict(`Data table with name '${name}' already exists in this project`);
		const id = `dt${String(this.nextTableNumber++).padStart(14, '0')}`;
		const table: Table = { id, name, columns, rows: [], nextRowId: 1, createdAt: this.now().toISOString() };
		this.tables.set(id, table);
		return table;
	}

	/** Changes rows of a table as a user editing it in n8n would (control surface). */
	patchRows(name: string, filter: unknown, data: Record<string, CellValue>): Row[] {
		const table = this.tableByName(name);
		if (!table) throw new Error(`no data table named ${name}`);
		const f = parseFilter(filter, false);
		const changed = table.rows.filter((r) => matches(r, f));
		for (const row of changed) Object.assign(row, data);
		return changed;
	}

	routeNames(): string[] {
		return ['listTables', 'createTable', 'getRows', 'insertRows', 'updateRows', 'deleteRows'];
	}

	resolve(req: SandboxRequest): ApiResolution {
		const path = req.pathname.replace(/\/+$/, '');
		const rowsMatch = /^\/api\/v1\/data-tables\/([^/]+)\/rows(?:\/(update|delete))?$/.exec(path);
		let name: string | undefined;
		if (path === API) name = req.method === 'GET' ? 'listTables' : req.method === 'POST' ? 'createTable' : undefined;
		else if (rowsMatch && !rowsMatch[2]) name = req.method === 'GET' ? 'getRows' : req.method === 'POST' ? 'insertRows' : undefined;
		else if (rowsMatch?.[2] === 'update' && req.method === 'PATCH') name = 'updateRows';
		else if (rowsMatch?.[2] === 'delete' && req.method === 'DELETE') name = 'deleteRows';
		const route = name;
		return {
			names: route ? [route] : undefined,
			run: () => this.answer(req, route, rowsMatch?.[1]),
		};
	}

	private answer(req: SandboxRequest, route: string | undefined, tableId: string | undefined): SandboxResponse {
		if (!route) return json(404, { message: 'not found' });
		const key = req.headers['x-n8n-api-key'];
		if (typeof key !== 'string' || key !== this.apiKey()) return json(401, { message: 'unauthorized' });
		try {
			if (route === 'listTables') return this.listTables(req);
			if (route === 'createTable') return this.createTableRoute(req);
			const table = this.tables.get(decodeURIComponent(tableId ?? ''));
			if (!table) return json(404, { message: `Could not find the data table: '${tableId}'` });
			if (route === 'getRows') return this.getRows(table, req);
			if (route === 'insertRows') return this.insertRows(table, req);
			if (route === 'updateRows') return this.updateRows(table, req);
			return this.deleteRows(table, req);
		} catch (error) {
			if (error instanceof Conflict) return json(409, { message: error.message });
			if (error instanceof BadRequest) return json(400, { message: error.message });
			throw error;
		}
	}

	private publicTable(t: Table) {
		return {
			id: t.id,
			name: t.name,
			columns: t.columns.map((c, index) => ({ name: c.name, type: c.type, index, dataTableId: t.id })),
			createdAt: t.createdAt,
			updatedAt: t.createdAt,
		};
	}

	private listTables(req: SandboxRequest): SandboxResponse {
		let nameFilter: string[] | undefined;
		const raw = req.query.get('filter');
		if (raw) {
			let parsed: { name?: string | string[] };
			try {
				parsed = JSON.parse(raw) as { name?: string | string[] };
			} catch {
				return json(400, { message: 'Invalid filter format' });
			}
			if (parsed.name !== undefined) nameFilter = Array.isArray(parsed.name) ? parsed.name : [parsed.name];
		}
		// n8n matches a name filter as a case-insensitive substring.
		const data = this.list()
			.filter((t) => !nameFilter || nameFilter.some((n) => t.name.toLowerCase().includes(n.toLowerCase())))
			.map((t) => this.publicTable(t));
		return json(200, { data, nextCursor: null });
	}

	private createTableRoute(req: SandboxRequest): SandboxResponse {
		const body = parseBody(req.body);
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (!name || name.length > 128) throw new BadRequest('name must be 1-128 characters');
		const columns = (Array.isArray(body.columns) ? body.columns : []) as Column[];
		for (const c of columns) {
			if (!COLUMN_NAME.test(String(c?.name)) || !['string', 'number', 'boolean', 'date'].includes(c?.type)) {
				throw new BadRequest(`Invalid column ${JSON.stringify(c)}`);
			}
		}
		const table = this.createTable(name, columns.map((c) => ({ name: c.name, type: c.type })));
		return json(201, this.publicTable(table));
	}

	private rowOut(table: Table, row: Row) {
		const out: Record<string, unknown> = { id: row.id };
		for (const c of table.columns) out[c.name] = row[c.name] ?? null;
		out.createdAt = row.createdAt;
		out.updatedAt = row.updatedAt;
		return out;
	}

	private checkData(table: Table, data: unknown): Record<string, CellValue> {
		if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BadRequest('data must be an object');
		const out: Record<string, CellValue> = {};
		for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
			const column = table.columns.find((c) => c.name === name);
			if (!column) throw new BadRequest(`unknown column name '${name}'`);
			if (value !== null) {
				const ok =
					(column.type === 'string' && typeof value === 'string') ||
					(column.type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
					(column.type === 'boolean' && typeof value === 'boolean') ||
					(column.type === 'date' && typeof value === 'string');
				if (!ok) throw new BadRequest(`value '${String(value)}' does not match column type '${column.type}': ${name}`);
			}
			out[name] = value as CellValue;
		}
		return out;
	}

	private getRows(table: Table, req: SandboxRequest): SandboxResponse {
		const filter = parseFilter(req.query.get('filter') ?? undefined, false);
		const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 100) || 100, 1), 250);
		const sortBy = req.query.get('sortBy') ?? 'id:asc';
		const [column, direction] = sortBy.split(':');
		const rows = table.rows.filter((r) => matches(r, filter));
		rows.sort((a, b) => {
			const x = a[column] as number | string;
			const y = b[column] as number | string;
			const order = x < y ? -1 : x > y ? 1 : 0;
			return direction === 'desc' ? -order : order;
		});
		return json(200, { data: rows.slice(0, limit).map((r) => this.rowOut(table, r)), nextCursor: null });
	}

	private insertRows(table: Table, req: SandboxRequest): SandboxResponse {
		const body = parseBody(req.body);
		if (!Array.isArray(body.data) || body.data.length === 0) throw new BadRequest('data must be a non-empty array');
		const values = body.data.map((d) => this.checkData(table, d));
		const at = this.now().toISOString();
		const inserted = values.map((v) => {
			const row = { ...v, id: table.nextRowId++, createdAt: at, updatedAt: at } as Row;
			table.rows.push(row);
			return row;
		});
		const returnType = body.returnType ?? 'count';
		if (returnType === 'all') return json(200, inserted.map((r) => this.rowOut(table, r)));
		if (returnType === 'id') return json(200, inserted.map((r) => ({ id: r.id })));
		return json(200, { success: true, insertedRows: inserted.length });
	}

	private updateRows(table: Table, req: SandboxRequest): SandboxResponse {
		const body = parseBody(req.body);
		const filter = parseFilter(body.filter, true);
		const data = this.checkData(table, body.data);
		if (Object.keys(data).length === 0) throw new BadRequest('data must not be empty');
		this.counters.updateRequests++;
		const rows = table.rows.filter((r) => matches(r, filter));
		const at = this.now().toISOString();
		for (const row of rows) Object.assign(row, data, { updatedAt: at });
		this.counters.updatesApplied += rows.length;
		return json(200, body.returnData === true ? rows.map((r) => this.rowOut(table, r)) : true);
	}

	private deleteRows(table: Table, req: SandboxRequest): SandboxResponse {
		const filter = parseFilter(req.query.get('filter') ?? undefined, true);
		const removed = table.rows.filter((r) => matches(r, filter));
		table.rows = table.rows.filter((r) => !matches(r, filter));
		return json(200, req.query.get('returnData') === 'true' ? removed.map((r) => this.rowOut(table, r)) : true);
	}

	faultResponse(status: number): SandboxResponse {
		return json(status, { message: status === 429 ? 'Too many requests' : 'Internal server error' });
	}
}

class Conflict extends Error {}
