// Jest reporter that writes the run's counts to a JSON file, so .ci/run can print the
// "N passed, N failed" line CI understands. Suites that crash before running count as failures.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
	constructor(_globalConfig, options = {}) {
		this.outputFile = options.outputFile ?? '.jest-results.json';
	}

	onRunComplete(_contexts, results) {
		const summary = {
			passed: results.numPassedTests,
			failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
			skipped: results.numPendingTests + results.numTodoTests,
			suites: results.numTotalTestSuites,
		};
		fs.mkdirSync(path.dirname(path.resolve(this.outputFile)), { recursive: true });
		fs.writeFileSync(this.outputFile, JSON.stringify(summary) + '\n');
	}
}

module.exports = SummaryReporter;
