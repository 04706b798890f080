/**
 * Every operation of every node in the manifest, with the emulator injecting each fault once
 * (the node may recover) and on every request (Continue On Fail: an error item per input item).
 * Each run is checked for: a clear English error naming the provider, every input item paired,
 * no unhandled rejection, no side effect beyond a clean run's (the emulator's ledger), a failed
 * side effect that happened said to be possibly accepted, and no secret anywhere.
 */
import { sleep, type IDataObject, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { providers } from '../../manifest';
import type { FaultSpec } from '../../sandbox/core/faults';
import type { ExecuteNodeResult } from '../harness';
import { Counts, exposedText, hasTimeoutOption, operationsOf, secretsIn, setNow, startProvider, tableFor, type ProviderEnv } from './env';

type Fault = { name: string; spec: Omit<FaultSpec, 'times'>; timeout?: boolean };

const FAULTS: Fault[] = [
	{ name: 'HTTP 500', spec: { kind: 'http500' } },
	{ name: 'HTTP 500 HTML page', spec: { kind: 'html500' } },
	{ name: 'HTTP 502 gateway page', spec: { kind: 'http502' } },
	{ name: 'HTTP 503', spec: { kind: 'http503' } },
	{ name: 'HTTP 429', spec: { kind: 'http429' } },
	{ name: 'HTTP 429 with Retry-After', spec: { kind: 'http429RetryAfter', delayMs: 1000 } },
	{ name: 'a timeout (the server acts after the client gave up)', spec: { kind: 'delay', delayMs: 1500 }, timeout: true },
	{ name: 'a reset before processing', spec: { kind: 'resetBefore' } },
	{ name: 'a reset after processing', spec: { kind: 'resetAfter' } },
	{ name: 'an empty body', spec: { kind: 'emptyBody' } },
	{ name: 'an HTML page with HTTP 200', spec: { kind: 'htmlBody' } },
	{ name: 'an HTML page with HTTP 200 after processing', spec: { kind: 'htmlAfter' } },
	{ name: 'a malformed body', spec: { kind: 'malformedJson' } },
	{ name: 'a truncated answer (malformed JSON/XML) after processing', spec: { kind: 'truncatedJson' } },
];
const PERSISTENT_TIMES = 50;
const MAY_HAVE_BEEN_ACCEPTED = /may have (been )?accepted/i;

const counts = new Counts('operations');
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
	process.off('unhandledRejection', onUnhandled);
	counts.write();
});

function withTimeout(parameters: INodeParameters): INodeParameters {
	return { ...parameters, options: { ...((parameters.options as IDataObject) ?? {}), timeout: 1000 } };
}

function itemsOf(result: ExecuteNodeResult): INodeExecutionData[] {
	return result.output?.[0] ?? [];
}

function pairedIndices(items: INodeExecutionData[]): number[] {
	const seen = new Set<number>();
	for (const item of items) {
		const paired = item.pairedItem;
		expect(paired).toBeDefined();
		for (const p of Array.isArray(paired) ? paired : [paired]) seen.add(typeof p === 'number' ? p : p!.item);
	}
	return [...seen].sort((a, b) => a - b);
}

/** An error text a user reads: English, naming the provider, no placeholders. */
function expectClearError(text: unknown, title: string): void {
	expect(typeof text).toBe('string');
	const message = text as string;
	expect(message).toMatch(/^[\x20-\x7E\u2013\u2014\u2018\u2019\u201C\u201D]+$/);
	expect(message.toLowerCase()).toContain(title.toLowerCase());
	expect(message).not.toMatch(/undefined|\[object Object\]|NaN/);
}

for (const row of providers) {
	describe(`${row.title}: every operation under faults`, () => {
		let env: ProviderEnv;
		beforeAll(async () => {
			env = await startProvider(row);
		});
		afterAll(async () => await env?.close());

		it('the fault table covers every operation of the node', () => {
			const table = tableFor(row);
			expect(table.operations.map((op) => op.covers).sort()).toEqual(operationsOf(env.resources).sort());
			expect(Boolean(table.trigger)).toBe(Boolean(row.trigger));
		});

		for (const op of tableFor(row).operations) {
			describe(op.covers, () => {
				/** The ledger's growth in a clean run: the most any faulty run may cause. */
				let cleanDelta = 0;

				const runOnce = async (parameters: INodeParameters, continueOnFail: boolean) => {
					env.reset();
					setNow(op.now);
					await op.prepare?.(env.sb, async (p, items) => await env.run(p, items));
					const before = env.table.ledger(env.sb);
					env.sb.clearFaults();
					return {
						before,
						run: async () => {
							try {
								return await env.run(parameters, op.items, continueOnFail);
							} finally {
								setNow(undefined);
							}
						},
					};
				};

				const checkCommon = (result: ExecuteNodeResult) => {
					expect(unhandled).toEqual([]);
					const found = secretsIn(exposedText({ output: result.output, error: result.error, logs: result.logs }), env.secrets);
					counts.add('secretsFound', found.length);
					expect(found).toEqual([]);
				};

				let clean: { result: ExecuteNodeResult; delta: number } | undefined;
				beforeAll(async () => {
					const { before, run } = await runOnce(op.parameters, false);
					const result = await run();
					cleanDelta = env.table.ledger(env.sb) - before;
					clean = { result, delta: cleanDelta };
				});

				it('runs clean: every item paired, ids exact', () => {
					const { result } = clean!;
					checkCommon(result);
					expect(result.error).toBeUndefined();
					const items = itemsOf(result);
					const inputCount = (op.items ?? [{}]).length;
					expect(pairedIndices(items)).toEqual([...Array(inputCount).keys()]);
					if (op.sideEffect) expect(cleanDelta).toBeGreaterThan(0);
					else expect(cleanDelta).toBe(0);
					// 19- and 20-digit ids given as input come back as the same strings.
					const text = JSON.stringify(items.map((i) => i.json));
					for (const big of JSON.stringify(op.items ?? []).match(/\d{19,20}/g) ?? []) expect(text).toContain(`"${big}"`);
					counts.add('cases');
				});

				for (const fault of FAULTS) {
					for (const persistent of [false, true]) {
						const label = persistent
							? `${fault.name} on every request, Continue On Fail: an error item per input item`
							: `${fault.name} once: recovers or fails clearly`;
						it(label, async () => {
							if (fault.timeout && !hasTimeoutOption(env.resources, op.covers)) {
								// The operation has no Timeout option: a timeout is its 30-second default, which
								// behaves as a reset after processing (covered above).
								counts.add('timeoutNotApplicable');
								return;
							}
							const parameters = fault.timeout ? withTimeout(op.parameters) : op.parameters;
							const { before, run } = await runOnce(parameters, persistent);
							const times = persistent ? PERSISTENT_TIMES : 1;
							env.sb.injectFault({ ...fault.spec, times });
							const result = await run();
							// A slow server acts after the client gave up: let it finish before reading its ledger.
							if (fault.spec.kind === 'delay') await sleep((fault.spec.delayMs ?? 0) + 300);
							const left = env.sb.pendingFaults().reduce((sum, f) => sum + f.times, 0);
							env.sb.clearFaults();
							counts.add('cases');
							counts.add('faultsInjected', times - left);
							checkCommon(result);

							const delta = env.table.ledger(env.sb) - before;
							if (delta > cleanDelta) counts.add('duplicated', delta - cleanDelta);
							expect(delta).toBeLessThanOrEqual(cleanDelta);
							if (!op.sideEffect) expect(delta).toBe(0);

							const items = itemsOf(result);
							if (persistent) {
								expect(result.error).toBeUndefined();
								const inputCount = (op.items ?? [{}]).length;
								expect(pairedIndices(items)).toEqual([...Array(inputCount).keys()]);
								for (const item of items.filter((i) => i.json.error !== undefined)) {
									expectClearError(item.json.error, row.title);
									if (op.sideEffect && delta > 0) {
										expect(item.json.mayHaveBeenAccepted).toBe(true);
										expect(String(item.json.errorDescription)).toMatch(MAY_HAVE_BEEN_ACCEPTED);
									}
								}
								counts.add('errorItems', items.filter((i) => i.json.error !== undefined).length);
							} else if (result.error) {
								expectClearError(result.error.message, row.title);
								const description = String((result.error as { description?: unknown }).description ?? '');
								if (op.sideEffect && delta > 0) expect(description).toMatch(MAY_HAVE_BEEN_ACCEPTED);
								counts.add('errors');
							} else {
								const inputCount = (op.items ?? [{}]).length;
								expect(pairedIndices(items)).toEqual([...Array(inputCount).keys()]);
								counts.add('recovered');
							}
						});
					}
				}
			});
		}
	});
}
