/**
 * Each inbox trigger in queue mode: the main polls, the workers run the executions. Both may save
 * the workflow's static data (the main its trigger's cursor after a poll with items; a worker the
 * whole static-data object when the execution changed some, as the Code node after the trigger does
 * here). Over several polls with new messages arriving between them, and across a restart of the
 * main (which reloads the cursor from the database), every inbound SMS is emitted exactly once.
 */
import { providerE2e, triggerCases } from '../e2e/cases';
import type { CaseContext } from '../e2e/cases/types';
import { splitPollTimes } from '../../scripts/lib/poll-times';
import { connect, createWorkflow, describeEach, emittedItems, restartN8n, waitFor, type E2eContext } from '../e2e/helpers';
import { readState } from '../e2e/state';
import { executionsByWorker } from './queue';

const TRIGGER_NAME = 'Inbound SMS';
const COUNTER_NAME = 'Count on the worker';
const EVERY_5_SECONDS = splitPollTimes([{ mode: 'custom', cronExpression: '*/5 * * * * *' }]);
const ROUNDS = 3;

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

describeEach(triggerCases(providerE2e), (p) => p.id, (provider) => {
	const id = provider.id;
	test('every inbound SMS emitted once over several polls, with workers saving static data, and after a main restart', async () => {
		let ctx: CaseContext = { ...base, sb: base.sandbox(id) };
		await ctx.sb.reset();
		const spec = provider.trigger;
		const workflowId = await createWorkflow(ctx.rest, {
			name: `queue: ${id} trigger`,
			nodes: [
				{
					id: 'queue-trigger',
					name: TRIGGER_NAME,
					type: spec.nodeType,
					typeVersion: 1,
					position: [0, 0],
					parameters: { ...spec.parameters, pollTimes: { item: EVERY_5_SECONDS } },
					credentials: spec.credentials,
				},
				{
					// Changes the workflow's static data on the worker, so the worker saves it back.
					id: 'queue-counter',
					name: COUNTER_NAME,
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [300, 0],
					parameters: {
						jsCode:
							"const data = $getWorkflowStaticData('global');\n" +
							'data.received = (data.received || 0) + $input.all().length;\n' +
							'return $input.all();',
					},
				},
			],
			connections: { [TRIGGER_NAME]: { main: [[{ node: COUNTER_NAME, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		const emitted = async () => await emittedItems(ctx, workflowId, TRIGGER_NAME);
		const texts = async () => (await emitted()).map((i) => spec.textOf(i.json));
		const waitForTexts = (wanted: string[]) =>
			waitFor(`trigger to emit ${wanted.join(', ')}`, texts, (got) => wanted.every((w) => got.includes(w)), 60_000);

		const expected: string[] = [];
		await ctx.rest.activateWorkflow(workflowId);
		try {
			// Several polls, new messages between them: each round waits for its messages.
			for (let round = 1; round <= ROUNDS; round++) {
				const batch = [`queue ${id} ${round}a`, `queue ${id} ${round}b`];
				for (const text of batch) await spec.addInbound(ctx, text);
				expected.push(...batch);
				await waitForTexts(expected);
			}

			// A worker saved the workflow's static data (only the Code node on a worker writes `global`),
			// and the database still holds the trigger's cursor, which the main reloads after a restart.
			const stored = await ctx.rest.get<{ staticData?: Record<string, { received?: unknown; inbox?: unknown }> }>(`/workflows/${workflowId}`);
			expect({ global: stored.staticData?.global?.received, cursor: stored.staticData?.[`node:${TRIGGER_NAME}`]?.inbox }).toEqual({
				global: expect.any(Number),
				cursor: expect.objectContaining({ initialised: true }),
			});

			// The main restarts and reloads the cursor the database holds.
			const restarted = await restartN8n(async () => {
				await spec.addInbound(ctx, `queue ${id} while the main was down`);
			});
			expected.push(`queue ${id} while the main was down`);
			ctx = { ...restarted, sb: restarted.sandbox(id) };
			await spec.addInbound(ctx, `queue ${id} after the restart`);
			expected.push(`queue ${id} after the restart`);
			await waitForTexts(expected);

			// Two more polls with nothing new: nothing is emitted again.
			await new Promise((resolve) => setTimeout(resolve, 11_000));
			const items = await emitted();
			const got = items.map((i) => spec.textOf(i.json));
			const duplicates = got.filter((t, i) => got.indexOf(t) !== i);
			const executions = await ctx.rest.listExecutions(workflowId);
			const byWorker = executionsByWorker(readState());
			const onWorkers = executions.filter((e) => [...byWorker.values()].some((ids) => ids.has(String(e.id))));
			const final = await ctx.rest.get<{ staticData?: { global?: { received?: unknown } } }>(`/workflows/${workflowId}`);
			process.stdout.write(
				`[queue] ${id} trigger: ${executions.length} executions (${onWorkers.length} on workers), ` +
					`${got.length} messages emitted of ${expected.length} expected, ${duplicates.length} duplicates; ` +
					`the Code node's stored counter: ${JSON.stringify(final.staticData?.global?.received)}\n`,
			);
			expect(duplicates).toEqual([]);
			expect([...got].sort()).toEqual([...expected].sort());
			for (const item of items) spec.checkItem(item.json, spec.textOf(item.json));
			expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
			expect(executions.every((e) => e.status === 'success')).toBe(true);
			expect(onWorkers).toHaveLength(executions.length);
		} finally {
			await ctx.rest.deactivateWorkflow(workflowId);
		}
	});
});
