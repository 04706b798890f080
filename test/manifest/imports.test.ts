/**
 * Dependencies point one way. Every relative import (import, export … from, require, import())
 * of every source file is read with TypeScript's own pre-processor and mapped to its folder:
 *
 *   nodes/, credentials/  the product: imports nothing from test/, scripts/, demo/ or manifest/
 *   sandbox/              the emulators: import only the product
 *   manifest/             the provider rows: imports the emulators (names demos and e2e cases by path)
 *   demo/                 demo workflows (data)
 *   scripts/              npm start, npm run sandbox, screenshots: read the manifest
 *   test/e2e/             the end-to-end suite: uses scripts/lib and the manifest
 *
 * Each folder imports only from folders listed before it (or itself), and the graph of all folders,
 * the other test folders included, has no cycle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

const repo = path.join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.n8n-local', 'coverage', 'test-results']);

/** Lowest first; a folder may import from itself and the folders before it. */
const LAYERS = [
	['nodes', 'credentials'],
	['sandbox'],
	['manifest'],
	['demo'],
	['scripts'],
	['test/e2e'],
];

function sourceFiles(dir = repo): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (SKIP.has(entry.name)) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...sourceFiles(full));
		else if (/\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
	}
	return out;
}

function resolveImport(from: string, spec: string): string | undefined {
	const base = path.resolve(path.dirname(from), spec);
	const candidates = [
		base,
		`${base}.ts`,
		`${base}.js`,
		`${base}.json`,
		path.join(base, 'index.ts'),
		path.join(base, 'index.js'),
	];
	return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** The folder a file belongs to: 'test/<dir>' inside test/, else its top-level folder ('.' at the root). */
function folderOf(relative: string): string {
	const parts = relative.split(path.sep);
	if (parts.length === 1) return '.';
	if (parts[0] === 'test' && parts.length > 2) return `test/${parts[1]}`;
	return parts[0];
}

interface Edge {
	from: string;
	to: string;
	file: string;
	spec: string;
}

function importEdges(): { edges: Edge[]; unresolved: string[] } {
	const edges: Edge[] = [];
	const unresolved: string[] = [];
	for (const file of sourceFiles()) {
		const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
		for (const { fileName: spec } of info.importedFiles) {
			if (!spec.startsWith('.')) continue;
			const target = resolveImport(file, spec);
			const rel = path.relative(repo, file);
			if (!target) {
				unresolved.push(`${rel}: ${spec}`);
				continue;
			}
			edges.push({
				from: folderOf(rel),
				to: folderOf(path.relative(repo, target)),
				file: rel,
				spec,
			});
		}
	}
	return { edges, unresolved };
}

/** Groups of folders on a cycle (strongly connected components of more than one folder). */
function cycles(edges: Array<Pick<Edge, 'from' | 'to'>>): string[][] {
	const graph = new Map<string, Set<string>>();
	for (const { from, to } of edges) {
		if (from === to) continue;
		if (!graph.has(from)) graph.set(from, new Set());
		if (!graph.has(to)) graph.set(to, new Set());
		graph.get(from)!.add(to);
	}
	// Tarjan's algorithm.
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (v: string) => {
		index.set(v, counter);
		low.set(v, counter);
		counter++;
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v)!) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v)!, index.get(w)!));
			}
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1) found.push(component.sort());
		}
	};
	for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
	return found;
}

const { edges, unresolved } = importEdges();

test('the cycle finder finds a loop through three folders, and none in a chain', () => {
	expect(
		cycles([
			{ from: 'test/e2e', to: 'scripts' },
			{ from: 'scripts', to: 'demo' },
			{ from: 'demo', to: 'test/e2e' },
		]),
	).toEqual([['demo', 'scripts', 'test/e2e']]);
	expect(
		cycles([
			{ from: 'test/e2e', to: 'scripts' },
			{ from: 'scripts', to: 'demo' },
			{ from: 'demo', to: 'sandbox' },
		]),
	).toEqual([]);
});

test('every relative import resolves to a file (so the graph below is complete)', () => {
	expect(edges.length).toBeGreaterThan(100);
	expect(unresolved).toEqual([]);
});

test('no cycle between folders', () => {
	expect(cycles(edges)).toEqual([]);
});

test('no cycle between the top-level folders either (test/ counted as one): test/ is only ever imported by itself', () => {
	const topLevel = (folder: string) => folder.split('/')[0];
	const topEdges = edges.map((e) => ({ from: topLevel(e.from), to: topLevel(e.to) }));
	expect(cycles(topEdges)).toEqual([]);
	expect(edges.filter((e) => topLevel(e.to) === 'test' && topLevel(e.from) !== 'test').map((e) => `${e.file} imports ${e.spec}`)).toEqual([]);
});

test('each layered folder imports only from itself and the folders below it', () => {
	const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
	const wrong = edges
		.filter((e) => layerOf.has(e.from) && e.from !== e.to)
		.filter((e) => !layerOf.has(e.to) || layerOf.get(e.to)! > layerOf.get(e.from)!)
		.map((e) => `${e.file} imports ${e.spec} (${e.from} → ${e.to})`);
	expect(wrong).toEqual([]);
});

test('the product imports nothing from test/, scripts/, demo/ or the manifest', () => {
	const product = new Set(['nodes', 'credentials']);
	const wrong = edges
		.filter((e) => product.has(e.from) && !product.has(e.to))
		.map((e) => `${e.file} imports ${e.spec}`);
	expect(wrong).toEqual([]);
	// The folders the rules are about really have imports to check.
	for (const folder of [
		'nodes',
		'credentials',
		'sandbox',
		'manifest',
		'scripts',
		'test/e2e',
	]) {
		expect(edges.some((e) => e.from === folder)).toBe(true);
	}
});

test('nodes/shared/ imports no provider folder, and provider folders do not import each other', () => {
	const providerOf = (file: string) =>
		/^nodes\/([^/]+)\//.exec(file.split(path.sep).join('/'))?.[1];
	const wrong: string[] = [];
	for (const file of sourceFiles(path.join(repo, 'nodes'))) {
		const rel = path.relative(repo, file);
		const own = providerOf(rel)!;
		for (const { fileName: spec } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
			.importedFiles) {
			if (!spec.startsWith('.')) continue;
			const target = resolveImport(file, spec);
			const other = target && providerOf(path.relative(repo, target));
			if (other && other !== own && other !== 'shared') wrong.push(`${rel} imports ${spec}`);
		}
	}
	expect(wrong).toEqual([]);
});
