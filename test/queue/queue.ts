/**
 * What the queue-mode suite adds to the e2e helpers: the n8n version and settings of queue mode, the
 * workers (start, kill, restart) and which worker ran which execution, read from the workers' logs.
 */
import * as path from 'node:path';

import { readLog, startN8n, stopGroup, type N8nInstanceConfig } from '../../scripts/lib/n8n-process';
import { N8N_FLOOR, N8N_VERSION_ENV, selectedTarget, type N8nTarget } from '../../scripts/lib/paths';
import { freePorts } from '../../scripts/lib/ports';
import { killGroup } from '../../scripts/lib/proc';
import { readState, writeState, type E2eState, type E2eWorker } from '../e2e/state';

/**
 * Queue mode runs on one n8n version: 2.8.4 unless N8N_SMS_OTP_N8N_VERSION picks another. On 2.41.1
 * a worker that changes static data saves a copy without the trigger's cursor (README, Queue mode).
 */
export function QUEUE_TARGET(): N8nTarget {
	return selectedTarget({ [N8N_VERSION_ENV]: process.env[N8N_VERSION_ENV] || N8N_FLOOR.version });
}

export const WORKERS = ['worker-1', 'worker-2'] as const;

/** Jobs each worker runs at once (n8n's default is 10; it warns below 5). */
export const WORKER_CONCURRENCY = 5;

/**
 * The settings every process of the queue-mode setup shares: Bull on the suite's Redis, the shared
 * PostgreSQL, manual executions offloaded to the workers, and short job leases so that a killed
 * worker's jobs are noticed (stalled) within seconds instead of n8n's default 30.
 */
export function queueEnv(redisPort: number, database: Record<string, string>): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_WORKER_LOCK_DURATION: '6000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '3000',
		...database,
	};
}

/** A worker's configuration: the main's user folder, database and Redis; its own ports and log. */
export async function workerConfig(main: N8nInstanceConfig, instance: string): Promise<N8nInstanceConfig> {
	const [port, brokerPort] = await freePorts(2);
	return {
		...main,
		command: 'worker',
		instance,
		port,
		brokerPort,
		logFile: path.join(main.userFolder, `n8n-${instance}.log`),
		extraEnv: { ...main.extraEnv, N8N_CONCURRENCY_PRODUCTION_LIMIT: String(WORKER_CONCURRENCY) },
	};
}

export function workerOf(state: E2eState, instance: string): E2eWorker {
	const worker = state.queue?.workers.find((w) => w.instance === instance);
	if (!worker) throw new Error(`no queue-mode worker "${instance}" in this run (run the suite with npm run test:queue)`);
	return worker;
}

/** SIGKILL to a worker's whole process group (n8n gets no chance to finish or hand back its jobs). */
export async function killWorker(instance: string): Promise<void> {
	const worker = workerOf(readState(), instance);
	killGroup(worker.pid, 'SIGKILL');
	await stopGroup(worker.pid, 5000);
}

/** Starts a worker again with its configuration (after killWorker) and records its new pid. */
export async function startWorker(instance: string): Promise<void> {
	const state = readState();
	const worker = workerOf(state, instance);
	const running = await startN8n(worker.config);
	const now = readState();
	writeState({
		...now,
		queue: { ...now.queue!, workers: now.queue!.workers.map((w) => (w.instance === instance ? { ...w, pid: running.pid } : w)) },
	});
}

/** A log without terminal colour codes. */
function plainLog(file: string): string {
	return readLog(file).replace(/\u001b\[[0-9;]*m/g, '');
}

/** The execution ids a process's log says it started running (n8n logs "Worker started execution <id>"). */
export function executionsStartedBy(logFile: string): Set<string> {
	const ids = new Set<string>();
	for (const match of plainLog(logFile).matchAll(/Worker started execution (\d+)/g)) ids.add(match[1]);
	return ids;
}

/** For each worker, the executions it started (from its log, across restarts: the log is appended). */
export function executionsByWorker(state: E2eState = readState()): Map<string, Set<string>> {
	return new Map((state.queue?.workers ?? []).map((w) => [w.instance, executionsStartedBy(w.config.logFile)]));
}

/** The worker that started an execution, or undefined when none of them did. */
export function workerThatRan(executionId: string, state: E2eState = readState()): string[] {
	return [...executionsByWorker(state)].filter(([, ids]) => ids.has(executionId)).map(([instance]) => instance);
}
