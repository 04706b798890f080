// Bundles each node and credential file listed in package.json's "n8n" section into one CommonJS
// file under dist/, with the libraries the nodes use (fast-xml-parser, lossless-json) inside it.
// The published package therefore has no runtime dependencies (n8n's verification requires that);
// only n8n-workflow (a peer dependency n8n provides) and Node's built-in modules stay outside.
// Types are checked by `tsc --noEmit` before this runs; the icons and codex files are copied by gulp.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** `dist/nodes/X/Y.node.js` → `nodes/X/Y.node.ts`. */
const sourceOf = (built) => {
	const match = /^dist\/(.+)\.js$/.exec(built);
	if (!match) throw new Error(`package.json n8n entry "${built}" is not a dist/*.js file`);
	return `${match[1]}.ts`;
};

const entryPoints = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map(sourceOf);
const peers = Object.keys(pkg.peerDependencies ?? {});

rmSync(join(root, 'dist'), { recursive: true, force: true });
const result = await build({
	absWorkingDir: root,
	entryPoints,
	outdir: 'dist',
	outbase: '.',
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: peers,
	// Bundled libraries may mention `process` or `globalThis` for other environments; nothing in the
	// nodes' own code does (the community lint forbids it), and the scan of dist/ checks the result.
	legalComments: 'inline',
	charset: 'utf8',
	logLevel: 'warning',
	metafile: true,
});

// Each output may import only the peer dependencies and Node's built-in modules.
const outside = new Set();
for (const output of Object.values(result.metafile.outputs)) {
	for (const imported of output.imports) if (imported.external) outside.add(imported.path);
}
const unexpected = [...outside].filter((name) => !peers.includes(name) && !name.startsWith('node:'));
if (unexpected.length) {
	console.error(`dist/ would require packages that are not bundled: ${unexpected.join(', ')}`);
	process.exit(1);
}
console.log(`bundled ${entryPoints.length} files into dist/ (outside the bundle: ${[...outside].sort().join(', ')})`);
