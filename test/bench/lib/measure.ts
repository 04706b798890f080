/**
 * Repeated measurements: wall time, requests made and heap growth of one run, and the median and
 * spread of several.
 */
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** A full garbage collection, so a heap baseline is not last run's garbage. */
const collect: () => void = (() => {
	const exposed = (globalThis as { gc?: () => void }).gc;
	if (typeof exposed === 'function') return exposed;
	v8.setFlagsFromString('--expose-gc');
	return vm.runInNewContext('gc') as () => void;
})();

export interface Sample {
	ms: number;
	requests: number;
	/** Highest heap in use during the run, less the heap in use just before it (after a full GC). */
	heapPeakMb: number;
}

export interface Summary {
	runs: number;
	requests: number;
	medianMs: number;
	minMs: number;
	maxMs: number;
	/** Median of the runs' heap growth. */
	heapPeakMb: number;
}

/** Runs `work` once, sampling the heap every few milliseconds; `requests()` counts what the emulator received. */
export async function measure(work: () => Promise<void>, requests: () => number): Promise<Sample> {
	collect();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 5);
	const started = performance.now();
	try {
		await work();
	} finally {
		clearInterval(sampler);
	}
	const ms = performance.now() - started;
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	return { ms, requests: requests(), heapPeakMb: (peak - baseline) / 1024 / 1024 };
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(samples: readonly Sample[]): Summary {
	const times = samples.map((s) => s.ms);
	return {
		runs: samples.length,
		requests: samples[samples.length - 1].requests,
		medianMs: median(times),
		minMs: Math.min(...times),
		maxMs: Math.max(...times),
		heapPeakMb: median(samples.map((s) => s.heapPeakMb)),
	};
}

/** `rounds` measured runs after `prepare` each. */
export async function repeat(
	rounds: number,
	prepare: () => void | Promise<void>,
	work: () => Promise<void>,
	requests: () => number,
): Promise<Summary> {
	const samples: Sample[] = [];
	for (let round = 0; round < rounds; round++) {
		await prepare();
		samples.push(await measure(work, requests));
	}
	return summarise(samples);
}
