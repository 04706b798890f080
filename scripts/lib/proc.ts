/** Running child commands with bounded time and their output kept for error messages. */
import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

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
}

/** Runs a command to completion; never throws on a non-zero exit (the caller decides). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
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
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			log?.write(chunk);
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			log?.write(chunk);
		});
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(() => killGroup(child.pid, 'SIGKILL'), options.timeoutMs);
		// If this process exits first (Ctrl-C), ask the child to stop; SIGTERM lets n8n finish a database write.
		const onExit = () => killGroup(child.pid, 'SIGTERM');
		process.once('exit', onExit);
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			process.removeListener('exit', onExit);
			log?.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
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

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** How to invoke npm: the npm that runs this script when there is one (`npm start`), else `npm` on PATH. */
export function npmCommand(): { command: string; prefix: string[] } {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		return { command: process.execPath, prefix: [execPath] };
	}
	return { command: 'npm', prefix: [] };
}

export function runNpm(args: string[], options: RunOptions = {}): Promise<RunResult> {
	const { command, prefix } = npmCommand();
	return run(command, [...prefix, ...args], options);
}

export function tail(text: string, lines = 20): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
