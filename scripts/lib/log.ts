/** Small console helpers shared by `npm start`, the screenshots script and the e2e global setup. */

export class UserFacingError extends Error {
	/** An error whose message tells the user what happened and what to do; printed without a stack. */
	constructor(message: string) {
		super(message);
		this.name = 'UserFacingError';
	}
}

export function step(message: string): void {
	process.stdout.write(`• ${message}\n`);
}

export function info(message: string): void {
	process.stdout.write(`${message}\n`);
}

export function formatDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
