/** The benchmark's targets, its tables (Markdown) and its JSON file under bench/results/. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { N8nRow } from './n8n';
import type { SendRow } from './sends';
import type { TriggerRow } from './triggers';

export interface Target {
	target: string;
	subject: string;
	figure: string;
	/** null: does not apply (the reason is in `figure`). */
	met: boolean | null;
}

export interface BenchResult {
	date: string;
	machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverage: number[] };
	latencyMs: number;
	rounds: number;
	sends: SendRow[];
	triggers: TriggerRow[];
	n8n: N8nRow[];
	n8nSkipped?: string;
	targets: Target[];
}

const ms = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (value: number) => `${value.toFixed(2)}×`;

export function machine(): BenchResult['machine'] {
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
	};
}

export function evaluate(sends: SendRow[], triggers: TriggerRow[], n8n: N8nRow[], fixedInFlight: Record<string, string | undefined>): Target[] {
	const targets: Target[] = [];
	const subject = (row: SendRow) => `${row.provider}, ${row.case}, ${row.inFlight} in flight`;
	for (const row of sends) {
		targets.push({
			target: 'requests = ceil(n / the API limit)',
			subject: subject(row),
			figure: `${row.node.requests} (expected ${row.expectedRequests})`,
			met: row.node.requests === row.expectedRequests,
		});
		targets.push({
			target: 'time ≤ 1.2× the floor',
			subject: subject(row),
			figure: `${ratio(row.node.medianMs / row.floor.medianMs)}; without n8n's parameter reading ${ratio(Math.max(0, row.node.medianMs - row.parameters.medianMs) / row.floor.medianMs)}`,
			met: row.node.medianMs <= 1.2 * row.floor.medianMs,
		});
		targets.push({ target: 'heap growth ≤ 50 MB', subject: subject(row), figure: `${row.node.heapPeakMb.toFixed(1)} MB`, met: row.node.heapPeakMb <= 50 });
	}
	const providers = [...new Set(sends.map((row) => row.provider))];
	for (const provider of providers) {
		const rows = sends.filter((row) => row.provider === provider);
		const cases = [...new Set(rows.map((row) => row.case))];
		for (const name of cases) {
			const one = rows.find((row) => row.case === name && row.inFlight === 1);
			const four = rows.find((row) => row.case === name && row.inFlight === 4);
			if (one && four) {
				const speedup = one.node.medianMs / four.node.medianMs;
				targets.push({ target: '4 in flight ≥ 3× faster than 1', subject: `${provider}, ${name}`, figure: `${ratio(speedup)} (floor ${ratio(one.floor.medianMs / four.floor.medianMs)})`, met: speedup >= 3 });
			}
		}
		if (fixedInFlight[provider]) targets.push({ target: '4 in flight ≥ 3× faster than 1', subject: provider, figure: `does not apply: ${fixedInFlight[provider]}`, met: null });
	}
	for (const row of n8n) {
		const alone = sends.find((send) => send.provider === row.provider && send.case.startsWith('send: 10,000 items') && send.inFlight === row.inFlight);
		if (!alone) continue;
		targets.push({
			target: 'in a real n8n execution ≤ 2× the node alone',
			subject: `${row.provider}, 10,000 items, ${row.inFlight} in flight`,
			figure: `${ratio(row.nodeMedianMs / alone.node.medianMs)} (${ms(row.nodeMedianMs)} vs ${ms(alone.node.medianMs)} ms; whole execution ${ms(row.executionMedianMs)} ms)`,
			met: row.nodeMedianMs <= 2 * alone.node.medianMs && row.requests === alone.expectedRequests,
		});
	}
	for (const provider of [...new Set(triggers.map((row) => row.provider))]) {
		const rows = triggers.filter((row) => row.provider === provider).sort((a, b) => a.history - b.history);
		const fresh = rows[0];
		const long = rows[rows.length - 1];
		targets.push({
			target: 'trigger static data ≤ 1 MB',
			subject: `${provider}, ${long.history.toLocaleString('en-US')} seen + ${long.newMessages.toLocaleString('en-US')} new`,
			figure: `${(long.staticDataBytes / 1024).toFixed(0)} KB`,
			met: long.staticDataBytes <= 1024 * 1024,
		});
		targets.push({
			target: 'trigger cost follows new messages, not history',
			subject: provider,
			figure: `${long.poll.requests} vs ${fresh.poll.requests} requests, ${ms(long.poll.medianMs)} vs ${ms(fresh.poll.medianMs)} ms, ${long.emitted} vs ${fresh.emitted} emitted (${long.history.toLocaleString('en-US')} vs ${fresh.history} seen)`,
			met: long.poll.requests === fresh.poll.requests && long.emitted === long.newMessages && long.poll.medianMs <= 1.5 * fresh.poll.medianMs,
		});
	}
	return targets;
}

function table(header: string[], rows: string[][]): string {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function render(result: BenchResult): string {
	const spread = (s: { medianMs: number; minMs: number; maxMs: number }) => `${ms(s.medianMs)} (${ms(s.minMs)}–${ms(s.maxMs)})`;
	const scaled = (row: SendRow, value: number) => (row.scale === 1 ? ms(value) : `${ms(value)} → ${ms(value * row.scale)}`);
	const sends = table(
		['Provider', 'Case', 'In flight', 'Requests', 'Node ms', 'Floor ms', 'Node / floor', "n8n's parameter reading ms", 'Heap MB node (floor)', 'One request per recipient, 10,000 ms'],
		result.sends.map((row) => [
			row.provider,
			row.case,
			String(row.inFlight),
			`${row.node.requests}`,
			row.scale === 1 ? spread(row.node) : `${scaled(row, row.node.medianMs)}`,
			scaled(row, row.floor.medianMs),
			ratio(row.node.medianMs / row.floor.medianMs),
			row.parameters.runs ? ms(row.parameters.medianMs) : '–',
			`${row.node.heapPeakMb.toFixed(1)} (${row.floor.heapPeakMb.toFixed(1)})`,
			row.perRecipient ? `≈ ${ms(row.perRecipient.scaledMedianMs)}` : '–',
		]),
	);
	const triggers = table(
		['Trigger', 'Seen before', 'New', 'Requests', 'Poll ms', 'Emitted', 'Static data KB'],
		result.triggers.map((row) => [row.provider, row.history.toLocaleString('en-US'), row.newMessages.toLocaleString('en-US'), String(row.poll.requests), spread(row.poll), String(row.emitted), (row.staticDataBytes / 1024).toFixed(0)]),
	);
	const n8n = result.n8n.length
		? table(
				['Provider', 'In flight', 'Requests', 'Output items', 'Node in n8n ms', 'Whole execution ms'],
				result.n8n.map((row) => [row.provider, String(row.inFlight), String(row.requests), String(row.outputItems), spread({ medianMs: row.nodeMedianMs, minMs: row.nodeMinMs, maxMs: row.nodeMaxMs }), ms(row.executionMedianMs)]),
			)
		: `(not run: ${result.n8nSkipped ?? 'skipped'})`;
	const targets = table(
		['Target', 'Case', 'Figure', 'Met'],
		result.targets.map((t) => [t.target, t.subject, t.figure, t.met === null ? 'n/a' : t.met ? 'met' : '**not met**']),
	);
	const m = result.machine;
	return [
		`Benchmark ${result.date}: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, load average at the end ${m.loadAverage.join(' ')}.`,
		`Emulators on 127.0.0.1 with ${result.latencyMs} ms added per request; ${result.rounds} runs each, median (min–max).`,
		'',
		'Sends and lookups (node through n8n\'s execution engine; floor = the same requests from a keep-alive fetch loop at the same number in flight):',
		'',
		sends,
		'',
		'Triggers (one poll after activation):',
		'',
		triggers,
		'',
		`The 10,000-item send in a real n8n ${result.n8n[0]?.n8nVersion ?? ''} execution:`,
		'',
		n8n,
		'',
		'Targets:',
		'',
		targets,
		'',
	].join('\n');
}

/** Writes the result as bench/results/bench-<date>.json; returns the path. */
export function writeResult(root: string, result: BenchResult): string {
	const dir = path.join(root, 'bench', 'results');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `bench-${result.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`);
	fs.writeFileSync(file, JSON.stringify(result, null, '\t') + '\n');
	return file;
}
