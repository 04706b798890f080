/** Which n8n `npm start` and the e2e suite run, and where its user folder is. */
import * as path from 'node:path';

import { N8N_FLOOR, N8N_LATEST, N8N_TARGETS, N8N_VERSION_ENV, repoRoot, selectedTarget, startUserFolder } from '../../scripts/lib/paths';

test('the newest n8n by default; the variable picks a tested version by number or by role', () => {
	expect(selectedTarget({})).toBe(N8N_LATEST);
	expect(selectedTarget({ [N8N_VERSION_ENV]: '' })).toBe(N8N_LATEST);
	expect(selectedTarget({ [N8N_VERSION_ENV]: N8N_FLOOR.version })).toBe(N8N_FLOOR);
	expect(selectedTarget({ [N8N_VERSION_ENV]: 'floor' })).toBe(N8N_FLOOR);
	expect(selectedTarget({ [N8N_VERSION_ENV]: ` ${N8N_LATEST.version} ` })).toBe(N8N_LATEST);
});

test('an untested version is refused with the list of those that are', () => {
	expect(() => selectedTarget({ [N8N_VERSION_ENV]: '1.99.0' })).toThrow(
		new RegExp(`${N8N_VERSION_ENV}=1\\.99\\.0 .*${N8N_LATEST.version.replace(/\./g, '\\.')}.*${N8N_FLOOR.version.replace(/\./g, '\\.')}`),
	);
});

test('the newest runs on a Node.js from the registry, the floor on the running one; only the newest disables the MCP registry', () => {
	expect(N8N_LATEST.node).toMatch(/^24\./);
	expect(N8N_FLOOR.node).toBeUndefined();
	expect(N8N_LATEST.env.N8N_DISABLED_MODULES).toBe('mcp-registry');
	expect(N8N_FLOOR.env.N8N_DISABLED_MODULES).toBeUndefined();
	expect(new Set(N8N_TARGETS.map((t) => t.version)).size).toBe(N8N_TARGETS.length);
});

test('each version gets its own npm start user folder (a newer n8n migrates a database an older one cannot open)', () => {
	const saved = process.env.N8N_SMS_OTP_USER_FOLDER;
	delete process.env.N8N_SMS_OTP_USER_FOLDER;
	try {
		expect(startUserFolder(N8N_LATEST)).toBe(path.join(repoRoot, '.n8n-local'));
		expect(startUserFolder(N8N_FLOOR)).toBe(path.join(repoRoot, `.n8n-local-${N8N_FLOOR.version}`));
	} finally {
		if (saved !== undefined) process.env.N8N_SMS_OTP_USER_FOLDER = saved;
	}
});
