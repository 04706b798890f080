/**
 * Benchmark: a 10,000-recipient Send and a 10,000-item Send Personalized through n8n's engine
 * against the loopback sandbox. Prints requests made and wall time (median of 3 runs).
 * Run: npm run bench (Jest is used only to load TypeScript; nothing here is a timed test).
 */
import { performance } from 'node:perf_hooks';

import { startSepahanGostarSandbox } from '../../sandbox/sepahangostar';
import { run } from '../sepahangostar/setup';

const RECIPIENTS = 10_000;
const ROUNDS = 3;

it('benchmark: 10,000 recipients', async () => {
	await main();
});

async function main(): Promise<void> {
	const sandbox = await startSepahanGostarSandbox();
	sandbox.setCredit(10n ** 15n);
	const numbers = Array.from({ length: RECIPIENTS }, (_, i) => `0912${String(i).padStart(7, '0')}`);
	const cases = [
		{
			name: `Send, ${RECIPIENTS} recipients in one item`,
			parameters: { resource: 'sms', operation: 'send', from: '3000123456', to: '={{ $json.to }}', message: 'Benchmark', options: {} },
			items: [{ json: { to: numbers } }],
		},
		{
			name: `Send Personalized, ${RECIPIENTS} items`,
			parameters: { resource: 'sms', operation: 'sendPersonalized', from: '3000123456', to: '={{ $json.to }}', message: '=Hello {{ $json.to }}', options: {} },
			items: numbers.map((to) => ({ json: { to } })),
		},
	];
	try {
		for (const benchCase of cases) {
			const times: number[] = [];
			let requests = 0;
			let outputItems = 0;
			for (let round = 0; round < ROUNDS; round++) {
				sandbox.reset();
				sandbox.setCredit(10n ** 15n);
				const started = performance.now();
				const { output, error } = await run(sandbox, benchCase.parameters, { items: benchCase.items, executionId: `bench-${round}` });
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
}

