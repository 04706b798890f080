/**
 * The fault suite cannot forget anything the manifest lists: every provider has a fault table
 * covering every operation of its node (read from the node's operations table), a trigger case
 * when it has a trigger, and the test files that run them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { providers } from '../../manifest';
import { exposedText, operationsOf, secretsIn, startProvider, tableFor } from './env';
import { faultTables } from './tables';

describe('the fault suite covers the manifest', () => {
	it('has a fault table for every manifest row, and none for a provider the manifest does not list', () => {
		expect(Object.keys(faultTables).sort()).toEqual(providers.map((row) => row.id).sort());
	});

	it('the secret search finds a secret as it is, URL-encoded, in base64, JSON-escaped, and inside an error', () => {
		const secret = 'Fault-Secret/+"Value=1';
		for (const text of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), JSON.stringify({ k: secret })]) {
			expect(secretsIn(`before ${text} after`, [secret])).toEqual([secret]);
		}
		const error = Object.assign(new Error('plain message'), { description: `key ${secret}` });
		expect(secretsIn(exposedText({ error }), [secret])).toEqual([secret]);
		expect(secretsIn('nothing here', [secret])).toEqual([]);
	});

	for (const row of providers) {
		it(`${row.title}: one fault case per operation of the node, a trigger case iff it has a trigger, and the test files`, async () => {
			const env = await startProvider(row);
			try {
				const table = tableFor(row);
				const covered = table.operations.map((op) => op.covers);
				expect(new Set(covered).size).toBe(covered.length);
				expect([...covered].sort()).toEqual(operationsOf(env.resources).sort());
				expect(Boolean(table.trigger)).toBe(Boolean(row.trigger));
				expect(env.secrets.length).toBeGreaterThan(0);
				const dir = path.join(__dirname, 'providers');
				expect(fs.existsSync(path.join(dir, `${row.id}.operations.faults.ts`))).toBe(true);
				expect(fs.existsSync(path.join(dir, `${row.id}.trigger.faults.ts`))).toBe(Boolean(row.trigger));
			} finally {
				await env.close();
			}
		});
	}
});
