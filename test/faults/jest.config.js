/**
 * The fault suite (`npm run test:faults`): every operation of every node under injected faults,
 * hostile input in every field, the triggers over a seeded schedule of failing polls, and secrets
 * checked everywhere. Nodes run through n8n's engine (test/harness) against the loopback emulators.
 */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/faults'],
	testMatch: ['**/*.faults.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 600_000,
	// The files mostly wait on the emulators (timeouts): more workers than cores.
	maxWorkers: 4,
	setupFilesAfterEnv: ['<rootDir>/test/faults/setup.ts'],
	globalSetup: '<rootDir>/test/faults/global-setup.js',
	globalTeardown: '<rootDir>/test/faults/global-teardown.js',
	// .ci/run sums test-results/<suite>.json into its "N passed, N failed" line.
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { outputFile: 'test-results/faults.json' }]],
};
