/** A lock file per cache entry, so two starts (or a start and the e2e suite) never install the same thing at once. */
import * as fs from 'node:fs';

import { UserFacingError, info } from './log';
import { isAlive, sleep } from './proc';

const LOCK_WAIT_MS = 20 * 60_000;

/** Takes the lock (waiting for a live holder, bounded); returns its release. A dead holder's lock is taken over. */
export async function acquireLock(lockPath: string, what: string): Promise<() => void> {
	const deadline = Date.now() + LOCK_WAIT_MS;
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			const release = () => fs.rmSync(lockPath, { force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		let holder = 0;
		try {
			holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
		} catch {
			continue; // released between our two calls
		}
		if (!holder || !isAlive(holder)) {
			fs.rmSync(lockPath, { force: true });
			continue;
		}
		if (Date.now() > deadline) {
			throw new UserFacingError(
				`Another process (pid ${holder}) has been installing ${what} for too long (lock ${lockPath}).\n` +
					'Stop it, or delete the lock file if that process is not an install, and run again.',
			);
		}
		if (!announced) {
			info(`Another process (pid ${holder}) is installing ${what}; waiting for it to finish…`);
			announced = true;
		}
		await sleep(2000);
	}
}
