/**
 * `npm run sandbox`: starts the sandbox of every row of the manifest on 127.0.0.1 and prints how
 * to use it. Ctrl-C stops them.
 * Port per provider: env SANDBOX_PORT_<ID upper> (0 = any free port), else the row's default.
 */
import { providers } from '../manifest';
import { UserFacingError } from './lib/log';
import { describeSandbox, sandboxPort, startSandboxes, stopSandboxes } from './lib/sandboxes';

async function main(): Promise<void> {
	const running = await startSandboxes((row) => sandboxPort(row, { allowAny: true }), providers);

	let stopping = false;
	const onSignal = (sig: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${sig}: stopping the sandboxes…\n`);
		stopSandboxes(running).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	// Listen before printing "Ctrl-C stops…": a supervisor may signal as soon as it reads that.
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	const lines: string[] = [''];
	for (const sandbox of running) lines.push(...describeSandbox(sandbox), '');
	lines.push('Ctrl-C stops the sandboxes.', '');
	process.stdout.write(lines.join('\n'));
}

main().catch((err: unknown) => {
	const message =
		err instanceof UserFacingError
			? err.message
			: `sandbox: ${(err as Error)?.message ?? String(err)}`;
	process.stderr.write(`${message}\n`);
	process.exit(1);
});
