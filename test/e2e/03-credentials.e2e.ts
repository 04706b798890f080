/** The credential test n8n's credential modal runs (POST /rest/credentials/test), good and bad. */
import { providerE2e } from './cases';
import type { CaseContext } from './cases/types';
import { connect, credentialRef, describeEach, testEach, type E2eContext } from './helpers';

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

describeEach(providerE2e, (p) => p.id, (provider) => {
	testEach(provider.credentialTests, (c) => c.title, async (c) => {
		const ctx: CaseContext = { ...base, sb: base.sandbox(provider.id) };
		await ctx.sb.reset();
		await c.before?.(ctx);
		const stored = credentialRef(provider.id, c.type);
		const result = await ctx.rest.testCredential({ ...stored, type: c.type }, c.override);
		expect(result.status).toBe(c.expectStatus);
		if (c.expectMessage) expect(result.message).toMatch(c.expectMessage);
		if (c.expectStatus === 'Error') expect(result.message.length).toBeGreaterThan(10);
	});
});
