/**
 * Build, pack and install this package into an n8n user folder the way Settings → Community nodes →
 * Install does it (n8n 2.8.4, CommunityPackagesService.downloadPackage): extract the tarball into
 * `.n8n/nodes/node_modules/<name>`, drop devDependencies/peerDependencies/optionalDependencies from its
 * package.json, run `npm install` there with n8n's flags, and record the dependency in
 * `.n8n/nodes/package.json`. No symlink into the source tree: n8n sees exactly what users get.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { UserFacingError, step } from './log';
import { repoRoot } from './paths';
import { run, runNpm, tail } from './proc';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
	sha256: string;
}

/** n8n's own install flags (NPM_COMMON_ARGS + NPM_INSTALL_ARGS), plus --prefer-offline so a warm npm cache is enough. */
const N8N_NPM_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
	'--prefer-offline',
	'--no-update-notifier',
];
/** Hash of the tarball last installed, kept beside (not inside) the installed package. */
const STAMP_PREFIX = '.tarball-';

export async function buildPackage(): Promise<void> {
	step('Building the package (npm run build)');
	const result = await runNpm(['run', 'build'], { cwd: repoRoot, timeoutMs: 5 * 60_000 });
	if (result.code !== 0) {
		throw new UserFacingError(
			`\`npm run build\` failed:\n${tail(result.stdout + result.stderr, 25)}\nFix the build and run again.`,
		);
	}
}

/** `npm pack` into `destDir`; returns the tarball with its hash. */
export async function packPackage(destDir: string): Promise<PackedPackage> {
	fs.mkdirSync(destDir, { recursive: true });
	const result = await runNpm(['pack', '--json', '--pack-destination', destDir], {
		cwd: repoRoot,
		timeoutMs: 2 * 60_000,
	});
	if (result.code !== 0) {
		throw new UserFacingError(`\`npm pack\` failed:\n${tail(result.stdout + result.stderr, 25)}`);
	}
	const json = result.stdout.slice(result.stdout.indexOf('['));
	const [entry] = JSON.parse(json) as Array<{ name: string; version: string; filename: string }>;
	const tarball = path.join(destDir, entry.filename.replace(/^@/, '').replace(/\//, '-'));
	const sha256 = createHash('sha256').update(fs.readFileSync(tarball)).digest('hex');
	return { name: entry.name, version: entry.version, tarball, sha256 };
}

export function nodesDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

export function installedPackageDir(userFolder: string, name: string): string {
	return path.join(nodesDir(userFolder), 'node_modules', name);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`. Skips the work when the same tarball (by hash)
 * is already installed, so a restart with an unchanged build needs no npm at all.
 */
export async function installIntoUserFolder(userFolder: string, pkg: PackedPackage): Promise<'installed' | 'unchanged'> {
	const downloadFolder = nodesDir(userFolder);
	const packageDir = installedPackageDir(userFolder, pkg.name);
	const stamp = path.join(downloadFolder, `${STAMP_PREFIX}${pkg.name.replace('/', '+')}.sha256`);
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === pkg.sha256) return 'unchanged';

	step(`Installing ${path.basename(pkg.tarball)} into ${downloadFolder} (as Settings → Community nodes → Install does)`);
	fs.mkdirSync(downloadFolder, { recursive: true });
	const rootPackageJson = path.join(downloadFolder, 'package.json');
	if (!fs.existsSync(rootPackageJson)) {
		fs.writeFileSync(rootPackageJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}

	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const untar = await run('tar', ['-xzf', pkg.tarball, '-C', packageDir, '--strip-components=1'], { timeoutMs: 60_000 });
	if (untar.code !== 0) throw new UserFacingError(`Could not extract ${pkg.tarball}:\n${untar.stderr}`);

	const packageJsonPath = path.join(packageDir, 'package.json');
	const packageJson = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[key];
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));

	const install = await runNpm(['install', ...N8N_NPM_INSTALL_ARGS], { cwd: packageDir, timeoutMs: 5 * 60_000 });
	if (install.code !== 0) {
		fs.rmSync(packageDir, { recursive: true, force: true });
		throw new UserFacingError(
			`Installing the package's runtime dependencies failed:\n${tail(install.stdout + install.stderr, 15)}\n` +
				'The first install needs the npm registry (later ones use npm\'s cache); run again once it is reachable.',
		);
	}

	const root = JSON.parse(fs.readFileSync(rootPackageJson, 'utf8')) as { dependencies?: Record<string, string> };
	root.dependencies = { ...root.dependencies, [pkg.name]: pkg.version };
	fs.writeFileSync(rootPackageJson, JSON.stringify(root, null, 2));
	fs.writeFileSync(stamp, `${pkg.sha256}\n`);
	return 'installed';
}

/** Build, pack and install in one go. */
export async function deployPackage(userFolder: string): Promise<PackedPackage> {
	await buildPackage();
	const pkg = await packPackage(path.join(userFolder, 'packs'));
	await installIntoUserFolder(userFolder, pkg);
	return pkg;
}
