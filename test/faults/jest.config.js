/**
 * The fault suite (`npm run test:faults`): every operation of every node under injected faults,
 * the triggers over a seeded schedule of failing polls, hostile input, and secrets everywhere.
 * Nodes run through n8n's engine (test/harness) against the loopback emulators.
 */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/faults'],
	testMatch: ['**/*.faults.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 120_000,
	// .ci/run sums test-results/*.json into its "N passed, N failed" line.
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { outputFile: 'test-results/faults.json' }]],
};
