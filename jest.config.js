/** Unit and integration tests: nodes run through n8n-core against the loopback sandbox. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 30000,
	reporters: ['default', ['<rootDir>/test/support/summary-reporter.js', { outputFile: 'test-results/unit.json' }]],
};
