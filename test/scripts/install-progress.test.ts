/**
 * The n8n install's progress line, fed with npm's own log lines (copied from a real install of
 * n8n 2.41.1 with --loglevel=info): manifests while resolving, tarballs out of the lock's count,
 * then the install scripts by name while they run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { InstallProgress, parseNpmLogLine } from '../../scripts/lib/install-progress';
import { discardFolder, lockPackageCount } from '../../scripts/lib/n8n-install';

const MANIFEST = 'npm http fetch GET 200 https://registry.npmjs.org/mongodb 37760ms (cache miss)';
const TARBALL = 'npm http fetch GET 200 https://registry.npmjs.org/@babel/parser/-/parser-7.29.15.tgz 34449ms (cache miss)';
const SCRIPT_START = 'npm info run sqlite3@5.1.7 install node_modules/sqlite3 prebuild-install -r napi || node-gyp rebuild';
const SCRIPT_END = 'npm info run sqlite3@5.1.7 install { code: 0, signal: null }';
const OTHER_START = "npm info run isolated-vm@7.0.1 install node_modules/isolated-vm node-gyp-build 'node-gyp rebuild -j 4 --release -v'";
const OTHER_END = 'npm info run isolated-vm@7.0.1 install { code: 0, signal: null }';

test('npm log lines are told apart: manifest, tarball, script start and end', () => {
	expect(parseNpmLogLine(MANIFEST)).toEqual({ kind: 'manifest' });
	expect(parseNpmLogLine(TARBALL)).toEqual({ kind: 'tarball' });
	expect(parseNpmLogLine(SCRIPT_START)).toEqual({ kind: 'script-start', pkg: 'sqlite3@5.1.7' });
	expect(parseNpmLogLine(SCRIPT_END)).toEqual({ kind: 'script-end', pkg: 'sqlite3@5.1.7' });
	expect(parseNpmLogLine('npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported')).toBeUndefined();
});

test('the line follows the phases in order and never counts past the total', () => {
	const written: string[] = [];
	const progress = new InstallProgress(Date.now(), (text) => written.push(text));
	try {
		progress.phase('resolve');
		progress.feed(`${MANIFEST}\n${MANIFEST}\n${MANIFEST.slice(0, 20)}`); // the last line arrives in two chunks
		progress.feed(`${MANIFEST.slice(20)}\n`);
		expect(progress.describe()).toBe('resolving the dependency tree: 3 package manifests read');

		progress.phase('unpack', 3);
		progress.feed(`${TARBALL}\n${MANIFEST}\n`);
		expect(progress.describe()).toBe('downloading and unpacking: 1 of at most 3 packages');
		progress.feed(`${TARBALL}\n${TARBALL}\n`);
		expect(progress.describe()).toBe('unpacked 3 packages, linking and preparing install scripts');

		progress.feed(`${SCRIPT_START}\n${OTHER_START}\n`);
		expect(progress.describe()).toMatch(
			/^building native modules \(0 done, running for \d+s\): sqlite3, isolated-vm; sqlite3 compiles from source, a few minutes$/,
		);
		progress.feed(`${OTHER_END}\n`);
		expect(progress.describe()).toMatch(/^building native modules \(1 done, running for \d+s\): sqlite3;/);
		progress.feed(`${SCRIPT_END}\n`);
		expect(progress.describe()).toBe('install scripts: 2 done; npm is finishing');
	} finally {
		progress.stop();
	}
	// Not a terminal: one line per phase change at least, each ending with a newline.
	expect(written.length).toBeGreaterThanOrEqual(2);
	expect(written.every((line) => line.endsWith('\n'))).toBe(true);
});

test('a long wait for the first complete download says so instead of a bare 0, and a later silence says npm is extracting', () => {
	jest.useFakeTimers({ now: new Date('2026-12-01T06:00:00Z') });
	const progress = new InstallProgress(Date.now(), () => undefined);
	try {
		progress.phase('unpack', 3);
		expect(progress.describe()).toBe('downloading and unpacking: 0 of at most 3 packages');
		jest.setSystemTime(new Date('2026-12-01T06:00:30Z'));
		progress.feed(`${MANIFEST}\n`); // a manifest read late does not hide the wait
		expect(progress.describe()).toBe(
			'downloading and unpacking: 0 of at most 3 packages; the first downloads are under way (npm counts a package once it is complete; none yet after 30s)',
		);
		progress.feed(`${TARBALL}\n`);
		expect(progress.describe()).toBe('downloading and unpacking: 1 of at most 3 packages');
		jest.setSystemTime(new Date('2026-12-01T06:00:45Z'));
		expect(progress.describe()).toBe('downloading and unpacking: 1 of at most 3 packages; npm is extracting and linking (no output for 15s)');
	} finally {
		progress.stop();
		jest.useRealTimers();
	}
});

test('the lock count leaves out the root, links, bundled packages and optional ones for another platform', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-lock-'));
	const other = process.platform === 'linux' ? 'darwin' : 'linux';
	fs.writeFileSync(
		path.join(dir, 'package-lock.json'),
		JSON.stringify({
			packages: {
				'': { name: 'root' },
				'node_modules/a': { resolved: 'https://registry/a.tgz' },
				'node_modules/b': { resolved: 'https://registry/b.tgz', os: [process.platform] },
				'node_modules/c': { resolved: 'https://registry/c.tgz', os: [other] },
				'node_modules/d': { resolved: 'https://registry/d.tgz', cpu: [`!${process.arch}`] },
				'node_modules/a/node_modules/e': { inBundle: true },
				'node_modules/f': { link: true, resolved: 'packages/f' },
			},
		}),
	);
	try {
		expect(lockPackageCount(path.join(dir, 'package-lock.json'))).toBe(2);
		expect(lockPackageCount(path.join(dir, 'missing.json'))).toBeUndefined();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('an interrupted install is discarded, and so is what an earlier, interrupted discard left', async () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-discard-'));
	try {
		const partial = path.join(root, 'n8n-9.9.9.partial');
		fs.mkdirSync(path.join(partial, 'node_modules', 'a'), { recursive: true });
		fs.writeFileSync(path.join(partial, 'node_modules', 'a', 'index.js'), '');
		fs.mkdirSync(path.join(`${partial}.discarding`, 'node_modules', 'b'), { recursive: true });
		await discardFolder(partial);
		expect(fs.readdirSync(root)).toEqual([]);

		fs.mkdirSync(path.join(`${partial}.discarding`, 'x'), { recursive: true });
		await discardFolder(partial); // nothing to rename: only the leftover goes
		expect(fs.readdirSync(root)).toEqual([]);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
});
