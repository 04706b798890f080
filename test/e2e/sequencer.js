// Runs the e2e files in name order (01-…, 02-…, 99-…): the last one reads what all others left behind.
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class NameOrderSequencer extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => a.path.localeCompare(b.path));
	}
};
