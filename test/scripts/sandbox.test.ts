/** `npm run sandbox` (scripts/sandbox.ts) as a user runs it: a child process, its output and exit code. */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import { providers } from '../../manifest';
import { sandboxPortEnvVar } from '../../scripts/lib/sandboxes';

const repo = path.join(__dirname, '..', '..');
const sepahanGostar = providers.find((row) => row.id === 'sepahanGostar')!;

/** Every sandbox on port 0 (any free port), except the overrides. */
function portEnv(overrides: Record<string, string> = {}): Record<string, string> {
	return {
		...Object.fromEntries(providers.map((row) => [sandboxPortEnvVar(row), '0'])),
		...overrides,
	};
}

const runCli = (env: Record<string, string>, untilStdout?: RegExp) =>
	new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
		const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
		const child = spawn(tsx, [path.join(repo, 'scripts', 'sandbox.ts')], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		child.stdout.on('data', (d: Buffer) => {
			stdout += d.toString();
			if (untilStdout && untilStdout.test(stdout)) child.kill('SIGTERM');
		});
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(killer);
			resolve({ code, stdout, stderr });
		});
	});

it('prints URL, key and curl, and stops cleanly on SIGTERM', async () => {
	const r = await runCli(portEnv(), /Ctrl-C/);
	expect(r.stdout).toMatch(/SepahanGostar sandbox: http:\/\/127\.0\.0\.1:\d+/);
	expect(r.stdout).toContain('b2fa64f05d774e56a948727441b898c3');
	expect(r.stdout).toContain('/__sandbox/inbound');
	for (const row of providers)
		expect(r.stdout).toContain(`${row.title} sandbox: http://127.0.0.1:`);
	expect(r.code).toBe(0);
});

it('exits 1 with a one-line message when the port is taken', async () => {
	const blocker = http.createServer();
	await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
	const port = (blocker.address() as AddressInfo).port;
	try {
		const r = await runCli(portEnv({ [sandboxPortEnvVar(sepahanGostar)]: String(port) }));
		expect(r.code).toBe(1);
		const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(`port ${port} on 127.0.0.1 is already in use`);
		expect(lines[0]).toContain(sandboxPortEnvVar(sepahanGostar));
	} finally {
		await new Promise<void>((resolve) => blocker.close(() => resolve()));
	}
});

it('exits 1 naming the variable when a port is not a number', async () => {
	const r = await runCli(portEnv({ [sandboxPortEnvVar(sepahanGostar)]: 'abc' }));
	expect(r.code).toBe(1);
	expect(r.stderr).toContain(
		`${sandboxPortEnvVar(sepahanGostar)}="abc" is not a port number (0-65535).`,
	);
});
