// Copies the node icons into dist/ so that `icon: 'file:...'` resolves in the built package.
const { src, dest, task } = require('gulp');

task('build:icons', () => src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons')));
