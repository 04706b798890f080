/** Stops n8n (whichever process the tests left running) and the sandboxes; keeps the folder on request. */
import * as fs from 'node:fs';

import type { Environment } from '../../scripts/lib/environment';
import { stopGroup } from '../../scripts/lib/n8n-process';
import { readState } from './state';

export default async function globalTeardown(): Promise<void> {
	const env = (globalThis as Record<string, unknown>).__smsOtpE2e as Environment | undefined;
	const state = readState();
	await stopGroup(state.pid);
	await env?.stop();
	if (process.env.SMS_OTP_E2E_KEEP) {
		process.stdout.write(`[e2e] kept ${state.config.userFolder} (n8n log: ${state.config.logFile})\n`);
	} else {
		fs.rmSync(state.config.userFolder, { recursive: true, force: true });
	}
}
