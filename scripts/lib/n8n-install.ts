/**
 * Installs a pinned n8n (and the Node.js it runs on) once into a cache folder outside the repo and
 * reuses it afterwards.
 *
 * Layout under the cache root: `n8n-<version>.partial/` while installing, renamed to `n8n-<version>/`
 * only after the install succeeded and was verified (a marker file inside records that). An
 * interrupted or failed install therefore never looks like a good one: the next run discards the
 * `.partial` folder and installs again (npm's own cache makes the retry cheaper).
 *
 * The install runs in two npm steps so its progress can be told honestly: first the dependency tree
 * is resolved into a lock file (which gives the number of packages), then npm unpacks exactly those
 * packages and builds the native ones (sqlite3 compiles from source for minutes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { acquireLock } from './cache-lock';
import { UserFacingError, formatDuration, info, step } from './log';
import { ensureNodeRuntime, nodeEnv, type NodeRuntime } from './node-runtime';
import { cacheRoot, selectedTarget, type N8nTarget } from './paths';
import { InstallProgress } from './install-progress';
import { run, runNpm, tail } from './proc';

export interface N8nInstall {
	/** The folder holding `node_modules/n8n`. */
	dir: string;
	/** `node_modules/.bin/n8n`. */
	bin: string;
	version: string;
	/** The Node.js binary n8n runs on. */
	node: string;
	nodeVersion: string;
	/** node-gyp's `nodedir` for that Node, when it is not the one running this script. */
	nodeDir?: string;
	/** Extra environment for every process of this n8n version. */
	env: Record<string, string>;
}

const MARKER = '.n8n-sms-otp-install.json';
const NEEDED_FREE_BYTES = 3.5 * 1024 ** 3;

interface Marker {
	version: string;
	nodeVersion?: string;
	nodeModulesAbi: string;
	installedAt: string;
}

export function installPaths(version: string) {
	const root = cacheRoot();
	return {
		root,
		final: path.join(root, `n8n-${version}`),
		partial: path.join(root, `n8n-${version}.partial`),
		lock: path.join(root, `n8n-${version}.lock`),
		log: path.join(root, `n8n-${version}.install.log`),
	};
}

function describe(dir: string, target: N8nTarget, runtime: NodeRuntime): N8nInstall {
	return {
		dir,
		bin: path.join(dir, 'node_modules', '.bin', 'n8n'),
		version: target.version,
		node: runtime.bin,
		nodeVersion: runtime.version,
		...(runtime.dir ? { nodeDir: runtime.dir } : {}),
		env: target.env,
	};
}

/** The finished install, or undefined when there is none (or it was built for another Node ABI). */
export function findInstalledN8n(target: N8nTarget, runtime: NodeRuntime): N8nInstall | undefined {
	const { final } = installPaths(target.version);
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(final, MARKER), 'utf8')) as Marker;
		if (marker.version !== target.version || marker.nodeModulesAbi !== runtime.abi) return undefined;
		const install = describe(final, target, runtime);
		return fs.existsSync(install.bin) ? install : undefined;
	} catch {
		return undefined;
	}
}

/** Returns the cached n8n of the chosen version, installing it (and its Node.js) first when needed, with progress on stdout. */
export async function ensureN8n(target: N8nTarget = selectedTarget()): Promise<N8nInstall> {
	const paths = installPaths(target.version);
	try {
		fs.mkdirSync(paths.root, { recursive: true });
		fs.accessSync(paths.root, fs.constants.W_OK);
	} catch (error) {
		throw new UserFacingError(
			`Cannot use the n8n cache folder ${paths.root} (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n` +
				'Set N8N_SMS_OTP_CACHE to a writable folder outside the repo and run again.',
		);
	}
	const runtime = await ensureNodeRuntime(target.node);
	const found = findInstalledN8n(target, runtime);
	if (found) return found;

	const release = await acquireLock(paths.lock, `n8n ${target.version}`);
	try {
		// Another process may have finished the install while we waited for the lock.
		const finishedMeanwhile = findInstalledN8n(target, runtime);
		if (finishedMeanwhile) return finishedMeanwhile;
		return await installFresh(target, runtime, paths);
	} finally {
		release();
	}
}

/**
 * Deletes a folder without blocking: it is renamed to `<dir>.discarding` at once, then deleted
 * asynchronously, so a Ctrl-C during the minutes a 2.5 GB tree can take is handled straight away.
 * A deletion cut short that way is finished by the next call for the same folder.
 */
export async function discardFolder(dir: string): Promise<void> {
	const trash = `${dir}.discarding`;
	if (fs.existsSync(dir)) {
		await fs.promises.rm(trash, { recursive: true, force: true });
		fs.renameSync(dir, trash);
	}
	await fs.promises.rm(trash, { recursive: true, force: true });
}

async function installFresh(target: N8nTarget, runtime: NodeRuntime, paths: ReturnType<typeof installPaths>): Promise<N8nInstall> {
	if (fs.existsSync(paths.final))
		info(`Discarding ${paths.final}: it has no completion marker (or was built for another Node version).`);
	await discardFolder(paths.final);
	if (fs.existsSync(paths.partial))
		info(`Discarding the unfinished install in ${paths.partial} from an earlier, interrupted run (up to 2.5 GB to delete).`);
	await discardFolder(paths.partial);
	checkFreeSpace(paths.root);
	fs.mkdirSync(paths.partial, { recursive: true });
	fs.writeFileSync(
		path.join(paths.partial, 'package.json'),
		JSON.stringify(
			{ name: 'n8n-runtime-cache', private: true, dependencies: { n8n: target.version }, ...target.packageJson },
			null,
			2,
		),
	);
	fs.writeFileSync(
		paths.log,
		`npm install n8n@${target.version} on Node.js ${runtime.version} in ${paths.partial} at ${new Date().toISOString()}\n`,
	);

	step(
		`Installing n8n ${target.version} (on Node.js ${runtime.version}) once into ${paths.final}\n` +
			'  About 5 minutes on an idle 2-core machine (up to 15 when it is busy) and 2.4 to 2.7 GB; later starts reuse it and need no network.',
	);
	const started = Date.now();
	const progress = new InstallProgress(started);
	const npmOptions = {
		cwd: paths.partial,
		env: nodeEnv(runtime),
		node: runtime.bin,
		logFile: paths.log,
		timeoutMs: 45 * 60_000,
		keepChars: 200_000,
	};
	const common = ['--no-audit', '--no-fund', '--no-update-notifier', '--prefer-offline'];
	let result;
	try {
		progress.phase('resolve');
		result = await runNpm(['install', '--package-lock-only', ...common, '--loglevel=http'], {
			...npmOptions,
			onOutput: (text) => progress.feed(text),
		});
		if (result.code === 0) {
			progress.phase('unpack', lockPackageCount(path.join(paths.partial, 'package-lock.json')));
			result = await runNpm(['ci', ...common, '--loglevel=info'], {
				...npmOptions,
				onOutput: (text) => progress.feed(text),
			});
		}
	} finally {
		progress.stop();
	}
	if (result.code !== 0) {
		throw new UserFacingError(
			`Installing n8n ${target.version} failed (npm exit ${result.code ?? result.signal}). Last lines of ${paths.log}:\n` +
				`${tail(result.stdout + result.stderr, 15)}\n` +
				'Nothing half-installed is kept in use: run the same command again to retry from scratch ' +
				'(the npm registry must be reachable for this first install).',
		);
	}
	const install = describe(paths.partial, target, runtime);
	await verify(install, paths.log);
	finalize(paths.partial, paths.final, target, runtime);
	info(`  n8n ${target.version} installed in ${formatDuration(Date.now() - started)}.`);
	return describe(paths.final, target, runtime);
}

/**
 * How many packages `npm ci` will unpack from this lock file: every entry with a tarball, less the
 * bundled ones and the optional ones for another operating system or CPU.
 */
export function lockPackageCount(lockFile: string): number | undefined {
	try {
		const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as {
			packages?: Record<string, { resolved?: string; inBundle?: boolean; link?: boolean; os?: string[]; cpu?: string[] }>;
		};
		const fits = (list: string[] | undefined, value: string) =>
			!list || list.some((v) => v === value) || (list.every((v) => v.startsWith('!')) && !list.includes(`!${value}`));
		return Object.entries(lock.packages ?? {}).filter(
			([key, entry]) =>
				key !== '' &&
				!entry.link &&
				!entry.inBundle &&
				fits(entry.os, process.platform) &&
				fits(entry.cpu, process.arch),
		).length;
	} catch {
		return undefined;
	}
}

function checkFreeSpace(dir: string): void {
	try {
		const stats = fs.statfsSync(dir);
		const free = stats.bavail * stats.bsize;
		if (free < NEEDED_FREE_BYTES) {
			throw new UserFacingError(
				`Only ${(free / 1024 ** 3).toFixed(1)} GB free under ${dir}; n8n needs about 3 GB.\n` +
					'Free some space or set N8N_SMS_OTP_CACHE to a folder on another disk, then run again.',
			);
		}
	} catch (error) {
		if (error instanceof UserFacingError) throw error;
	}
}

/** Checks that the installed n8n runs and that its native sqlite3 module loads on its Node. */
export async function verify(install: N8nInstall, logFile?: string): Promise<void> {
	const version = await run(install.node, [install.bin, '--version'], { cwd: install.dir, logFile, timeoutMs: 60_000 });
	if (version.code !== 0 || version.stdout.trim() !== install.version) {
		throw new UserFacingError(
			`The n8n just installed in ${install.dir} does not run (\`n8n --version\` said: ${tail(version.stdout + version.stderr, 5) || 'nothing'}).\n` +
				'Run the same command again to retry from scratch.',
		);
	}
	const sqlite = await run(install.node, ['-e', "require('sqlite3')"], { cwd: install.dir, logFile, timeoutMs: 60_000 });
	if (sqlite.code !== 0) {
		throw new UserFacingError(
			`n8n's sqlite3 module did not build for Node.js ${install.nodeVersion}:\n${tail(sqlite.stderr, 8)}\n` +
				'Run the same command again to retry from scratch.',
		);
	}
}

/** Writes the completion marker and moves the verified install into place. */
export function finalize(partial: string, final: string, target: N8nTarget, runtime: NodeRuntime): void {
	const marker: Marker = {
		version: target.version,
		nodeVersion: runtime.version,
		nodeModulesAbi: runtime.abi,
		installedAt: new Date().toISOString(),
	};
	fs.writeFileSync(path.join(partial, MARKER), JSON.stringify(marker, null, 2));
	fs.renameSync(partial, final);
}
