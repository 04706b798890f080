/** Where things live: the repo, the n8n cache outside the repo, the n8n versions we run and test. */
import * as os from 'node:os';
import * as path from 'node:path';

import { UserFacingError } from './log';

/** One n8n version we install, run and test end to end, with the Node.js it runs on. */
export interface N8nTarget {
	/** The n8n version, installed from the npm registry. */
	version: string;
	/**
	 * The Node.js version n8n runs on, installed from the npm registry (`node-<platform>-<arch>`) into
	 * the cache; `undefined` means the Node.js that runs this script.
	 */
	node?: string;
	/** Extra fields for the install's package.json (overrides, install-script policy). */
	packageJson: Record<string, unknown>;
	/** Extra environment for every n8n process of this version (keeps it offline and quiet). */
	env: Record<string, string>;
	/** Why this version, for `--help`-like messages and the README. */
	role: string;
}

/**
 * The newest n8n the registry installs completely (2.41.3 pins companion packages the registry lacks).
 * It needs Node.js 24. The install script of `@confluentinc/kafka-javascript` downloads a prebuilt
 * binary from outside the registry and then fails; only n8n's Kafka nodes need it.
 */
export const N8N_LATEST: N8nTarget = {
	version: '2.41.1',
	node: '24.22.3',
	packageJson: { allowScripts: { '@confluentinc/kafka-javascript': false } },
	// The MCP registry module fetches a server list from n8n's API at start-up (and logs errors offline).
	// 2.8.4 does not know this module name and would refuse to start, hence per version.
	env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	role: 'the newest n8n, on Node.js 24',
};

/** The newest n8n that runs on Node.js 20, our floor. Its default xlsx tarball lives on an unreachable CDN. */
export const N8N_FLOOR: N8nTarget = {
	version: '2.8.4',
	packageJson: { overrides: { xlsx: '0.18.5' } },
	env: {},
	role: 'the oldest n8n we test, on the Node.js running this script (20 or later)',
};

export const N8N_TARGETS: readonly N8nTarget[] = [N8N_LATEST, N8N_FLOOR];

/** The environment variable that picks the n8n version for `npm start` and the e2e suite. */
export const N8N_VERSION_ENV = 'N8N_SMS_OTP_N8N_VERSION';

/** `$N8N_SMS_OTP_N8N_VERSION` (one of N8N_TARGETS), else the newest. */
export function selectedTarget(env: NodeJS.ProcessEnv = process.env): N8nTarget {
	const wanted = env[N8N_VERSION_ENV]?.trim();
	if (!wanted || wanted === 'latest') return N8N_LATEST;
	if (wanted === 'floor') return N8N_FLOOR;
	const target = N8N_TARGETS.find((t) => t.version === wanted);
	if (!target) {
		throw new UserFacingError(
			`${N8N_VERSION_ENV}=${wanted} is not a version this project installs. ` +
				`Choose one of: ${N8N_TARGETS.map((t) => `${t.version} (${t.role})`).join(', ')}.`,
		);
	}
	return target;
}

export const repoRoot = path.resolve(__dirname, '..', '..');

/** `$N8N_SMS_OTP_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-sms-otp`. */
export function cacheRoot(): string {
	if (process.env.N8N_SMS_OTP_CACHE) return path.resolve(process.env.N8N_SMS_OTP_CACHE);
	const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-sms-otp');
}

/**
 * The user folder `npm start` uses (n8n keeps its database and installed nodes in `<folder>/.n8n`).
 * One per n8n version: a database migrated by a newer n8n cannot be opened by an older one.
 */
export function startUserFolder(target: N8nTarget = selectedTarget()): string {
	if (process.env.N8N_SMS_OTP_USER_FOLDER) return path.resolve(process.env.N8N_SMS_OTP_USER_FOLDER);
	return target === N8N_LATEST ? path.join(repoRoot, '.n8n-local') : path.join(repoRoot, `.n8n-local-${target.version}`);
}
