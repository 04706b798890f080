/**
 * Queue-mode suite: Redis and PostgreSQL started by the suite, one n8n main in queue mode and two
 * workers of the same n8n (the newest we test, or N8N_SMS_OTP_N8N_VERSION), this package installed
 * from its tarball, every provider's sandbox. Reuses the e2e cases and helpers. Files run in name order.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }] },
	globalSetup: '<rootDir>/test/queue/global-setup.ts',
	globalTeardown: '<rootDir>/test/queue/global-teardown.ts',
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	testTimeout: 180_000,
	slowTestThreshold: 30,
	// .ci/run sums test-results/*.json into its "N passed, N failed" line.
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { outputFile: 'test-results/queue.json' }]],
};
