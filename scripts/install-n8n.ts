/**
 * `npm run install-n8n [-- <version>…]`: installs n8n (and the Node.js it runs on) into the cache
 * without starting anything: every version this project tests by default, or the ones named.
 * CI runs it before the e2e suites; a warm cache makes it a no-op.
 * `--list` prints the versions this project tests, one per line, newest first.
 */
import { ensureN8n } from './lib/n8n-install';
import { UserFacingError, formatDuration, info } from './lib/log';
import { N8N_TARGETS, N8N_VERSION_ENV, selectedTarget } from './lib/paths';
import { handleShutdown } from './lib/shutdown';

async function main(): Promise<void> {
	handleShutdown(async () => {});
	if (process.argv[2] === '--list') {
		for (const target of N8N_TARGETS) info(target.version);
		return;
	}
	const wanted = process.argv.slice(2);
	const targets = wanted.length ? wanted.map((v) => selectedTarget({ [N8N_VERSION_ENV]: v })) : N8N_TARGETS;
	for (const target of targets) {
		const started = Date.now();
		const install = await ensureN8n(target);
		info(`n8n ${install.version} on Node.js ${install.nodeVersion}: ${install.dir} (${formatDuration(Date.now() - started)})`);
	}
}

main().catch((error: unknown) => {
	if (error instanceof UserFacingError) process.stderr.write(`\n${error.message}\n`);
	else process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
