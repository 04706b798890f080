/** Benchmarks run through Jest only for its TypeScript transform; they assert nothing about time. */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: ['**/test/bench/*.bench.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	reporters: ['default'],
	// A hard bound: the run takes about 10 minutes on 2 idle cores, longer on a shared machine.
	testTimeout: 1800000,
	forceExit: true,
};
