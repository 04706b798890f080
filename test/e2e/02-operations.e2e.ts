/**
 * Every operation of every node, in a real workflow execution against its sandbox, with n8n
 * credentials; and provider errors as the node's English error with the provider's code (error
 * items under Continue On Fail).
 */
import { providerE2e } from './cases';
import { connect, describeEach, runOperationCase, testEach, type E2eContext } from './helpers';

interface NodeTypeDescription {
	name: string;
	properties: Array<{ name: string; options?: Array<{ value: unknown }>; displayOptions?: { show?: { resource?: string[] } } }>;
}

/** "resource.operation" pairs as n8n itself describes the node (from /types/nodes.json). */
function operationsOf(type: NodeTypeDescription): string[] {
	return type.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.displayOptions?.show?.resource ?? ['']).flatMap((r) => (p.options ?? []).map((o) => `${r}.${String(o.value)}`)));
}

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

describeEach(providerE2e, (p) => p.id, (provider) => {
	test('every operation n8n shows for the nodes has a case', async () => {
		const types = (await base.rest.raw('GET', '/types/nodes.json')) as NodeTypeDescription[];
		const operations = types.filter((t) => provider.nodeTypes.includes(t.name)).flatMap(operationsOf);
		expect(operations.length).toBeGreaterThan(0);
		const covered = new Set(provider.operationCases.map((c) => c.covers));
		expect(operations.filter((op) => !covered.has(op))).toEqual([]);
	});

	testEach(provider.operationCases, (c) => c.title, async (c) => {
		await runOperationCase(base, provider.id, c);
	});

	testEach(provider.errorCases, (c) => `error: ${c.title}`, async (c) => {
		await runOperationCase(base, provider.id, c);
	});
});
