/**
 * Redis and PostgreSQL from Debian's packages, for running n8n in queue mode: each started privately
 * on 127.0.0.1 (a free port, a throw-away folder, no persistence) and stopped with its process group.
 * A missing package is installed with apt-get when this runs as root (CI), else the error says how.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { UserFacingError, step } from './log';
import { HOST } from './ports';
import { run, sleep, stopGroup, tail, trackGroup } from './proc';
import { spawn } from 'node:child_process';

export interface RunningService {
	pid: number;
	port: number;
	stop(): Promise<void>;
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The first of `candidates` that exists, after installing the Debian package `pkg` if none does. */
async function ensureBinary(pkg: string, candidates: () => string[]): Promise<string> {
	const found = () => candidates().find((file) => fs.existsSync(file));
	const existing = found();
	if (existing) return existing;
	// As root (a CI container), or through passwordless sudo (a CI runner); never asking for a password.
	const sudo = isRoot() ? [] : ['sudo', '-n', '--preserve-env=DEBIAN_FRONTEND'];
	const canInstall =
		fs.existsSync('/usr/bin/apt-get') && (isRoot() || (await run('sudo', ['-n', 'true'], { timeoutMs: 10_000 }).catch(() => ({ code: 1 }))).code === 0);
	if (!canInstall) {
		throw new UserFacingError(`${pkg} is not installed: run \`sudo apt-get install -y ${pkg}\` and try again.`);
	}
	step(`Installing ${pkg} (apt-get)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const options = { env, timeoutMs: 600_000, keepChars: 4000 };
	const aptGet = (args: string[]) => {
		const command = [...sudo, 'apt-get', '-o', 'DPkg::Lock::Timeout=600', ...args];
		return run(command[0], command.slice(1), options);
	};
	let result = await aptGet(['install', '-y', '--no-install-recommends', pkg]);
	if (result.code !== 0) {
		// A fresh machine may have no package lists yet.
		await aptGet(['update']);
		result = await aptGet(['install', '-y', '--no-install-recommends', pkg]);
	}
	const installed = found();
	if (result.code !== 0 || !installed) {
		throw new UserFacingError(`apt-get could not install ${pkg}:\n${tail(result.stdout + result.stderr)}`);
	}
	return installed;
}

/** Answers whether a TCP port on 127.0.0.1 accepts connections. */
function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: HOST, port });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** Sends one inline Redis command and returns the first reply line. */
export function redisCommand(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: HOST, port });
		let reply = '';
		socket.setTimeout(2000);
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.destroy();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.once('error', reject);
		socket.once('timeout', () => {
			socket.destroy();
			reject(new Error(`redis on port ${port} did not answer ${command}`));
		});
	});
}

/** Spawns a long-running service in its own process group with its output in `logFile`. */
function spawnService(command: string, args: string[], logFile: string, cwd: string): number {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { cwd, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	if (!child.pid) throw new UserFacingError(`Could not start ${command}.`);
	return child.pid;
}

async function waitUntil(what: string, ready: () => Promise<boolean>, logFile: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (Date.now() > deadline) {
			throw new UserFacingError(`${what} did not start within ${timeoutMs / 1000}s:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
		}
		await sleep(200);
	}
}

/** Debian's redis-server on 127.0.0.1:`port`, nothing saved to disk (no RDB snapshots, no AOF). */
export async function startRedis(port: number, folder: string): Promise<RunningService> {
	const bin = await ensureBinary('redis-server', () => ['/usr/bin/redis-server', '/usr/local/bin/redis-server']);
	fs.mkdirSync(folder, { recursive: true });
	const logFile = path.join(folder, 'redis.log');
	const args = ['--bind', HOST, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'];
	const pid = spawnService(bin, args, logFile, folder);
	const untrack = trackGroup(pid);
	const stop = async () => {
		await stopGroup(pid, 10_000);
		untrack();
	};
	try {
		await waitUntil('redis-server', async () => (await redisCommand(port, 'PING').catch(() => '')) === '+PONG', logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	return { pid, port, stop };
}

export interface RunningPostgres extends RunningService {
	/** The `DB_*` settings that point n8n at this database. */
	n8nEnv: Record<string, string>;
}

/** Runs a PostgreSQL binary as the `postgres` user when this process is root (PostgreSQL refuses root). */
function asPostgresUser(bin: string, args: string[]): [string, string[]] {
	return isRoot() ? ['/usr/sbin/runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/**
 * A throw-away PostgreSQL cluster (Debian's `postgresql` package) in `folder`, on 127.0.0.1:`port`,
 * trust authentication for the local user `n8n`, durability switched off (a test database), with a
 * database `n8n`.
 */
export async function startPostgres(port: number, folder: string): Promise<RunningPostgres> {
	const postgres = await ensureBinary('postgresql', () => {
		const root = '/usr/lib/postgresql';
		const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
		return versions.map((v) => path.join(root, v, 'bin', 'postgres'));
	});
	const bin = path.dirname(postgres);
	fs.mkdirSync(folder, { recursive: true });
	if (isRoot()) fs.chownSync(folder, ...postgresIds());
	const data = path.join(folder, 'data');
	const logFile = path.join(folder, 'postgres.log');
	fs.writeFileSync(logFile, '');
	if (isRoot()) fs.chownSync(logFile, ...postgresIds());

	const init = await run(...asPostgresUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync']), {
		timeoutMs: 60_000,
		keepChars: 4000,
	});
	if (init.code !== 0) throw new UserFacingError(`initdb failed:\n${tail(init.stdout + init.stderr)}`);

	const settings = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'];
	const [command, args] = asPostgresUser(postgres, ['-D', data, '-h', HOST, '-p', String(port), '-k', folder, ...settings]);
	const pid = spawnService(command, args, logFile, folder);
	const untrack = trackGroup(pid);
	const stop = async () => {
		await stopGroup(pid, 15_000);
		untrack();
	};
	try {
		await waitUntil('PostgreSQL', () => accepts(port), logFile);
		const created = await createDatabase(bin, port);
		if (!created) throw new UserFacingError(`Could not create the n8n database:\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		pid,
		port,
		stop,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: HOST,
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
	};
}

/** createdb, retried while the server finishes starting (it accepts connections a moment before it serves them). */
async function createDatabase(bin: string, port: number): Promise<boolean> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const result = await run(path.join(bin, 'createdb'), ['-h', HOST, '-p', String(port), '-U', 'n8n', 'n8n'], { timeoutMs: 30_000 });
		if (result.code === 0) return true;
		await sleep(250);
	}
	return false;
}

function postgresIds(): [number, number] {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new UserFacingError('The postgresql package created no `postgres` user.');
	const [, , uid, gid] = line.split(':');
	return [Number(uid), Number(gid)];
}
