/** Benchmarks run through Jest only for its TypeScript transform; they assert nothing about time. */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: ['**/test/bench/*.bench.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	reporters: ['default'],
	testTimeout: 600000,
};
