/** The demo workflows `npm start` imports run as they are (imported by the same code, with the same credentials). */
import { providerE2e } from './cases';
import type { CaseContext } from './cases/types';
import { connect, describeEach, testEach, type E2eContext } from './helpers';

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

if (providerE2e.every((p) => p.demos.length === 0)) test.todo('no manifest row with e2e cases has demo cases');

describeEach(providerE2e, (p) => `${p.id} demo workflows`, (provider) => {
	testEach(provider.demos, (d) => d.title, async (demo) => {
		const ctx: CaseContext = { ...base, sb: base.sandbox(provider.id) };
		await ctx.sb.reset();
		await demo.run(ctx);
	});
});
