/**
 * `npm run bench`: the package's figures beside the alternatives, for the three SMS providers, on
 * the loopback emulators with 20 ms added per request. A report, not a test: it prints tables and
 * the targets met or not, writes bench/results/bench-<date>.json, and fails only if a run breaks.
 *
 * BENCH_ROUNDS (default 3) sets the runs per figure; BENCH_N8N=0 skips the real n8n execution.
 */
import * as path from 'node:path';

import { measureN8n } from './lib/n8n';
import { amootSmsBench, LATENCY_MS, melipayamakBench, sepahanGostarBench, type BenchProvider } from './lib/providers';
import { evaluate, machine, render, writeResult, type BenchResult } from './lib/report';
import { measureSends, type SendRow } from './lib/sends';
import { measureTriggers } from './lib/triggers';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WITH_N8N = process.env.BENCH_N8N !== '0';
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

it('benchmark report', async () => {
	if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 10) throw new Error('BENCH_ROUNDS must be 1 to 10');
	const started = Date.now();
	const sends: SendRow[] = [];
	const fixedInFlight: Record<string, string | undefined> = {};
	for (const make of [sepahanGostarBench, melipayamakBench, amootSmsBench]) {
		const provider: BenchProvider = await make();
		try {
			fixedInFlight[provider.title] = provider.fixedInFlight;
			sends.push(...(await measureSends(provider, ROUNDS, log)));
		} finally {
			await provider.sandbox.close();
		}
	}
	const triggers = await measureTriggers(ROUNDS, log);
	const n8n = WITH_N8N ? await measureN8n(ROUNDS, (provider) => Math.max(...provider.sendInFlight), log) : [];

	const result: BenchResult = {
		date: new Date().toISOString(),
		machine: machine(),
		latencyMs: LATENCY_MS,
		rounds: ROUNDS,
		sends,
		triggers,
		n8n,
		n8nSkipped: WITH_N8N ? undefined : 'BENCH_N8N=0',
		targets: evaluate(sends, triggers, n8n, fixedInFlight),
	};
	const file = writeResult(path.resolve(__dirname, '..', '..'), result);
	process.stdout.write(`\n${render(result)}\nWritten to ${path.relative(process.cwd(), file)} in ${Math.round((Date.now() - started) / 1000)} s.\n`);
});
