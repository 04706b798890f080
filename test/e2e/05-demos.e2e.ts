/** The demo workflows `npm start` imports run as they are (imported by the same code, with the same credentials). */
import { providerE2e } from './cases';
import type { CaseContext } from './cases/types';
import { connect, type E2eContext } from './helpers';

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

describe.each(providerE2e.map((p) => [p.sandboxId, p] as const))('%s demo workflows', (id, provider) => {
	test.each(provider.demos.map((d) => [d.title, d] as const))('%s', async (_title, demo) => {
		const ctx: CaseContext = { ...base, sb: base.sandbox(id) };
		await ctx.sb.reset();
		await demo.run(ctx);
	});
});
