/** Runs last: no credential value appears in any execution data or n8n log line of the whole suite. */
import { providerE2e } from './cases';
import type { CaseContext } from './cases/types';
import { connect, n8nLog, type E2eContext } from './helpers';

let base: E2eContext;
let secrets: string[];
beforeAll(async () => {
	base = await connect();
	secrets = providerE2e.flatMap((p) => p.secrets({ ...base, sb: base.sandbox(p.id) } as CaseContext));
});

test('the suite produced executions to inspect', async () => {
	const list = await base.rest.listAllExecutions();
	expect(list.length).toBeGreaterThan(10);
});

test('no credential value in any execution data', async () => {
	const list = await base.rest.listAllExecutions();
	for (const { id } of list) {
		const text = JSON.stringify(await base.rest.getExecution(id));
		for (const secret of secrets) expect({ execution: id, leaks: text.includes(secret) }).toEqual({ execution: id, leaks: false });
	}
});

test('no credential value in any n8n log line', () => {
	const lines = n8nLog(base.state).split('\n');
	expect(lines.length).toBeGreaterThan(20);
	for (const secret of secrets) expect(lines.filter((line) => line.includes(secret))).toEqual([]);
});
