/**
 * n8n's data-table public API (`/api/v1/data-tables`), reached with an API key: the store that
 * every n8n process of the instance shares (main, queue-mode workers, after restarts).
 */
import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../shared/errors';
import type { ProviderApi, ProviderResponse, ReadContext, RequestContext } from '../../shared/transport';
import { callProvider, normaliseBaseUrl, unexpectedAnswer } from '../../shared/transport';

export const CREDENTIAL_TYPE = 'otpVerificationApi';
export const STORE_NAME = 'n8n data table';

export const api: ProviderApi = {
	name: STORE_NAME,
	credentialType: CREDENTIAL_TYPE,
	baseUrl: (credentials) => `${normaliseBaseUrl(credentials.n8nUrl, ['/api/v1', '/api'])}/api/v1`,
	skipSslValidation: (credentials) => credentials.ignoreSslIssues === true,
};

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell> & { id: number };

export interface FilterRecord {
	columnName: string;
	condition?: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
	value: Cell;
}

export interface TableInfo {
	id: string;
	name: string;
	columns: Array<{ name: string; type: string }>;
}

function andFilter(records: FilterRecord[]) {
	return { type: 'and', filters: records.map((r) => ({ condition: 'eq', ...r })) };
}

/** Reads n8n's answers: 2xx JSON, or its `{message}` errors (which prove nothing was changed). */
function readJson(response: ProviderResponse, context: ReadContext, what: string): unknown {
	const { statusCode, json } = response;
	if (statusCode >= 200 && statusCode < 300 && json !== undefined) return json;
	const message = (json as { message?: unknown } | undefined)?.message;
	if (typeof message === 'string' && statusCode >= 400 && statusCode < 500 && statusCode !== 429) {
		const hint =
			statusCode === 401 || statusCode === 403
				? "n8n refused the API key (check it in the credential, and that it has the data-table scopes)."
				: statusCode === 404
					? `${what}: not found (was the data table deleted?).`
					: undefined;
		throw new ProviderError({
			provider: context.provider,
			message,
			httpCode: statusCode,
			outcome: 'refused',
			description: hint,
		});
	}
	throw unexpectedAnswer(response, context, 'n8n may be restarting; try again.');
}

function rowsOf(value: unknown, response: ProviderResponse, context: ReadContext): Row[] {
	const list = Array.isArray(value) ? value : (value as { data?: unknown })?.data;
	if (!Array.isArray(list)) throw unexpectedAnswer(response, context);
	return list.map((row) => {
		const r = row as Record<string, Cell>;
		return { ...r, id: Number(r.id) } as Row;
	});
}

export async function findTables(ctx: RequestContext, name: string): Promise<TableInfo[]> {
	return await callProvider(ctx, api, {
		repeatable: true,
		prepare: () => ({
			method: 'GET',
			path: '/data-tables',
			query: { filter: JSON.stringify({ name }), limit: 250 },
		}),
		read: (response, context) => {
			const value = readJson(response, context, 'Data tables');
			const list = (value as { data?: unknown })?.data;
			if (!Array.isArray(list)) throw unexpectedAnswer(response, context);
			// n8n matches the name as a substring: keep the exact name only.
			return (list as TableInfo[]).filter((t) => t.name === name);
		},
	});
}

/** Creates the table; `undefined` when a table of that name appeared meanwhile (HTTP 409). */
export async function createTable(
	ctx: RequestContext,
	name: string,
	columns: Array<{ name: string; type: 'string' | 'number' }>,
): Promise<TableInfo | undefined> {
	return await callProvider(ctx, api, {
		// A repeat after a lost answer gets 409, which is read as "look it up again".
		repeatable: true,
		prepare: () => ({ method: 'POST', path: '/data-tables', body: { json: { name, columns } } }),
		read: (response, context) => {
			if (response.statusCode === 409) return undefined;
			return readJson(response, context, 'Data table') as TableInfo;
		},
	});
}

export async function listRows(
	ctx: RequestContext,
	tableId: string,
	filter: FilterRecord[],
	limit: number,
): Promise<Row[]> {
	return await callProvider(ctx, api, {
		repeatable: true,
		prepare: () => ({
			method: 'GET',
			path: `/data-tables/${encodeURIComponent(tableId)}/rows`,
			query: { filter: JSON.stringify(andFilter(filter)), limit, sortBy: 'id:asc' },
		}),
		read: (response, context) => rowsOf(readJson(response, context, 'Data table rows'), response, context),
	});
}

export async function insertRow(ctx: RequestContext, tableId: string, data: IDataObject): Promise<Row> {
	return await callProvider(ctx, api, {
		repeatable: false,
		prepare: () => ({
			method: 'POST',
			path: `/data-tables/${encodeURIComponent(tableId)}/rows`,
			body: { json: { data: [data], returnType: 'all' } },
		}),
		read: (response, context) => {
			const rows = rowsOf(readJson(response, context, 'Data table rows'), response, context);
			if (rows.length !== 1) throw unexpectedAnswer(response, context);
			return rows[0];
		},
	});
}

/**
 * Compare-and-set: changes the rows matching every filter record and returns them, `[]` when none
 * matched (another execution changed the row first). Never repeated by us once bytes left: a
 * repeat could not tell its own earlier success from another execution's change.
 */
export async function updateRows(
	ctx: RequestContext,
	tableId: string,
	filter: FilterRecord[],
	data: IDataObject,
): Promise<Row[]> {
	return await callProvider(ctx, api, {
		repeatable: false,
		prepare: () => ({
			method: 'PATCH',
			path: `/data-tables/${encodeURIComponent(tableId)}/rows/update`,
			body: { json: { filter: andFilter(filter), data, returnData: true } },
		}),
		read: (response, context) => rowsOf(readJson(response, context, 'Data table rows'), response, context),
	});
}

export async function deleteRows(ctx: RequestContext, tableId: string, filter: FilterRecord[]): Promise<void> {
	await callProvider(ctx, api, {
		// Deleting the same rows again deletes nothing more.
		repeatable: true,
		prepare: () => ({
			method: 'DELETE',
			path: `/data-tables/${encodeURIComponent(tableId)}/rows/delete`,
			query: { filter: JSON.stringify(andFilter(filter)) },
		}),
		read: (response, context) => void readJson(response, context, 'Data table rows'),
	});
}
