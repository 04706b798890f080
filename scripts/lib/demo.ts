/**
 * What `npm start` and the e2e suite import into n8n, from the manifest: the sandbox credentials
 * of every row, and the demo workflows of every row that has some.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { fromRepo, providers as manifestRows, type ProviderRow } from '../../manifest';
import { withAcceptedPollTimes } from './poll-times';
import type { RunningSandbox } from './sandboxes';

export interface SeedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export type DemoWorkflow = Record<string, unknown> & { id: string; name: string };

/** Every credential of every running sandbox, pointing at it. */
export function seedCredentials(sandboxes: RunningSandbox[]): SeedCredential[] {
	return sandboxes.flatMap(({ row, handle }) =>
		row.credentials.map((c) => ({
			id: c.sandbox.id,
			name: c.sandbox.name,
			type: c.type,
			data: c.sandbox.data(handle),
		})),
	);
}

/** A row's demo workflows, in file-name order (none when the row has no `demo`). */
export function demoWorkflows(row: ProviderRow): DemoWorkflow[] {
	if (!row.demo) return [];
	const folder = fromRepo(row.demo.folder);
	return fs
		.readdirSync(folder)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as DemoWorkflow);
}

/**
 * Every row's demo workflows as imported: inactive (activation goes through the REST API), with poll
 * schedules every n8n version we run accepts (see poll-times.ts).
 */
export function seedWorkflows(rows: readonly ProviderRow[] = manifestRows): DemoWorkflow[] {
	return rows.flatMap(demoWorkflows).map((w) => withAcceptedPollTimes<DemoWorkflow>({ ...w, active: false }));
}

/** Ids of the demo workflows `npm start` activates. */
export function activeDemoWorkflowIds(rows: readonly ProviderRow[] = manifestRows): string[] {
	return rows.flatMap((row) => row.demo?.active ?? []);
}

/** What `npm start` prints about the demo workflows: where they are, and which run on their own. */
export function demoHints(rows: readonly ProviderRow[] = manifestRows): string[] {
	const workflows = rows.flatMap(demoWorkflows);
	if (workflows.length === 0) return [];
	const active = new Set(activeDemoWorkflowIds(rows));
	const lines = ['Demo workflows are under Overview.'];
	for (const w of workflows.filter((w) => active.has(w.id)))
		lines.push(`  Active, runs on its own: "${w.name}"`);
	return lines;
}
