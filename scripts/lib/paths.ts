/** Where things live: the repo, the n8n cache outside the repo, the pinned n8n version. */
import * as os from 'node:os';
import * as path from 'node:path';

/** The newest n8n that runs on Node 20. Its default xlsx tarball lives on an unreachable CDN, hence the override. */
export const N8N_VERSION = '2.8.4';
export const N8N_OVERRIDES = { xlsx: '0.18.5' } as const;

export const repoRoot = path.resolve(__dirname, '..', '..');

/** `$N8N_SMS_OTP_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-sms-otp`. */
export function cacheRoot(): string {
	if (process.env.N8N_SMS_OTP_CACHE) return path.resolve(process.env.N8N_SMS_OTP_CACHE);
	const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-sms-otp');
}

/** The user folder `npm start` uses (n8n keeps its database and installed nodes in `<folder>/.n8n`). */
export function startUserFolder(): string {
	return process.env.N8N_SMS_OTP_USER_FOLDER
		? path.resolve(process.env.N8N_SMS_OTP_USER_FOLDER)
		: path.join(repoRoot, '.n8n-local');
}
