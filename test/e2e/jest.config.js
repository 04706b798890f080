/**
 * End-to-end suite: one real n8n (cached install) with this package installed from its tarball,
 * every provider's sandbox, driven through n8n's CLI and REST API. Files run in name order.
 * N8N_SMS_OTP_N8N_VERSION picks the n8n version (default: the newest we test); each version writes
 * its own results file.
 */
const version = (process.env.N8N_SMS_OTP_N8N_VERSION || 'latest').replace(/[^0-9A-Za-z.-]/g, '_');

module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }] },
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	testTimeout: 120_000,
	slowTestThreshold: 30,
	// .ci/run sums test-results/*.json into its "N passed, N failed" line.
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { outputFile: `test-results/e2e-n8n-${version}.json` }]],
};
