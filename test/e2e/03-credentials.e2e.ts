/** The credential test n8n's credential modal runs (POST /rest/credentials/test), good and bad. */
import { demoProviders } from '../../demo/providers';
import { providerE2e } from './cases';
import type { CaseContext } from './cases/types';
import { connect, type E2eContext } from './helpers';

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

describe.each(providerE2e.map((p) => [p.sandboxId, p] as const))('%s', (id, provider) => {
	test.each(provider.credentialTests.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		const ctx: CaseContext = { ...base, sb: base.sandbox(id) };
		await ctx.sb.reset();
		await c.before?.(ctx);
		const stored = demoProviders.find((p) => p.sandboxId === id)!.credentials.find((cred) => cred.type === c.type)!;
		const result = await ctx.rest.testCredential({ id: stored.id, name: stored.name, type: stored.type }, c.override);
		expect(result.status).toBe(c.expectStatus);
		if (c.expectMessage) expect(result.message).toMatch(c.expectMessage);
		if (c.expectStatus === 'Error') expect(result.message.length).toBeGreaterThan(10);
	});
});
