/** Running child commands with bounded time and their output kept for error messages. */
import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Append stdout and stderr to this file as well. */
	logFile?: string;
	timeoutMs?: number;
	/** Called with each chunk of output as it arrives (stdout and stderr alike). */
	onOutput?: (text: string) => void;
	/** Keep only the last this-many characters of each stream in the result (default: all). */
	keepChars?: number;
}

/** Process groups of the children still running, so a shutdown can stop them and wait for them. */
const runningGroups = new Set<number>();
let shuttingDown = false;

/** Whether a shutdown has begun: from then on no new child command starts. */
export function isShuttingDown(): boolean {
	return shuttingDown;
}

/** Registers a process group started elsewhere (n8n itself), so a shutdown stops and waits for it too. */
export function trackGroup(pgid: number): () => void {
	runningGroups.add(pgid);
	return () => runningGroups.delete(pgid);
}

/** Runs a command to completion; never throws on a non-zero exit (the caller decides). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	if (shuttingDown) return Promise.resolve({ code: null, signal: 'SIGTERM', stdout: '', stderr: 'not started: shutting down' });
	return new Promise((resolve, reject) => {
		const spawnOptions: SpawnOptions = {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		};
		const child = spawn(command, args, spawnOptions);
		const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		let stdout = '';
		let stderr = '';
		const keep = (text: string) =>
			options.keepChars !== undefined && text.length > 2 * options.keepChars ? text.slice(-options.keepChars) : text;
		child.stdout!.on('data', (chunk: Buffer) => {
			const text = chunk.toString();
			stdout = keep(stdout + text);
			log?.write(chunk);
			options.onOutput?.(text);
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			const text = chunk.toString();
			stderr = keep(stderr + text);
			log?.write(chunk);
			options.onOutput?.(text);
		});
		const pid = child.pid;
		if (pid) runningGroups.add(pid);
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(() => killGroup(child.pid, 'SIGKILL'), options.timeoutMs);
		// If this process exits first (Ctrl-C), ask the child to stop; SIGTERM lets n8n finish a database write.
		const onExit = () => killGroup(child.pid, 'SIGTERM');
		process.once('exit', onExit);
		child.on('error', (error) => {
			if (pid) runningGroups.delete(pid);
			if (timer) clearTimeout(timer);
			process.removeListener('exit', onExit);
			log?.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (pid && !groupAlive(pid)) runningGroups.delete(pid);
			if (timer) clearTimeout(timer);
			process.removeListener('exit', onExit);
			log?.end();
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** Signals a whole process group (children were spawned detached, so their pid is the group id). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** Whether any process of the group is left. */
export function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** SIGTERM to the group, then SIGKILL after `graceMs`. Resolves when no process of the group is left. */
export async function stopGroup(pgid: number, graceMs = 15_000): Promise<void> {
	killGroup(pgid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pgid) && Date.now() < deadline) await sleep(200);
	if (groupAlive(pgid)) {
		killGroup(pgid, 'SIGKILL');
		const killDeadline = Date.now() + 5000;
		while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(100);
	}
}

/**
 * Stops every child command still running (an npm install, an n8n CLI call) with its whole process
 * group, and waits until they are gone: after this, nothing of ours writes to the cache any more.
 */
export async function stopRunningChildren(graceMs = 15_000, onStopping?: (count: number) => void): Promise<number> {
	shuttingDown = true;
	let stopped = 0;
	for (let round = 0; round < 5; round++) {
		const groups = [...runningGroups];
		for (const pgid of groups) runningGroups.delete(pgid);
		const alive = groups.filter(groupAlive);
		if (alive.length === 0) break;
		if (stopped === 0) onStopping?.(alive.length);
		stopped += alive.length;
		await Promise.all(alive.map((pgid) => stopGroup(pgid, graceMs)));
	}
	return stopped;
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * How to invoke npm: the npm that runs this script when there is one (`npm start`), else `npm` on PATH.
 * `node` is the Node.js binary to run it under (default: the one running this script).
 */
export function npmCommand(node = process.execPath): { command: string; prefix: string[] } {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		return { command: node, prefix: [execPath] };
	}
	if (node !== process.execPath) {
		// npm's own script under the chosen Node, found next to the `npm` on PATH.
		const cli = npmCliBesideCurrentNode();
		if (cli) return { command: node, prefix: [cli] };
	}
	return { command: 'npm', prefix: [] };
}

function npmCliBesideCurrentNode(): string | undefined {
	const candidates = [
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/share/nodejs/npm/bin/npm-cli.js',
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
	];
	return candidates.find((file) => fs.existsSync(file));
}

export function runNpm(args: string[], options: RunOptions & { node?: string } = {}): Promise<RunResult> {
	const { command, prefix } = npmCommand(options.node);
	return run(command, [...prefix, ...args], options);
}

export function tail(text: string, lines = 20): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
