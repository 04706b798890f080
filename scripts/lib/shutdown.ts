/**
 * One shutdown path for SIGINT (Ctrl-C), SIGTERM and SIGHUP, whoever sends them: the terminal to the
 * whole foreground group, or a supervisor to our process alone. The handler runs once; "Stopped." is
 * printed only after every child command (an npm install, n8n, its CLI) has really exited.
 */
import { info } from './log';
import { stopRunningChildren } from './proc';

export type ShutdownSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const SIGNALS: ShutdownSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Installs the handlers. `stopOwn` stops what the caller started (n8n, the sandboxes); then any child
 * command still running is stopped and waited for. Exit code: `code` if given, else 0 for a signal.
 */
export function handleShutdown(
	stopOwn: () => Promise<void>,
	options: { graceMs?: number } = {},
): { shutdown(code: number): Promise<void>; stopping(): boolean } {
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		info('\nStopping…');
		try {
			await stopOwn();
		} finally {
			const grace = options.graceMs ?? 15_000;
			const stopped = await stopRunningChildren(grace, (count) =>
				info(`Waiting for ${count === 1 ? 'a running command' : `${count} running commands`} (an install, n8n) to exit, at most ${Math.round(grace / 1000) + 5} s…`),
			);
			if (stopped > 0) info(`Stopped ${stopped === 1 ? 'a running command' : `${stopped} running commands`} and waited for ${stopped === 1 ? 'it' : 'them'} to exit.`);
			info('Stopped.');
			process.exit(code);
		}
	};
	for (const signal of SIGNALS) process.on(signal, () => void shutdown(0));
	// A reader of our output that went away (a pipe closed by the same Ctrl-C) must not turn the
	// shutdown into a crash that leaves children running.
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
	// If our parent dies without a word (npm killed with SIGKILL), we are re-parented: stop as well,
	// rather than keep n8n running with nobody to stop it.
	const parent = process.ppid;
	const orphanWatch = setInterval(() => {
		if (process.ppid !== parent) {
			clearInterval(orphanWatch);
			info(`The process that started this one (pid ${parent}) is gone.`);
			void shutdown(1);
		}
	}, 1000);
	orphanWatch.unref();
	return { shutdown, stopping: () => stopping };
}
