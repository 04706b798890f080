/**
 * Benchmark: Melipayamak sends through n8n's engine against the loopback sandbox: 10,000
 * recipients in one item, 10,000 items with the same text, and 1,000 pattern sends (one number per
 * request). Prints requests made and wall time (median of 3 runs).
 * Run: npx jest -c test/bench/jest.config.js test/bench/melipayamak (nothing here is a timed test).
 */
import { performance } from 'node:perf_hooks';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { run } from '../melipayamak/setup';
import { startMelipayamakSandbox } from '../../sandbox/melipayamak';

const RECIPIENTS = 10_000;
const PATTERNS = 1_000;
const ROUNDS = 3;
const LINE = '50002710000000';

it('benchmark: Melipayamak, 10,000 recipients', async () => {
	const sandbox = await startMelipayamakSandbox();
	const numbers = Array.from({ length: RECIPIENTS }, (_, i) => `0912${String(i).padStart(7, '0')}`);
	const cases: Array<{ name: string; parameters: INodeParameters; items: INodeExecutionData[] }> = [
		{
			name: `Send, ${RECIPIENTS} recipients in one item`,
			parameters: { resource: 'sms', operation: 'send', from: LINE, to: '={{ $json.to }}', message: 'Benchmark', options: {} },
			items: [{ json: { to: numbers } }],
		},
		{
			name: `Send, ${RECIPIENTS} items with the same text`,
			parameters: { resource: 'sms', operation: 'send', from: LINE, to: '={{ $json.to }}', message: 'Benchmark\nلغو11', options: {} },
			items: numbers.map((to) => ({ json: { to } })),
		},
		{
			name: `Send Pattern, ${PATTERNS} items`,
			parameters: { resource: 'sms', operation: 'sendPattern', to: '={{ $json.to }}', bodyId: 1001, variables: '12345' },
			items: numbers.slice(0, PATTERNS).map((to) => ({ json: { to } })),
		},
	];
	try {
		for (const benchCase of cases) {
			const times: number[] = [];
			let requests = 0;
			let outputItems = 0;
			for (let round = 0; round < ROUNDS; round++) {
				sandbox.reset();
				const started = performance.now();
				const { output, error } = await run(sandbox, benchCase.parameters, { items: benchCase.items });
				times.push(performance.now() - started);
				if (error) throw error;
				requests = sandbox.requests().length;
				outputItems = output?.[0].length ?? 0;
			}
			times.sort((a, b) => a - b);
			console.log(`${benchCase.name}: ${requests} requests, ${outputItems} output items, median ${Math.round(times[1])} ms (runs: ${times.map((t) => Math.round(t)).join(', ')} ms)`);
		}
	} finally {
		await sandbox.close();
	}
});
