/**
 * Starting and stopping n8n (and running its CLI) against one user folder.
 *
 * Each n8n runs in its own process group (spawned detached), so stopping it also stops its task
 * runner; its output goes straight to a log file. A pid file in the user folder lets the next start
 * find an n8n left behind by a killed parent and stop it before binding the same ports.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nInstall } from './n8n-install';
import { UserFacingError, info } from './log';
import { HOST, freePort } from './ports';
import { isAlive, isShuttingDown, killGroup, run, sleep, stopGroup, tail, trackGroup, type RunResult } from './proc';

export { stopGroup };

export interface N8nInstanceConfig {
	install: N8nInstall;
	/** n8n keeps its database, settings and installed nodes in `<userFolder>/.n8n`. */
	userFolder: string;
	port: number;
	brokerPort: number;
	logFile: string;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	extraEnv?: Record<string, string>;
	/**
	 * `start` (default) runs the main instance (editor, REST API, triggers); `worker` a queue-mode
	 * worker, whose `port` serves only its health checks.
	 */
	command?: 'start' | 'worker';
	/** Names the process when several share a user folder (queue-mode workers): its pid file. */
	instance?: string;
}

export interface RunningN8n {
	pid: number;
	url: string;
	logFile: string;
	stop(): Promise<void>;
}

const STATE_FILE = 'sms-otp-instance.json';
const PID_FILE = 'n8n.pid';

/** The encryption key is fixed per user folder (created once), so credentials imported earlier stay readable. */
export function encryptionKeyFor(userFolder: string): string {
	const file = path.join(userFolder, STATE_FILE);
	try {
		const { encryptionKey } = JSON.parse(fs.readFileSync(file, 'utf8')) as { encryptionKey?: string };
		if (encryptionKey) return encryptionKey;
	} catch {
		// first use of this folder
	}
	fs.mkdirSync(userFolder, { recursive: true });
	const encryptionKey = randomBytes(24).toString('hex');
	fs.writeFileSync(file, JSON.stringify({ encryptionKey }, null, 2), { mode: 0o600 });
	return encryptionKey;
}

export function n8nEnv(config: N8nInstanceConfig): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// n8n reads N8N_*/DB_* settings from the environment; start from a clean slate for those,
		// and do not leak npm's lifecycle variables into it.
		if (/^(N8N_|DB_|npm_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$)/.test(key)) continue;
		env[key] = value;
	}
	if (env.NODE_OPTIONS?.includes('tsx')) delete env.NODE_OPTIONS;
	// n8n (and the task runner it spawns) run on the Node.js cached for this version.
	if (config.install.nodeDir) env.PATH = `${path.join(config.install.nodeDir, 'bin')}${path.delimiter}${env.PATH ?? ''}`;
	// Jest sets NODE_ENV=test, under which n8n refuses to load nodes (and logs nothing).
	if (env.NODE_ENV === 'test') delete env.NODE_ENV;
	return {
		...env,
		N8N_USER_FOLDER: config.userFolder,
		N8N_ENCRYPTION_KEY: encryptionKeyFor(config.userFolder),
		N8N_PORT: String(config.port),
		N8N_LISTEN_ADDRESS: HOST,
		N8N_HOST: HOST,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${HOST}:${config.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(config.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
		// Offline and quiet: nothing is fetched from anywhere after the install.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PYTHON_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: config.logLevel ?? 'info',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE ?? 'UTC',
		...(config.command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(config.port), N8N_WORKER_SERVER_ADDRESS: HOST }
			: {}),
		...config.install.env,
		...config.extraEnv,
	};
}

/** Runs one n8n CLI command (each boots n8n, ~3 s) on its own free broker port. */
export async function runN8nCli(
	config: Omit<N8nInstanceConfig, 'brokerPort' | 'port'> & { port?: number },
	args: string[],
	timeoutMs = 120_000,
): Promise<RunResult> {
	const brokerPort = await freePort();
	const port = config.port ?? (await freePort());
	const result = await run(config.install.node, [config.install.bin, ...args], {
		cwd: config.userFolder,
		env: n8nEnv({ ...config, port, brokerPort }),
		logFile: config.logFile,
		timeoutMs,
	});
	if (result.code !== 0) {
		throw new UserFacingError(
			`\`n8n ${args.join(' ')}\` failed (exit ${result.code ?? result.signal}):\n${tail(result.stdout + result.stderr, 20)}`,
		);
	}
	return result;
}

function pidFile(userFolder: string, instance?: string): string {
	return path.join(userFolder, instance ? `n8n-${instance.replace(/[^0-9A-Za-z-]/g, '_')}.pid` : PID_FILE);
}

function looksLikeN8n(pid: number): boolean {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('n8n');
	} catch {
		return isAlive(pid);
	}
}

/** Stops an n8n that an earlier, killed run left behind for this user folder. */
export async function stopLeftover(userFolder: string, instance?: string): Promise<void> {
	const file = pidFile(userFolder, instance);
	if (!fs.existsSync(file)) return;
	const pid = Number(fs.readFileSync(file, 'utf8').trim());
	if (pid && isAlive(pid) && looksLikeN8n(pid)) {
		info(`Stopping an n8n (pid ${pid}) left running for ${userFolder} by an earlier run.`);
		await stopGroup(pid, 15_000);
	}
	fs.rmSync(file, { force: true });
}

export async function startN8n(config: N8nInstanceConfig, readyTimeoutMs = 180_000): Promise<RunningN8n> {
	await stopLeftover(config.userFolder, config.instance);
	if (isShuttingDown()) throw new UserFacingError('Not starting n8n: stopping.');
	fs.mkdirSync(path.dirname(config.logFile), { recursive: true });
	const logFd = fs.openSync(config.logFile, 'a');
	const child = spawn(config.install.node, [config.install.bin, config.command ?? 'start'], {
		cwd: config.userFolder,
		env: n8nEnv(config),
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	fs.closeSync(logFd);
	const pid = child.pid;
	if (!pid) throw new UserFacingError('Could not start n8n (no process id).');
	fs.writeFileSync(pidFile(config.userFolder, config.instance), String(pid));
	const untrack = trackGroup(pid);

	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	// If this process exits without stopping n8n (Ctrl-C while starting), n8n shuts itself down on
	// SIGTERM (SIGKILL could cut a database migration short); the next start stops any leftover.
	const onExit = () => killGroup(pid, 'SIGTERM');
	process.on('exit', onExit);

	const url = `http://${HOST}:${config.port}`;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		process.removeListener('exit', onExit);
		await stopGroup(pid);
		untrack();
		fs.rmSync(pidFile(config.userFolder, config.instance), { force: true });
	};

	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (exited) {
			await stop();
			throw new UserFacingError(
				`n8n exited during start-up (exit ${exited.code ?? exited.signal}). Last lines of ${config.logFile}:\n` +
					tail(readLog(config.logFile), 25),
			);
		}
		if (await isReady(url, config.command ?? 'start')) break;
		if (Date.now() > deadline) {
			await stop();
			throw new UserFacingError(
				`n8n did not become ready within ${readyTimeoutMs / 1000}s. Last lines of ${config.logFile}:\n` +
					tail(readLog(config.logFile), 25),
			);
		}
		await sleep(500);
	}
	return { pid, url, logFile: config.logFile, stop };
}

async function isReady(url: string, command: 'start' | 'worker'): Promise<boolean> {
	try {
		const readiness = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		if (!readiness.ok) return false;
		// A worker serves only its health checks (database migrated, Redis connected).
		if (command === 'worker') return true;
		const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
		return settings.ok;
	} catch {
		return false;
	}
}

export function readLog(logFile: string): string {
	try {
		return fs.readFileSync(logFile, 'utf8');
	} catch {
		return '';
	}
}
