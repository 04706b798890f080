/**
 * Every operation of a provider's node, with the emulator injecting each fault once (the node may
 * recover) and on every request (Continue On Fail: an error item per input item). Each run is
 * checked for: a clear English error naming the provider, every input item paired, no unhandled
 * rejection, no side effect beyond a clean run's (the emulator's ledger), a side effect that may
 * have happened said to be possibly accepted, ids exact, and no secret anywhere.
 */
import { setTimeout as realDelay } from 'node:timers/promises';

import { type IDataObject, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import type { FaultKind, FaultSpec } from '../../sandbox/core/faults';
import type { ExecuteNodeResult } from '../harness';
import { freezeDate } from '../support/time';
import { Counts, exposedText, hasTimeoutOption, providerRow, secretsIn, startProvider, tableFor, trackUnhandledRejections, type ProviderEnv } from './env';

/** The Timeout option's smallest value. */
const TIMEOUT_MS = 1000;

type Fault = { name: string; spec: Omit<FaultSpec, 'times'>; timeout?: boolean };

export const OPERATION_FAULTS: Fault[] = [
	{ name: 'HTTP 500', spec: { kind: 'http500' } },
	{ name: 'HTTP 500 HTML page', spec: { kind: 'html500' } },
	{ name: 'HTTP 502 gateway page', spec: { kind: 'http502' } },
	{ name: 'HTTP 503', spec: { kind: 'http503' } },
	{ name: 'HTTP 429', spec: { kind: 'http429' } },
	{ name: 'HTTP 429 with Retry-After', spec: { kind: 'http429RetryAfter', delayMs: 1000 } },
	{ name: 'a timeout (the server acts after the client gave up)', spec: { kind: 'delay', delayMs: TIMEOUT_MS + 200 }, timeout: true },
	{ name: 'a reset before processing', spec: { kind: 'resetBefore' } },
	{ name: 'a reset after processing', spec: { kind: 'resetAfter' } },
	{ name: 'an empty body', spec: { kind: 'emptyBody' } },
	{ name: 'an HTML page with HTTP 200', spec: { kind: 'htmlBody' } },
	{ name: 'an HTML page with HTTP 200 after processing', spec: { kind: 'htmlAfter' } },
	{ name: 'a malformed body (JSON or XML)', spec: { kind: 'malformedJson' } },
	{ name: 'a truncated answer (malformed JSON or XML) after processing', spec: { kind: 'truncatedJson' } },
];
/** Answers that prove the provider refused the request (nothing happened). */
const REFUSALS: ReadonlySet<FaultKind> = new Set<FaultKind>(['http429', 'http429RetryAfter']);
const PERSISTENT_TIMES = 50;
const MAY_HAVE_BEEN_ACCEPTED = /may have (been )?accepted/i;

function withTimeout(parameters: INodeParameters): INodeParameters {
	return { ...parameters, options: { ...((parameters.options as IDataObject) ?? {}), timeout: TIMEOUT_MS } };
}

export function itemsOf(result: ExecuteNodeResult): INodeExecutionData[] {
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

/**
 * An error text a user reads: English, naming the provider, no placeholders. A quoted snippet of
 * the provider's unexpected answer (any language, as received) may follow "Unexpected response:".
 */
export function expectClearError(text: unknown, title: string): void {
	expect(typeof text).toBe('string');
	const message = text as string;
	const own = message.replace(/Unexpected response: [\s\S]*?(?=( \(HTTP \d+\))?$)/, 'Unexpected response: …');
	expect(own).toMatch(/^[\x20-\x7E\u2013\u2014\u2018\u2019\u201C\u201D\u2026]+$/);
	expect(message.toLowerCase()).toContain(title.toLowerCase());
	expect(own).not.toMatch(/undefined|\[object Object\]|NaN/);
}

/**
 * Ids exact: every id of 16 or more digits given as input comes back as the same string, and no
 * number of 16 or more digits is emitted as a JSON number (whoever reads it would round it).
 */
function expectIdsExact(items: INodeExecutionData[], input: IDataObject[] | undefined): void {
	const text = JSON.stringify(items.map((i) => i.json));
	for (const big of JSON.stringify(input ?? []).match(/(?<![\d.])\d{16,}(?![\d.])/g) ?? []) expect(text).toContain(`"${big}"`);
	expect(text).not.toMatch(/:\s*-?\d{16,}(?![\d"])/);
}

/** Declares the operation fault tests of one manifest row (one Jest file per provider, run in parallel). */
export function describeOperationFaults(rowId: string): void {
	const row = providerRow(rowId);
	const counts = new Counts(`operations-${rowId}`);
	const source = tableFor(row).errorSource ?? row.title;
	const unhandled = trackUnhandledRejections();
	afterAll(() => counts.write());

	describe(`${row.title}: every operation under faults`, () => {
		let env: ProviderEnv;
		beforeAll(async () => {
			env = await startProvider(row);
		});
		afterAll(async () => await env?.close());

		for (const op of tableFor(row).operations) {
			describe(op.covers, () => {
				/** The ledger's growth in a clean run: the most any faulty run may cause. */
				let cleanDelta = 0;

				const runOnce = async (parameters: INodeParameters, continueOnFail: boolean) => {
					env.reset();
					if (op.now) freezeDate(op.now);
					try {
						await op.prepare?.(env.sb, async (p, items) => await env.run(p, items));
					} catch (error) {
						jest.useRealTimers();
						throw error;
					}
					const before = env.table.ledger(env.sb);
					env.sb.clearFaults();
					env.sb.clearRequests();
					return {
						before,
						run: async () => {
							try {
								return await env.run(parameters, op.items, continueOnFail);
							} finally {
								jest.useRealTimers();
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
				const requestsMade = () => env.sb.requests().length;

				let clean: ExecuteNodeResult | undefined;
				beforeAll(async () => {
					const { before, run } = await runOnce(op.parameters, false);
					clean = await run();
					cleanDelta = env.table.ledger(env.sb) - before;
				});

				it('runs clean: every item paired, ids exact', () => {
					const result = clean!;
					checkCommon(result);
					expect(result.error).toBeUndefined();
					const items = itemsOf(result);
					const inputCount = (op.items ?? [{}]).length;
					expect(pairedIndices(items)).toEqual([...Array(inputCount).keys()]);
					if (op.sideEffect) expect(cleanDelta).toBeGreaterThan(0);
					else expect(cleanDelta).toBe(0);
					expectIdsExact(items, op.items);
					counts.add('cases');
				});

				for (const fault of OPERATION_FAULTS) {
					for (const persistent of [false, true]) {
						const label = persistent
							? `${fault.name} on every request, Continue On Fail: an error item per input item`
							: `${fault.name} once: recovers or fails clearly`;
						it(label, async () => {
							if (fault.timeout && !hasTimeoutOption(env.resources, op.covers)) {
								// No Timeout option: a timeout is the 30-second default, which reaches the node as
								// the same "no answer after the request left" as the reset after processing above.
								counts.add('timeoutNotApplicable');
								return;
							}
							const parameters = fault.timeout ? withTimeout(op.parameters) : op.parameters;
							const { before, run } = await runOnce(parameters, persistent);
							const times = persistent ? PERSISTENT_TIMES : 1;
							env.sb.injectFault({ ...fault.spec, times });
							const result = await run();
							// A slow server acts after the client gave up: let it finish before reading its ledger.
							if (fault.spec.kind === 'delay') await realDelay((fault.spec.delayMs ?? 0) - TIMEOUT_MS + 400);
							const left = env.sb.pendingFaults().reduce((sum, f) => sum + f.times, 0);
							env.sb.clearFaults();
							counts.add('cases');
							counts.add(`faultsInjected.${fault.spec.kind}`, times - left);
							expect(times - left).toBeGreaterThan(0);
							expect(requestsMade()).toBeGreaterThan(0);
							checkCommon(result);

							const delta = env.table.ledger(env.sb) - before;
							if (delta > cleanDelta) counts.add('duplicated', delta - cleanDelta);
							expect(delta).toBeLessThanOrEqual(cleanDelta);
							if (!op.sideEffect) expect(delta).toBe(0);
							// A side effect that failed on an answer that does not prove refusal may have happened: say so.
							const mustWarn = op.sideEffect && !REFUSALS.has(fault.spec.kind);

							const items = itemsOf(result);
							if (persistent) {
								expect(result.error).toBeUndefined();
								const inputCount = (op.items ?? [{}]).length;
								expect(pairedIndices(items)).toEqual([...Array(inputCount).keys()]);
								const errorItems = items.filter((i) => i.json.error !== undefined);
								if (!op.sideEffect) {
									// Every answer is broken: a read cannot succeed, every input item is an error item.
									expect(items.length).toBe(errorItems.length);
									expect(pairedIndices(errorItems)).toEqual([...Array(inputCount).keys()]);
								} else if (errorItems.length === 0) {
									// The node recovered (it asked whether a keyed send arrived): done exactly once.
									expect(delta).toBe(cleanDelta);
								}
								for (const item of errorItems) {
									expectClearError(item.json.error, source);
									if (mustWarn) {
										expect(item.json.mayHaveBeenAccepted).toBe(true);
										expect(String(item.json.errorDescription)).toMatch(MAY_HAVE_BEEN_ACCEPTED);
									} else if (op.sideEffect) {
										expect(item.json.mayHaveBeenAccepted).not.toBe(true);
									}
								}
								counts.add('errorItems', errorItems.length);
							} else if (result.error) {
								expectClearError(result.error.message, source);
								const description = String((result.error as { description?: unknown }).description ?? '');
								if (mustWarn) expect(description).toMatch(MAY_HAVE_BEEN_ACCEPTED);
								counts.add('errors');
							} else {
								const inputCount = (op.items ?? [{}]).length;
								expect(pairedIndices(items)).toEqual([...Array(inputCount).keys()]);
								expectIdsExact(items, op.items);
								counts.add('recovered');
							}
						});
					}
				}
			});
		}
	});
}

