/** What the global setup hands to the test files (through a JSON file named in an env variable). */
import * as fs from 'node:fs';

import type { N8nInstanceConfig } from '../../scripts/lib/n8n-process';
import type { RunningSandbox } from '../../scripts/lib/sandboxes';

export interface E2eSandbox {
	/** The manifest row's id. */
	id: string;
	url: string;
	/** The sandbox's test key, for rows that declare the `apiKey` capability. */
	apiKey?: string;
}

/** A queue-mode worker: `n8n worker` on the suite's user folder, database and Redis. */
export interface E2eWorker {
	instance: string;
	pid: number;
	config: N8nInstanceConfig;
}

export interface E2eState {
	/** Current n8n process group (changes when a test restarts n8n). */
	pid: number;
	url: string;
	config: N8nInstanceConfig;
	sandboxes: E2eSandbox[];
	packageName: string;
	startedAt: number;
	/** Queue mode only (npm run test:queue): the workers and what the suite started for them. */
	queue?: { workers: E2eWorker[]; redisPort: number; database: string };
}

/** What the test files need to reach each running sandbox. */
export function e2eSandboxes(running: RunningSandbox[]): E2eSandbox[] {
	return running.map(({ row, handle }) => ({
		id: row.id,
		url: handle.url,
		...(row.capabilities.apiKey ? { apiKey: row.capabilities.apiKey(handle) } : {}),
	}));
}

export const STATE_ENV = 'SMS_OTP_E2E_STATE';

export function statePath(): string {
	const file = process.env[STATE_ENV];
	if (!file) throw new Error(`${STATE_ENV} is not set: run the suite with npm run test:e2e`);
	return file;
}

export function readState(): E2eState {
	return JSON.parse(fs.readFileSync(statePath(), 'utf8')) as E2eState;
}

export function writeState(state: E2eState, file = statePath()): void {
	fs.writeFileSync(file, JSON.stringify(state, null, 2));
}
