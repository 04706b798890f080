/**
 * The manifest is the one list of providers: its rows are consistent with the files they name,
 * with each other, and with package.json's `n8n` section; no node or credential file is left out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import {
	fromRepo,
	providers,
	repoRoot,
	type CredentialEntry,
	type NodeEntry,
	type ProviderRow,
	type SandboxHandle,
} from '../../manifest';
import { demoWorkflows } from '../../scripts/lib/demo';
import { collectE2e } from '../e2e/cases';

const pkg = JSON.parse(fs.readFileSync(fromRepo('package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

/** `nodes/X/Y.node.ts` → `dist/nodes/X/Y.node.js`, as `npm run build` emits it. */
const built = (file: string) => `dist/${file.replace(/\.ts$/, '.js')}`;

function filesUnder(dir: string, suffix: string): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(fromRepo(dir), { withFileTypes: true })) {
		const rel = `${dir}/${entry.name}`;
		if (entry.isDirectory()) out.push(...filesUnder(rel, suffix));
		else if (entry.name.endsWith(suffix)) out.push(rel);
	}
	return out;
}

/** The class n8n instantiates: `Foo.node.js` must export `class Foo` (otherwise the whole package fails to load). */
function instantiate<T>(file: string, suffix: string): T {
	const className = path.basename(file, suffix);
	const module = require(fromRepo(file)) as Record<string, new () => T>;
	if (typeof module[className] !== 'function')
		throw new Error(`${file} does not export class ${className}`);
	return new module[className]();
}

const nodesOf = (row: ProviderRow): NodeEntry[] => [
	row.node,
	...(row.trigger ? [row.trigger] : []),
];

test('package.json lists exactly the built node and credential files of the manifest', () => {
	const nodes = providers.flatMap(nodesOf).map((n) => built(n.file));
	const credentials = providers.flatMap((r) => r.credentials).map((c) => built(c.file));
	expect([...pkg.n8n.nodes].sort()).toEqual([...nodes].sort());
	expect([...pkg.n8n.credentials].sort()).toEqual([...credentials].sort());
	expect(new Set(pkg.n8n.nodes).size).toBe(pkg.n8n.nodes.length);
	expect(new Set(pkg.n8n.credentials).size).toBe(pkg.n8n.credentials.length);
});

test('every node and credential source file belongs to a row', () => {
	const named = new Set([
		...providers.flatMap(nodesOf).map((n) => n.file),
		...providers.flatMap((r) => r.credentials).map((c) => c.file),
	]);
	const onDisk = [
		...filesUnder('nodes', '.node.ts'),
		...filesUnder('credentials', '.credentials.ts'),
	];
	expect(onDisk.length).toBeGreaterThan(0);
	expect(onDisk.filter((f) => !named.has(f))).toEqual([]);
});

test('ids, default ports, credential ids and names, and demo workflow ids are unique across rows', () => {
	const unique = (values: Array<string | number>) =>
		expect(values.filter((v, i) => values.indexOf(v) !== i)).toEqual([]);
	unique(providers.map((r) => r.id));
	unique(providers.map((r) => r.id.toUpperCase()));
	unique(providers.map((r) => r.title));
	unique(providers.map((r) => r.sandbox.defaultPort));
	unique(providers.flatMap((r) => r.credentials.map((c) => c.sandbox.id)));
	unique(providers.flatMap((r) => r.credentials.map((c) => c.sandbox.name)));
	unique(providers.flatMap((r) => r.credentials.map((c) => c.type)));
	unique(providers.flatMap((r) => demoWorkflows(r).map((w) => w.id)));
});

describe.each(providers.map((row) => [row.id, row] as const))('%s', (_id, row) => {
	test('the node is named by the row, one word everywhere, and shown with the row title', () => {
		expect(row.id).toMatch(/^[a-z][A-Za-z0-9]*$/);
		expect(row.node.name).toBe(row.id);
		const node = instantiate<INodeType>(row.node.file, '.node.ts');
		expect(node.description.name).toBe(row.node.name);
		expect(node.description.displayName).toBe(row.title);
		expect(node.description.usableAsTool).toBe(true);
	});

	test('the trigger, when there is one, polls and has inbound SMS to poll', () => {
		if (!row.trigger) {
			expect(fs.existsSync(fromRepo(row.node.file.replace(/\.node\.ts$/, 'Trigger.node.ts')))).toBe(
				false,
			);
			return;
		}
		const trigger = instantiate<INodeType>(row.trigger.file, '.node.ts');
		expect(trigger.description.name).toBe(row.trigger.name);
		expect(trigger.description.name).toBe(`${row.id}Trigger`);
		expect(trigger.description.polling).toBe(true);
		expect(row.capabilities.inboundSms).toBeInstanceOf(Function);
	});

	test('its credentials are the types its nodes use, each class named after its file', () => {
		const used = new Set(
			nodesOf(row).flatMap((n) =>
				(instantiate<INodeType>(n.file, '.node.ts').description.credentials ?? []).map(
					(c) => c.name,
				),
			),
		);
		expect([...used].sort()).toEqual(row.credentials.map((c) => c.type).sort());
		for (const credential of row.credentials as Array<CredentialEntry<SandboxHandle>>) {
			expect(instantiate<ICredentialType>(credential.file, '.credentials.ts').name).toBe(
				credential.type,
			);
			expect(credential.sandbox.id.length).toBeLessThanOrEqual(36);
		}
	});

	test('its demo workflows exist, use only the package’s nodes with sandbox credentials, and name existing active/screenshot ids', () => {
		if (!row.demo) return;
		const workflows = demoWorkflows(row);
		expect(workflows.length).toBeGreaterThan(0);
		const ids = new Set(workflows.map((w) => w.id));
		for (const id of [
			...(row.demo.active ?? []),
			...(row.demo.screenshot ? [row.demo.screenshot] : []),
		])
			expect(ids.has(id)).toBe(true);
		// A demo may chain another row's node (OTP Verification sends through an SMS provider), with
		// that row's sandbox credential.
		const ownTypes = new Set(providers.flatMap(nodesOf).map((n) => `${pkg.name}.${n.name}`));
		const credentials = new Map(
			providers.flatMap((r) => r.credentials).map((c) => [c.type, { id: c.sandbox.id, name: c.sandbox.name }]),
		);
		for (const workflow of workflows) {
			expect(workflow.id.length).toBeLessThanOrEqual(21);
			for (const node of workflow.nodes as Array<{
				type: string;
				credentials?: Record<string, unknown>;
			}>) {
				if (node.type.startsWith(`${pkg.name}.`)) expect(ownTypes.has(node.type)).toBe(true);
				for (const [type, ref] of Object.entries(node.credentials ?? {}))
					expect(ref).toEqual(credentials.get(type));
			}
		}
	});

	test('its e2e cases module exists and matches the row (trigger cases exactly when it has a trigger)', () => {
		if (!row.e2e) return;
		expect(fs.existsSync(path.join(repoRoot, row.e2e))).toBe(true);
		const [collected] = collectE2e([row]);
		expect(collected.id).toBe(row.id);
		expect(collected.nodeTypes).toEqual(nodesOf(row).map((n) => `${pkg.name}.${n.name}`));
		expect(collected.credentialTypes).toEqual(row.credentials.map((c) => c.type));
		for (const c of collected.credentialTests)
			expect(row.credentials.map((x) => x.type)).toContain(c.type);
	});
});
