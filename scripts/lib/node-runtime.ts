/**
 * The Node.js that an n8n version runs on. The npm registry ships Node.js itself
 * (`node-<platform>-<arch>`, with `bin/node` and the headers in `include/node`), so a newer Node
 * than the machine's can be cached beside n8n, and node-gyp can build native modules against its
 * headers. Installed once into `<cache>/node-<version>-<platform>-<arch>/`, like n8n: a `.partial`
 * folder that becomes final only after it was checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { acquireLock } from './cache-lock';
import { UserFacingError, formatDuration, info, step } from './log';
import { cacheRoot } from './paths';
import { run, runNpm, tail } from './proc';

export interface NodeRuntime {
	/** The Node.js version, without a leading `v`. */
	version: string;
	/** The node binary. */
	bin: string;
	/** The folder with `bin/` and `include/node/` (node-gyp's `nodedir`); undefined for the running Node. */
	dir?: string;
	/** `process.versions.modules` of that Node (the native-module ABI). */
	abi: string;
}

const MARKER = '.n8n-sms-otp-node.json';

/** The Node.js running this script. */
export function currentNode(): NodeRuntime {
	return { version: process.versions.node, bin: process.execPath, abi: process.versions.modules };
}

export function registryPackage(version: string): string {
	return `node-${process.platform}-${process.arch}@${version}`;
}

function runtimePaths(version: string) {
	const name = `node-${version}-${process.platform}-${process.arch}`;
	const root = cacheRoot();
	return {
		root,
		final: path.join(root, name),
		partial: path.join(root, `${name}.partial`),
		lock: path.join(root, `${name}.lock`),
		log: path.join(root, `${name}.install.log`),
	};
}

function describe(dir: string, version: string, abi: string): NodeRuntime {
	return { version, bin: path.join(dir, 'bin', 'node'), dir, abi };
}

export function findNodeRuntime(version: string): NodeRuntime | undefined {
	const { final } = runtimePaths(version);
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(final, MARKER), 'utf8')) as { version: string; abi: string };
		if (marker.version !== version) return undefined;
		const runtime = describe(final, version, marker.abi);
		return fs.existsSync(runtime.bin) ? runtime : undefined;
	} catch {
		return undefined;
	}
}

/** The wanted Node.js: the running one when `version` is undefined or equal, else the cached one (installed first if needed). */
export async function ensureNodeRuntime(version: string | undefined): Promise<NodeRuntime> {
	if (version === undefined || version === process.versions.node) return currentNode();
	const found = findNodeRuntime(version);
	if (found) return found;

	const paths = runtimePaths(version);
	fs.mkdirSync(paths.root, { recursive: true });
	const release = await acquireLock(paths.lock, `Node.js ${version}`);
	try {
		const meanwhile = findNodeRuntime(version);
		if (meanwhile) return meanwhile;
		return await installRuntime(version, paths);
	} finally {
		release();
	}
}

async function installRuntime(version: string, paths: ReturnType<typeof runtimePaths>): Promise<NodeRuntime> {
	for (const stale of [paths.final, paths.partial]) fs.rmSync(stale, { recursive: true, force: true });
	fs.mkdirSync(paths.partial, { recursive: true });
	const pkg = registryPackage(version);
	step(`Installing Node.js ${version} once into ${paths.final} (npm package ${pkg}, about 30 MB)`);
	const started = Date.now();
	fs.writeFileSync(paths.log, `npm pack ${pkg} at ${new Date().toISOString()}\n`);
	const packed = await runNpm(['pack', pkg, '--json', '--pack-destination', paths.partial, '--prefer-offline'], {
		cwd: paths.partial,
		logFile: paths.log,
		timeoutMs: 15 * 60_000,
	});
	if (packed.code !== 0) {
		throw new UserFacingError(
			`Downloading Node.js ${version} (${pkg}) failed:\n${tail(packed.stdout + packed.stderr, 10)}\n` +
				'The first start needs the npm registry; run again once it is reachable.',
		);
	}
	const tarball = fs.readdirSync(paths.partial).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new UserFacingError(`npm pack ${pkg} produced no tarball (see ${paths.log}).`);
	const untar = await run('tar', ['-xzf', tarball, '--strip-components=1'], { cwd: paths.partial, timeoutMs: 5 * 60_000 });
	if (untar.code !== 0) throw new UserFacingError(`Could not extract ${tarball}:\n${untar.stderr}`);
	fs.rmSync(path.join(paths.partial, tarball));

	const runtime = describe(paths.partial, version, '');
	const probe = await run(runtime.bin, ['-p', 'JSON.stringify([process.versions.node, process.versions.modules])'], {
		timeoutMs: 60_000,
	});
	let reported: [string, string] | undefined;
	try {
		reported = JSON.parse(probe.stdout) as [string, string];
	} catch {
		reported = undefined;
	}
	if (probe.code !== 0 || !reported || reported[0] !== version) {
		throw new UserFacingError(
			`The Node.js ${version} just unpacked into ${paths.partial} does not run on this machine:\n` +
				`${tail(probe.stdout + probe.stderr, 5)}`,
		);
	}
	if (!fs.existsSync(path.join(paths.partial, 'include', 'node', 'common.gypi'))) {
		throw new UserFacingError(`${pkg} has no headers (include/node/common.gypi); native modules could not be built.`);
	}
	fs.writeFileSync(path.join(paths.partial, MARKER), JSON.stringify({ version, abi: reported[1] }, null, 2));
	fs.renameSync(paths.partial, paths.final);
	info(`  Node.js ${version} installed in ${formatDuration(Date.now() - started)}.`);
	return describe(paths.final, version, reported[1]);
}

/**
 * The environment for npm and node-gyp under a given Node: its `bin` first on PATH (npm's scripts
 * run `node` from PATH) and `npm_config_nodedir` at its headers (a machine's npmrc may point
 * `nodedir` at another Node's).
 */
export function nodeEnv(runtime: NodeRuntime, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	if (!runtime.dir) return { ...base };
	return {
		...base,
		PATH: `${path.join(runtime.dir, 'bin')}${path.delimiter}${base.PATH ?? ''}`,
		npm_config_nodedir: runtime.dir,
	};
}
