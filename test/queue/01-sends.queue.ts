/**
 * The SMS providers' operation and error cases of the e2e suite, unchanged, in queue mode: each
 * case's own checks (the items, the sandbox's ledger and request log) must pass when the execution
 * runs on a worker, so a send gives the same items as in regular mode. Then: every one of these
 * executions ran on exactly one worker, and both workers took some.
 */
import { providerE2e, triggerCases } from '../e2e/cases';
import { connect, describeEach, runOperationCase, testEach, type E2eContext } from '../e2e/helpers';
import { executionsByWorker } from './queue';

// The SMS providers are the rows with an inbox trigger (SepahanGostar, Melipayamak, AmootSMS).
const smsProviders = triggerCases(providerE2e);
const ran: Array<{ provider: string; title: string; executionId: string }> = [];

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

test('the SMS providers are in the manifest with cases', () => {
	expect(smsProviders.map((p) => p.id).sort()).toEqual(['amootSms', 'melipayamak', 'sepahanGostar']);
});

describeEach(smsProviders, (p) => p.id, (provider) => {
	testEach([...provider.operationCases, ...provider.errorCases], (c) => c.title, async (c) => {
		const result = await runOperationCase(base, provider.id, c);
		ran.push({ provider: provider.id, title: c.title, executionId: String(result.execution.id) });
	});
});

test('every execution ran on a worker, once, and both workers took some', () => {
	const cases = smsProviders.reduce((n, p) => n + p.operationCases.length + p.errorCases.length, 0);
	expect(ran).toHaveLength(cases);
	const byWorker = executionsByWorker(base.state);
	const placement = ran.map((r) => ({ ...r, workers: [...byWorker].filter(([, ids]) => ids.has(r.executionId)).map(([w]) => w) }));
	expect(placement.filter((p) => p.workers.length !== 1)).toEqual([]);
	for (const [worker, ids] of byWorker) expect({ worker, ran: ran.some((r) => ids.has(r.executionId)) }).toEqual({ worker, ran: true });
	process.stdout.write(
		`[queue] ${ran.length} case executions: ${[...byWorker].map(([w, ids]) => `${w} ${ran.filter((r) => ids.has(r.executionId)).length}`).join(', ')}\n`,
	);
});
