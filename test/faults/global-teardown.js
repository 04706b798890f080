// Sums the counts each fault test file wrote (test-results/faults-<file>.json) into
// test-results/faults-counts.json and prints them: cases, faults injected by kind, lost, duplicated, secrets found.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
	const dir = path.join(__dirname, '..', '..', 'test-results');
	if (!fs.existsSync(dir)) return;
	const total = {};
	for (const name of fs.readdirSync(dir).sort()) {
		if (!/^faults-.+\.json$/.test(name) || name === 'faults-counts.json') continue;
		const counts = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
		for (const [key, value] of Object.entries(counts)) total[key] = (total[key] ?? 0) + value;
	}
	const injected = Object.entries(total)
		.filter(([key]) => key.startsWith('faultsInjected.'))
		.reduce((sum, [, value]) => sum + value, 0);
	const summary = { ...total, faultsInjected: injected };
	fs.writeFileSync(path.join(dir, 'faults-counts.json'), JSON.stringify(summary, null, 2) + '\n');
	process.stdout.write(`\nFault suite counts: ${JSON.stringify(summary)}\n`);
};
