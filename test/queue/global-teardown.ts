/** Stops whichever main and workers the tests left running, the sandboxes, PostgreSQL and Redis. */
import * as fs from 'node:fs';

import { stopGroup } from '../../scripts/lib/n8n-process';
import { readState } from '../e2e/state';
import type { QueueGlobals } from './global-setup';

export default async function globalTeardown(): Promise<void> {
	const globals = (globalThis as Record<string, unknown>).__smsOtpQueue as QueueGlobals | undefined;
	const state = readState();
	// Tests restart processes: stop the current ones by the pids they recorded.
	await Promise.all([state.pid, ...(state.queue?.workers ?? []).map((w) => w.pid)].map((pid) => stopGroup(pid)));
	await globals?.stopAll();
	if (process.env.SMS_OTP_E2E_KEEP) {
		process.stdout.write(`[queue] kept ${state.config.userFolder} (logs: n8n-main.log, n8n-worker-*.log)\n`);
	} else {
		fs.rmSync(state.config.userFolder, { recursive: true, force: true });
	}
}
