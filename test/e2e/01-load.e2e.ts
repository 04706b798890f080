/** Every node and credential type of the package loads in n8n, installed from its tarball. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { installedPackageDir } from '../../scripts/lib/package-install';
import { providerE2e } from './cases';
import { connect, describeEach, n8nLog, type E2eContext } from './helpers';

let ctx: E2eContext;
beforeAll(async () => {
	ctx = await connect();
});

test('the package was installed as Community nodes → Install does (a copy, no devDependencies, nothing linked)', () => {
	const dir = installedPackageDir(ctx.state.config.userFolder, ctx.state.packageName);
	expect(fs.lstatSync(dir).isSymbolicLink()).toBe(false);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
	expect(pkg.devDependencies).toBeUndefined();
	expect(pkg.peerDependencies).toBeUndefined();
	for (const file of (pkg.n8n as { nodes: string[]; credentials: string[] }).nodes) expect(fs.existsSync(path.join(dir, file))).toBe(true);
	for (const dep of Object.keys((pkg.dependencies as Record<string, string>) ?? {})) {
		expect(fs.existsSync(path.join(dir, 'node_modules', dep))).toBe(true);
	}
});

test('the package has no runtime dependencies: nothing installed beside it, and its files require only n8n-workflow and Node built-ins', () => {
	const dir = installedPackageDir(ctx.state.config.userFolder, ctx.state.packageName);
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
	expect(Object.keys((pkg.dependencies as Record<string, string>) ?? {})).toEqual([]);
	expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
	const declared = pkg.n8n as { nodes: string[]; credentials: string[] };
	const required = new Set<string>();
	for (const file of [...declared.nodes, ...declared.credentials]) {
		const code = fs.readFileSync(path.join(dir, file), 'utf8');
		for (const match of code.matchAll(/\brequire\((["'])([^"']+)\1\)/g)) required.add(match[2]);
	}
	const outside = [...required].filter((name) => name !== 'n8n-workflow' && !name.startsWith('node:'));
	expect(outside).toEqual([]);
	expect(required.has('n8n-workflow')).toBe(true);
});

test('the n8n under test is the version this run asked for, on its Node.js', async () => {
	const settings = await ctx.rest.get<{ versionCli?: string }>('/settings');
	expect(settings.versionCli).toBe(ctx.state.config.install.version);
	// The n8n process (its group leader) runs on the Node.js cached for that version (Linux's /proc).
	expect(fs.readlinkSync(`/proc/${ctx.state.pid}/exe`)).toBe(fs.realpathSync(ctx.state.config.install.node));
});

test('n8n loaded the package with all its nodes and credentials, and logged no error while starting', () => {
	const dir = installedPackageDir(ctx.state.config.userFolder, ctx.state.packageName);
	const declared = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } }).n8n;
	const log = n8nLog(ctx.state);
	expect(log).not.toMatch(/is not a constructor/);
	const loaded = log.split('\n').filter((line) => line.includes(`Loaded all credentials and nodes from ${ctx.state.packageName}`));
	expect(loaded.length).toBeGreaterThan(0);
	for (const line of loaded) {
		expect(line).toContain(`"credentials": ${declared.credentials.length}, "nodes": ${declared.nodes.length}`);
	}
	const startup = log.slice(0, log.indexOf('Editor is now accessible'));
	expect(startup.length).toBeGreaterThan(0);
	const errors = startup.split('\n').filter((line) => /^\S+\s+error\s/.test(line));
	expect(errors).toEqual([]);
});

describeEach(providerE2e, (p) => p.id, (provider) => {
	test('its node types appear in /types/nodes.json', async () => {
		const types = (await ctx.rest.raw('GET', '/types/nodes.json')) as Array<{ name: string }>;
		const names = new Set(types.map((t) => t.name));
		for (const type of provider.nodeTypes) expect(names.has(type)).toBe(true);
	});

	test('its credential types appear in /types/credentials.json', async () => {
		const types = (await ctx.rest.raw('GET', '/types/credentials.json')) as Array<{ name: string }>;
		const names = new Set(types.map((t) => t.name));
		for (const type of provider.credentialTypes) expect(names.has(type)).toBe(true);
	});
});
