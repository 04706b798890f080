/**
 * The trigger, activated in a running n8n: inbound SMS added to the sandbox produce executions, each
 * message is emitted once, and after an n8n restart only new messages are emitted.
 */
import { providerE2e, triggerCases } from './cases';
import type { CaseContext } from './cases/types';
import { splitPollTimes } from '../../scripts/lib/poll-times';
import { connect, createWorkflow, describeEach, emittedItems, restartN8n, waitFor, type E2eContext } from './helpers';

const TRIGGER_NAME = 'Inbound SMS';
// One poll time per second value: n8n 2.41 refuses a single poll time that fires more than once a minute.
const EVERY_5_SECONDS = splitPollTimes([{ mode: 'custom', cronExpression: '*/5 * * * * *' }]);

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

if (triggerCases(providerE2e).length === 0) test.todo('no manifest row with e2e cases declares a trigger');

describeEach(triggerCases(providerE2e), (p) => p.id, (provider) => {
	const id = provider.id;
	test('activated trigger emits each inbound SMS once, and only new ones after a restart', async () => {
		let ctx: CaseContext = { ...base, sb: base.sandbox(id) };
		await ctx.sb.reset();
		const spec = provider.trigger;
		const workflowId = await createWorkflow(ctx.rest, {
			name: `e2e: ${id} trigger`,
			nodes: [
				{
					id: 'e2e-trigger',
					name: TRIGGER_NAME,
					type: spec.nodeType,
					typeVersion: 1,
					position: [0, 0],
					parameters: { ...spec.parameters, pollTimes: { item: EVERY_5_SECONDS } },
					credentials: spec.credentials,
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		const texts = async () => (await emittedItems(ctx, workflowId, TRIGGER_NAME)).map((i) => spec.textOf(i.json));
		const waitForTexts = (wanted: string[]) =>
			waitFor(`trigger to emit ${wanted.join(', ')}`, texts, (got) => wanted.every((w) => got.includes(w)), 40_000);

		await ctx.rest.activateWorkflow(workflowId);
		try {
			await spec.addInbound(ctx, 'e2e inbound 1');
			await waitForTexts(['e2e inbound 1']);
			const [first] = await emittedItems(ctx, workflowId, TRIGGER_NAME);
			spec.checkItem(first.json, 'e2e inbound 1');

			await spec.addInbound(ctx, 'e2e inbound 2');
			await spec.addInbound(ctx, 'e2e inbound 3');
			await waitForTexts(['e2e inbound 1', 'e2e inbound 2', 'e2e inbound 3']);

			// Restart n8n; one SMS arrives while it is down, one after it is back.
			const restarted = await restartN8n(async () => {
				await spec.addInbound(ctx, 'e2e inbound 4 (while n8n was down)');
			});
			ctx = { ...restarted, sb: restarted.sandbox(id) };
			await spec.addInbound(ctx, 'e2e inbound 5');
			const all = ['e2e inbound 1', 'e2e inbound 2', 'e2e inbound 3', 'e2e inbound 4 (while n8n was down)', 'e2e inbound 5'];
			await waitForTexts(all);
			// Two more polls: nothing is emitted again.
			await new Promise((resolve) => setTimeout(resolve, 11_000));
			const final = await texts();
			expect([...final].sort()).toEqual([...all].sort());
			const items = await emittedItems(ctx, workflowId, TRIGGER_NAME);
			for (const item of items) spec.checkItem(item.json, spec.textOf(item.json));
			expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
		} finally {
			await ctx.rest.deactivateWorkflow(workflowId);
		}
	});
});
