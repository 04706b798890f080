/**
 * Installs the pinned n8n once into a cache folder outside the repo and reuses it afterwards.
 *
 * Layout under the cache root: `n8n-<version>.partial/` while installing, renamed to `n8n-<version>/`
 * only after the install succeeded and was verified (a marker file inside records that). An
 * interrupted or failed install therefore never looks like a good one: the next run discards the
 * `.partial` folder and installs again (npm's own cache makes the retry cheaper).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { N8N_OVERRIDES, N8N_VERSION, cacheRoot } from './paths';
import { UserFacingError, formatDuration, info, step } from './log';
import { isAlive, run, runNpm, sleep, tail } from './proc';

export interface N8nInstall {
	/** The folder holding `node_modules/n8n`. */
	dir: string;
	/** `node_modules/.bin/n8n`. */
	bin: string;
	version: string;
}

const MARKER = '.n8n-sms-otp-install.json';
/** Roughly how many top-level packages the install unpacks; used only for the progress line. */
const EXPECTED_PACKAGES = 1290;
const NEEDED_FREE_BYTES = 3 * 1024 ** 3;
const LOCK_WAIT_MS = 20 * 60_000;

interface Marker {
	version: string;
	nodeModulesAbi: string;
	installedAt: string;
}

export function installPaths(version = N8N_VERSION) {
	const root = cacheRoot();
	return {
		root,
		final: path.join(root, `n8n-${version}`),
		partial: path.join(root, `n8n-${version}.partial`),
		lock: path.join(root, `n8n-${version}.lock`),
		log: path.join(root, `n8n-${version}.install.log`),
	};
}

function describe(dir: string): N8nInstall {
	return { dir, bin: path.join(dir, 'node_modules', '.bin', 'n8n'), version: N8N_VERSION };
}

/** The finished install, or undefined when there is none (or it was built for another Node ABI). */
export function findInstalledN8n(): N8nInstall | undefined {
	const { final } = installPaths();
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(final, MARKER), 'utf8')) as Marker;
		if (marker.version !== N8N_VERSION || marker.nodeModulesAbi !== process.versions.modules) return undefined;
		if (!fs.existsSync(describe(final).bin)) return undefined;
		return describe(final);
	} catch {
		return undefined;
	}
}

/** Returns the cached n8n, installing it first when needed (with progress on stdout). */
export async function ensureN8n(): Promise<N8nInstall> {
	const found = findInstalledN8n();
	if (found) return found;

	const paths = installPaths();
	try {
		fs.mkdirSync(paths.root, { recursive: true });
		fs.accessSync(paths.root, fs.constants.W_OK);
	} catch (error) {
		throw new UserFacingError(
			`Cannot use the n8n cache folder ${paths.root} (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n` +
				'Set N8N_SMS_OTP_CACHE to a writable folder outside the repo and run again.',
		);
	}

	const release = await acquireLock(paths.lock);
	try {
		// Another process may have finished the install while we waited for the lock.
		const finishedMeanwhile = findInstalledN8n();
		if (finishedMeanwhile) return finishedMeanwhile;
		return await installFresh(paths);
	} finally {
		release();
	}
}

async function acquireLock(lockPath: string): Promise<() => void> {
	const deadline = Date.now() + LOCK_WAIT_MS;
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			const release = () => fs.rmSync(lockPath, { force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
		if (!holder || !isAlive(holder)) {
			fs.rmSync(lockPath, { force: true });
			continue;
		}
		if (Date.now() > deadline) {
			throw new UserFacingError(
				`Another process (pid ${holder}) has been installing n8n for too long (lock ${lockPath}).\n` +
					'Stop it, or delete the lock file if that process is not an install, and run again.',
			);
		}
		if (!announced) {
			info(`Another process (pid ${holder}) is installing n8n ${N8N_VERSION}; waiting for it to finish…`);
			announced = true;
		}
		await sleep(2000);
	}
}

async function installFresh(paths: ReturnType<typeof installPaths>): Promise<N8nInstall> {
	if (fs.existsSync(paths.final)) {
		info(`Discarding ${paths.final}: it has no completion marker (or was built for another Node version).`);
		fs.rmSync(paths.final, { recursive: true, force: true });
	}
	if (fs.existsSync(paths.partial)) {
		info(`Discarding the unfinished install in ${paths.partial} from an earlier, interrupted run.`);
		fs.rmSync(paths.partial, { recursive: true, force: true });
	}
	checkFreeSpace(paths.root);
	fs.mkdirSync(paths.partial, { recursive: true });
	fs.writeFileSync(
		path.join(paths.partial, 'package.json'),
		JSON.stringify(
			{ name: 'n8n-runtime-cache', private: true, dependencies: { n8n: N8N_VERSION }, overrides: N8N_OVERRIDES },
			null,
			2,
		),
	);
	fs.writeFileSync(paths.log, `npm install n8n@${N8N_VERSION} in ${paths.partial} at ${new Date().toISOString()}\n`);

	step(`Installing n8n ${N8N_VERSION} once into ${paths.final} (about 5 minutes and 2.3 GB; later starts reuse it)`);
	const started = Date.now();
	const stopProgress = showProgress(paths.partial, started);
	let result;
	try {
		result = await runNpm(['install', '--no-audit', '--no-fund', '--no-update-notifier', '--prefer-offline'], {
			cwd: paths.partial,
			logFile: paths.log,
			timeoutMs: 45 * 60_000,
		});
	} finally {
		stopProgress();
	}
	if (result.code !== 0) {
		throw new UserFacingError(
			`Installing n8n ${N8N_VERSION} failed (npm exit ${result.code ?? result.signal}). Last lines of ${paths.log}:\n` +
				`${tail(result.stdout + result.stderr, 15)}\n` +
				'Nothing half-installed is kept in use: run the same command again to retry from scratch ' +
				'(the npm registry must be reachable for this first install).',
		);
	}
	await verify(paths.partial, paths.log);
	finalize(paths.partial, paths.final);
	info(`  n8n ${N8N_VERSION} installed in ${formatDuration(Date.now() - started)}.`);
	return describe(paths.final);
}

function checkFreeSpace(dir: string): void {
	try {
		const stats = fs.statfsSync(dir);
		const free = stats.bavail * stats.bsize;
		if (free < NEEDED_FREE_BYTES) {
			throw new UserFacingError(
				`Only ${(free / 1024 ** 3).toFixed(1)} GB free under ${dir}; n8n needs about 2.5 GB.\n` +
					'Free some space or set N8N_SMS_OTP_CACHE to a folder on another disk, then run again.',
			);
		}
	} catch (error) {
		if (error instanceof UserFacingError) throw error;
	}
}

function countPackages(nodeModules: string): number {
	let count = 0;
	try {
		for (const entry of fs.readdirSync(nodeModules)) {
			if (entry.startsWith('.')) continue;
			if (entry.startsWith('@')) {
				try {
					count += fs.readdirSync(path.join(nodeModules, entry)).length;
				} catch {
					// scope folder vanished between the two reads
				}
			} else count += 1;
		}
	} catch {
		// node_modules does not exist yet
	}
	return count;
}

function showProgress(dir: string, started: number): () => void {
	const tty = process.stdout.isTTY;
	let lastPrinted = 0;
	let lastCount = 0;
	let lastChange = Date.now();
	const timer = setInterval(() => {
		const packages = countPackages(path.join(dir, 'node_modules'));
		if (packages !== lastCount) {
			lastCount = packages;
			lastChange = Date.now();
		}
		// Unpacking takes under a minute; then npm builds sqlite3 from source for minutes without a sound.
		const phase =
			packages > 0 && Date.now() - lastChange > 10_000
				? 'building sqlite3 (the slow part)'
				: 'downloading and unpacking';
		const line = `  ${formatDuration(Date.now() - started)}  ${packages}/~${EXPECTED_PACKAGES} packages, ${phase}`;
		if (tty) process.stdout.write(`\r${line.padEnd(78)}`);
		else if (Date.now() - lastPrinted >= 20_000) {
			process.stdout.write(`${line}\n`);
			lastPrinted = Date.now();
		}
	}, 1000);
	return () => {
		clearInterval(timer);
		if (tty) process.stdout.write('\n');
	};
}

/** Checks that the installed n8n runs and that its native sqlite3 module loads on this Node. */
export async function verify(dir: string, logFile?: string): Promise<void> {
	const bin = describe(dir).bin;
	const version = await run(process.execPath, [bin, '--version'], { cwd: dir, logFile, timeoutMs: 60_000 });
	if (version.code !== 0 || version.stdout.trim() !== N8N_VERSION) {
		throw new UserFacingError(
			`The n8n just installed in ${dir} does not run (\`n8n --version\` said: ${tail(version.stdout + version.stderr, 5) || 'nothing'}).\n` +
				'Run the same command again to retry from scratch.',
		);
	}
	const sqlite = await run(process.execPath, ['-e', "require('sqlite3')"], { cwd: dir, logFile, timeoutMs: 60_000 });
	if (sqlite.code !== 0) {
		throw new UserFacingError(
			`n8n's sqlite3 module did not build for Node ${process.version}:\n${tail(sqlite.stderr, 8)}\n` +
				'Run the same command again to retry from scratch.',
		);
	}
}

/** Writes the completion marker and moves the verified install into place. */
export function finalize(partial: string, final: string): void {
	const marker: Marker = {
		version: N8N_VERSION,
		nodeModulesAbi: process.versions.modules,
		installedAt: new Date().toISOString(),
	};
	fs.writeFileSync(path.join(partial, MARKER), JSON.stringify(marker, null, 2));
	fs.renameSync(partial, final);
}
