/**
 * Installs n8n if the cache lacks it, installs this package from its tarball into a fresh user folder,
 * and starts ONE n8n plus every provider's sandbox on free ports for the whole suite.
 * The n8n version is the newest we test, or N8N_SMS_OTP_N8N_VERSION (e.g. 2.8.4); `.ci/run` runs
 * the suite once per version.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { bringUp } from '../../scripts/lib/environment';
import { formatDuration } from '../../scripts/lib/log';
import { selectedTarget } from '../../scripts/lib/paths';
import { freePorts } from '../../scripts/lib/ports';
import { STATE_ENV, e2eSandboxes, writeState, type E2eState } from './state';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const target = selectedTarget();
	process.stdout.write(`\n[e2e] preparing n8n ${target.version}, the package and the sandboxes…\n`);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-e2e-'));
	const [n8nPort, brokerPort] = await freePorts(2);
	const env = await bringUp({
		target,
		userFolder,
		n8nPort,
		brokerPort,
		sandboxPort: () => 0,
		logFile: path.join(userFolder, 'n8n.log'),
		logLevel: 'debug',
		activateDemos: false,
	});
	(globalThis as Record<string, unknown>).__smsOtpE2e = env;

	const state: E2eState = {
		pid: env.n8n.pid,
		url: env.n8n.url,
		config: env.config,
		sandboxes: e2eSandboxes(env.sandboxes),
		packageName: env.pkg.name,
		startedAt: started,
	};
	const file = path.join(userFolder, 'e2e-state.json');
	writeState(state, file);
	process.env[STATE_ENV] = file;
	process.stdout.write(
		`[e2e] ready in ${formatDuration(Date.now() - started)}: n8n ${env.install.version} on Node.js ${env.install.nodeVersion} at ${env.n8n.url}, user folder ${userFolder}\n`,
	);
}
