// Copies what tsc does not emit into dist/: the node icons (for `icon: 'file:…'`) and the
// nodes' codex files (`*.node.json`, read by n8n beside each `*.node.js`).
const { src, dest, task, parallel } = require('gulp');

task('build:icons', parallel(
	() => src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons')),
	() => src('nodes/**/*.node.json').pipe(dest('dist/nodes')),
));
