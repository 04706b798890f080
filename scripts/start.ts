/**
 * `npm start`: a ready n8n editor with this package, every provider's sandbox and the demo workflows,
 * without any provider account. Ctrl-C (or SIGTERM to the npm process) stops n8n and the sandboxes.
 *
 * n8n version: the newest we test (on Node.js 24, both cached), or N8N_SMS_OTP_N8N_VERSION=2.8.4.
 * Ports (127.0.0.1): N8N_SMS_OTP_PORT (editor, 5678), N8N_SMS_OTP_BROKER_PORT (task runners, 5679),
 * and SANDBOX_PORT_<ID> per sandbox (one per row of the manifest, manifest/index.ts). User folder:
 * N8N_SMS_OTP_USER_FOLDER (default <repo>/.n8n-local, or .n8n-local-<version> for another version).
 * n8n cache: N8N_SMS_OTP_CACHE (default ~/.cache/n8n-nodes-sms-otp).
 *
 * package.json runs it as `exec node --import tsx scripts/start.ts`: the shell gives way to this
 * process, so a signal npm forwards reaches it directly.
 */
import * as path from 'node:path';

import { providers } from '../manifest';
import { demoHints } from './lib/demo';
import { bringUp, type Environment } from './lib/environment';
import { UserFacingError, formatDuration, info } from './lib/log';
import { stopLeftover } from './lib/n8n-process';
import { assertPortsFree, type PortNeed } from './lib/ports';
import { handleShutdown } from './lib/shutdown';
import { DEMO_OWNER } from './lib/rest';
import { N8N_TARGETS, N8N_VERSION_ENV, selectedTarget, startUserFolder } from './lib/paths';
import { sandboxPort, sandboxPortNeeds, startHints } from './lib/sandboxes';

function portFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new UserFacingError(`${name}=${raw} is not a port number (1-65535).`);
	}
	return port;
}

let stopping = () => false;

async function main(): Promise<void> {
	const started = Date.now();
	let env: Environment | undefined;
	const control = handleShutdown(async () => {
		await env?.stop();
	});
	stopping = control.stopping;
	const target = selectedTarget();
	const userFolder = startUserFolder(target);
	const n8nPort = portFromEnv('N8N_SMS_OTP_PORT', 5678);
	const brokerPort = portFromEnv('N8N_SMS_OTP_BROKER_PORT', 5679);
	const sandboxPorts = new Map(providers.map((row) => [row.id, sandboxPort(row)] as const));

	// An n8n left running by a killed earlier start holds our ports; stop it before checking them.
	await stopLeftover(userFolder);
	const needs: PortNeed[] = [
		{ port: n8nPort, purpose: 'n8n editor', envVar: 'N8N_SMS_OTP_PORT' },
		{ port: brokerPort, purpose: 'n8n task-runner broker', envVar: 'N8N_SMS_OTP_BROKER_PORT' },
		...sandboxPortNeeds(providers, (row) => sandboxPorts.get(row.id)!),
	];
	await assertPortsFree(needs);

	const logFile = path.join(userFolder, 'n8n.log');
	env = await bringUp({
		target,
		userFolder,
		n8nPort,
		brokerPort,
		sandboxPort: (row) => sandboxPorts.get(row.id)!,
		logFile,
		activateDemos: true,
	});
	if (stopping()) return;

	const failedTests: string[] = [];
	for (const { row } of env.sandboxes) {
		for (const { type, sandbox: credential } of row.credentials.filter((c) => c.sandbox.testable)) {
			const result = await env.rest.testCredential({ id: credential.id, name: credential.name, type });
			if (result.status !== 'OK') failedTests.push(`${credential.name}: ${result.message}`);
		}
	}

	const lines = [
		'',
		`n8n ${env.install.version} (Node.js ${env.install.nodeVersion}) is ready (${formatDuration(Date.now() - started)}), with ${env.pkg.name}@${env.pkg.version} installed.`,
		'',
		`  Editor:       ${env.n8n.url}/`,
		`  Login:        ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}`,
		`  User folder:  ${userFolder}  (n8n log: ${logFile})`,
		'',
		'Sandboxes (provider emulators, no account needed; credentials in n8n point at them):',
	];
	for (const sandbox of env.sandboxes) lines.push(...startHints(sandbox));
	if (failedTests.length) lines.push('', 'Warning, a credential test failed:', ...failedTests.map((f) => `  ${f}`));
	lines.push('', ...demoHints(env.sandboxes.map((s) => s.row)));
	for (const { row } of env.sandboxes) {
		const urls = { n8n: env.n8n.url, sandbox: (id: string) => env?.sandboxes.find((s) => s.row.id === id)?.handle.url };
		const commands = row.demo?.tryIt?.(urls) ?? [];
		if (commands.length) lines.push(`Try the ${row.title} demos:`, ...commands.map((c) => `  ${c}`), '');
	}
	const others = N8N_TARGETS.filter((t) => t !== target).map((t) => `${N8N_VERSION_ENV}=${t.version} npm start`);
	if (others.length) lines.push(`Another n8n version: ${others.join(' or ')}`);
	lines.push('Stop with Ctrl-C (stops n8n and the sandboxes).', '');
	info(lines.join('\n'));

	// Keep running until Ctrl-C; if n8n dies on its own, say so and stop the sandboxes.
	const n8nPid = env.n8n.pid;
	const watchdog = setInterval(() => {
		try {
			process.kill(n8nPid, 0);
		} catch {
			clearInterval(watchdog);
			info(`n8n stopped unexpectedly; see ${logFile}.`);
			void control.shutdown(1);
		}
	}, 2000);
}

main().catch((error: unknown) => {
	// A signal stopped a step midway (an install, n8n starting): the shutdown reports that, not this.
	if (stopping()) return;
	if (error instanceof UserFacingError) process.stderr.write(`\n${error.message}\n`);
	else process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
