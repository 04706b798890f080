/**
 * Every operation of every node, in a real workflow execution against its sandbox, with n8n
 * credentials; and provider errors as the node's English error with the provider's code (error
 * items under Continue On Fail).
 */
import { providerE2e } from './cases';
import { connect, runOperationCase, type E2eContext } from './helpers';

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

describe.each(providerE2e.map((p) => [p.sandboxId, p] as const))('%s', (id, provider) => {
	test('every operation n8n shows for the nodes has a case', async () => {
		const types = (await base.rest.raw('GET', '/types/nodes.json')) as NodeTypeDescription[];
		const operations = types.filter((t) => provider.nodeTypes.includes(t.name)).flatMap(operationsOf);
		expect(operations.length).toBeGreaterThan(0);
		const covered = new Set(provider.operationCases.map((c) => c.covers));
		expect(operations.filter((op) => !covered.has(op))).toEqual([]);
	});

	test.each(provider.operationCases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
		await runOperationCase(base, id, c);
	});

	test.each(provider.errorCases.map((c) => [c.title, c] as const))('error: %s', async (_title, c) => {
		await runOperationCase(base, id, c);
	});
});
