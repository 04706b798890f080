/**
 * One call that brings up everything a demo or a test run needs, shared by `npm start` and the e2e
 * global setup: the cached n8n, this package installed into the user folder, every provider's
 * sandbox, credentials and demo workflows imported through n8n's CLI, n8n started, the owner set up
 * and the demo triggers activated. Everything provider-specific comes from the manifest.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { providers as manifestRows, type ProviderRow } from '../../manifest';
import { activeDemoWorkflowIds, seedCredentials, seedWorkflows } from './demo';
import { step } from './log';
import { ensureN8n, type N8nInstall } from './n8n-install';
import type { N8nTarget } from './paths';
import { runN8nCli, startN8n, type N8nInstanceConfig, type RunningN8n } from './n8n-process';
import { deployPackage, type PackedPackage } from './package-install';
import { DEMO_OWNER, N8nRest } from './rest';
import { startSandboxes, stopSandboxes, type RunningSandbox } from './sandboxes';

export type { RunningSandbox };

export interface EnvironmentOptions {
	/** The n8n version (and its Node.js) to install and run. */
	target: N8nTarget;
	userFolder: string;
	n8nPort: number;
	brokerPort: number;
	/** Port for a provider's sandbox; 0 lets the OS choose. */
	sandboxPort(row: ProviderRow): number;
	logFile: string;
	logLevel?: N8nInstanceConfig['logLevel'];
	/** Activate the workflows each row lists in `demo.active`. */
	activateDemos?: boolean;
	/** The manifest rows to bring up (default: all of them). */
	providers?: readonly ProviderRow[];
	/** Extra environment for every n8n process (queue mode, another database). */
	extraEnv?: Record<string, string>;
}

export interface Environment {
	install: N8nInstall;
	pkg: PackedPackage;
	config: N8nInstanceConfig;
	n8n: RunningN8n;
	rest: N8nRest;
	sandboxes: RunningSandbox[];
	/** Stops n8n, then the sandboxes. Safe to call twice. */
	stop(): Promise<void>;
}

/**
 * Imports credentials (n8n encrypts their data with the instance key on import) and demo workflows
 * with n8n's CLI, unless exactly this content was imported into this database before.
 */
async function seed(config: N8nInstanceConfig, sandboxes: RunningSandbox[]): Promise<void> {
	const credentials = seedCredentials(sandboxes);
	const workflows = seedWorkflows(sandboxes.map((s) => s.row));
	const hash = createHash('sha256').update(JSON.stringify({ credentials, workflows })).digest('hex');
	const dotN8n = path.join(config.userFolder, '.n8n');
	const stamp = path.join(dotN8n, 'sms-otp-seed.sha256');
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash) return;

	step(`Importing ${credentials.length} sandbox credentials and ${workflows.length} demo workflows (n8n CLI)`);
	const seedDir = path.join(config.userFolder, 'seed');
	fs.mkdirSync(seedDir, { recursive: true });
	const credentialsFile = path.join(seedDir, 'credentials.json');
	const workflowsFile = path.join(seedDir, 'workflows.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
	fs.writeFileSync(workflowsFile, JSON.stringify(workflows));
	try {
		await runN8nCli(config, ['import:credentials', `--input=${credentialsFile}`]);
		await runN8nCli(config, ['import:workflow', `--input=${workflowsFile}`]);
	} finally {
		fs.rmSync(credentialsFile, { force: true });
	}
	fs.mkdirSync(dotN8n, { recursive: true });
	fs.writeFileSync(stamp, `${hash}\n`);
}

export async function bringUp(options: EnvironmentOptions): Promise<Environment> {
	const install = await ensureN8n(options.target);
	fs.mkdirSync(options.userFolder, { recursive: true });
	const pkg = await deployPackage(options.userFolder);

	const rows = options.providers ?? manifestRows;
	let sandboxes: RunningSandbox[] = [];
	let n8n: RunningN8n | undefined;
	const stop = async () => {
		await n8n?.stop();
		n8n = undefined;
		await stopSandboxes(sandboxes);
	};
	try {
		sandboxes = await startSandboxes((row) => options.sandboxPort(row), rows);
		const config: N8nInstanceConfig = {
			install,
			userFolder: options.userFolder,
			port: options.n8nPort,
			brokerPort: options.brokerPort,
			logFile: options.logFile,
			logLevel: options.logLevel,
			...(options.extraEnv ? { extraEnv: options.extraEnv } : {}),
		};
		await seed(config, sandboxes);

		step('Starting n8n');
		n8n = await startN8n(config);
		const rest = new N8nRest(n8n.url);
		await rest.setupOwnerOrLogin(DEMO_OWNER);
		for (const { row, handle } of sandboxes) {
			await row.afterStart?.({ url: n8n.url, request: <T>(method: string, route: string, body?: unknown) => rest.request<T>(method, route, body) }, handle);
		}
		if (options.activateDemos) {
			for (const id of activeDemoWorkflowIds(rows)) await rest.activateWorkflow(id);
		}
		const running = n8n;
		return { install, pkg, config, n8n: running, rest, sandboxes: [...sandboxes], stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
