import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../nodes/shared/errors';
import type { PipelineEntry } from '../../nodes/shared/pipeline';
import { planBatches, runItemPipeline } from '../../nodes/shared/pipeline';
import { callProvider, unexpectedAnswer } from '../../nodes/shared/transport';
import { invalidInput } from '../../nodes/shared/validation';
import type { LoopbackServer } from './support/probe';
import { probeApi, runInProbe, useLoopbackServer } from './support/probe';

interface Recipient extends PipelineEntry {
	to: string;
	text: string;
}

const loopback = useLoopbackServer({ status: 200, body: '{"ok":true}', delayMs: 30 });
let server: LoopbackServer;
beforeEach(() => {
	server = loopback();
});

/** A pipeline that sends each batch as one request and fails items whose text is empty. */
async function run(items: IDataObject[], options: { maxInFlight?: number; continueOnFail?: boolean; batchSize?: number } = {}) {
	return await runInProbe(
		server,
		async (ctx) =>
			await runItemPipeline<Recipient>(ctx, items.length, {
				read: (itemIndex) => {
					const json = ctx.getInputData()[itemIndex].json;
					if (!json.text) throw invalidInput(ctx.getNode(), itemIndex, 'Text', 'is empty');
					return String(json.to)
						.split(',')
						.map((to) => ({ itemIndex, to, text: String(json.text) }));
				},
				groupKey: (entry) => entry.text,
				batchSize: options.batchSize ?? 2,
				maxInFlight: options.maxInFlight,
				sideEffect: true,
				send: async (batch) => {
					await callProvider(ctx, probeApi, {
						prepare: () => ({ method: 'POST', path: '/send', body: { json: batch.entries.map((entry) => entry.to) } }),
						read: (response, context) => {
							if (response.statusCode === 200) return response.json;
							throw unexpectedAnswer(response, context);
						},
						repeatable: false,
					});
					return batch.entries.map((entry) => ({ to: entry.to, batch: batch.index }));
				},
				failedJson: (entry) => ({ to: entry.to }),
			}),
		{ items, continueOnFail: options.continueOnFail },
	);
}

describe('item pipeline', () => {
	it('plans batches by group in first-seen order, split to the limit', () => {
		const entries = ['a', 'b', 'a', 'a', 'b'].map((text, itemIndex) => ({ itemIndex, text }));
		expect(planBatches(entries, 2, (entry) => entry.text).map((batch) => [batch.index, batch.chunkIndex, batch.entries.map((e) => e.itemIndex)])).toEqual([
			[0, 0, [0, 2]],
			[1, 1, [3]],
			[2, 0, [1, 4]],
		]);
	});

	it('outputs in input order with pairedItem, across groups and batches', async () => {
		const { output, error } = await run([
			{ to: '1,2,3', text: 'A' },
			{ to: '4', text: 'B' },
			{ to: '5', text: 'A' },
		]);
		expect(error).toBeUndefined();
		expect(output![0].map((item) => [item.json.to, item.pairedItem])).toEqual([
			['1', { item: 0 }],
			['2', { item: 0 }],
			['3', { item: 0 }],
			['4', { item: 1 }],
			['5', { item: 2 }],
		]);
		// A: [1,2] [3,5]; B: [4]
		expect(server.requests.map((request) => request.body)).toEqual(['["1","2"]', '["3","5"]', '["4"]']);
	});

	it('validates every item before any request: one bad item stops the node with nothing sent', async () => {
		const { error } = await run([{ to: '1', text: 'A' }, { to: '2', text: '' }]);
		expect(error?.message).toBe('Item 2: "Text" is empty');
		expect(server.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item and a failed request become paired error items; the rest is sent', async () => {
		server.queue.push({ status: 200, body: '{"ok":true}' }, { status: 500, body: 'boom' });
		const { output } = await run(
			[
				{ to: '1', text: 'A' },
				{ to: '2', text: '' },
				{ to: '3', text: 'B' },
			],
			{ continueOnFail: true },
		);
		expect(output![0].map((item) => item.json)).toEqual([
			{ to: '1', batch: 0 },
			{ error: 'Item 2: "Text" is empty' },
			expect.objectContaining({ to: '3', error: 'Probe error: Unexpected response: boom (HTTP 500)', httpCode: '500', mayHaveBeenAccepted: true }),
		]);
		expect(output![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// The unsafe send with an unknown outcome was not repeated.
		expect(server.requests).toHaveLength(2);
	});

	it('sends one request at a time by default', async () => {
		await run(Array.from({ length: 8 }, (_, i) => ({ to: String(i), text: `T${i}` })));
		expect(server.requests).toHaveLength(8);
		expect(server.maxConcurrent).toBe(1);
	});

	it('never has more requests in flight than asked, and keeps the output order', async () => {
		const items = Array.from({ length: 12 }, (_, i) => ({ to: String(i), text: `T${i}` }));
		const { output } = await run(items, { maxInFlight: 3 });
		expect(server.requests).toHaveLength(12);
		expect(server.maxConcurrent).toBe(3);
		expect(output![0].map((item) => item.json.to)).toEqual(items.map((item) => item.to));
	});

	it('without Continue On Fail, the first failed batch stops the node and no further batch starts', async () => {
		server.queue.push({ status: 200, body: '{}' }, { status: 400, body: 'no' });
		const { error } = await run(Array.from({ length: 5 }, (_, i) => ({ to: String(i), text: `T${i}` })));
		expect(error?.message).toBe('Probe error: Unexpected response: no (HTTP 400)');
		expect(String((error as { description?: string }).description)).toContain('may have accepted');
		expect(server.requests).toHaveLength(2);
	});

	it('keeps a typed provider error typed until the boundary', () => {
		const error = new ProviderError({ provider: 'Probe', message: 'Balance too low', code: -14, httpCode: 401, outcome: 'refused' });
		expect(error.message).toBe('Probe error -14: Balance too low (HTTP 401)');
		expect(error.with({ message: 'Other' }).message).toBe('Probe error -14: Other (HTTP 401)');
		expect(error.ambiguous).toBe(false);
	});
});
