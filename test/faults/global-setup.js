// Drops the counts of an earlier run, so the summary covers this run only.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
	const dir = path.join(__dirname, '..', '..', 'test-results');
	if (!fs.existsSync(dir)) return;
	for (const name of fs.readdirSync(dir)) if (/^faults-.+\.json$/.test(name)) fs.rmSync(path.join(dir, name));
};
