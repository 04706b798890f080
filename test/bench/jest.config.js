/** Benchmarks run through Jest only for its TypeScript transform; they assert nothing about time. */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: ['**/test/bench/*.bench.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	reporters: ['default'],
	// A hard bound: the run took 16 minutes on a shared 2-core machine.
	testTimeout: 1800000,
	forceExit: true,
};
