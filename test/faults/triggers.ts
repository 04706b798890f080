/**
 * A provider's trigger over a seeded random schedule of polls with mixed faults: polls that fail
 * (5xx, 429, resets, empty, HTML or garbled answers), polls whose result is lost after reading and
 * before n8n emitted and saved it (the process died), restarts (static data serialised as n8n
 * stores it and read back by a new node instance), and messages arriving while a poll is failing.
 * At the end every inbound SMS must have been emitted exactly once: 0 lost, 0 duplicated.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultKind } from '../../sandbox/core/faults';
import { Counts, exposedText, providerRow, secretsIn, seededRandom, startProvider, trackUnhandledRejections, type ProviderEnv } from './env';

export const TRIGGER_POLLS = Number(process.env.FAULT_POLLS ?? 1000);
const FAULT_KINDS: FaultKind[] = [
	'http500',
	'http502',
	'http503',
	'http429',
	'http429RetryAfter',
	'html500',
	'resetBefore',
	'resetAfter',
	'emptyBody',
	'htmlBody',
	'htmlAfter',
	'malformedJson',
	'truncatedJson',
];

/** Declares the trigger schedule of one manifest row (one Jest file per trigger, run in parallel). */
export function describeTriggerFaults(rowId: string): void {
	const row = providerRow(rowId);
	const counts = new Counts(`trigger-${rowId}`);
	const unhandled = trackUnhandledRejections();
	afterAll(() => counts.write());
	const POLLS = TRIGGER_POLLS;

	describe(`${row.title} trigger`, () => {
		let env: ProviderEnv;
		beforeAll(async () => {
			env = await startProvider(row);
		});
		afterAll(async () => await env?.close());

		it(`${POLLS} polls with mixed faults, crashes and restarts: every inbound SMS emitted exactly once`, async () => {
			const trigger = env.table.trigger!;
			const random = seededRandom(21);
			const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
			env.reset();
			env.sb.clearRequests();
			const emitted = new Map<string, number>();
			const added: string[] = [];
			const tally = { faultyPolls: 0, faultsInjected: 0, crashes: 0, restarts: 0, failedPolls: 0, arrivedDuringFault: 0, readElsewhere: 0 };

			const pollOnce = async (staticData: IDataObject | undefined) => {
				const result = await env.poll(staticData);
				expect(unhandled).toEqual([]);
				const found = secretsIn(exposedText({ result: result.result, error: result.error, logs: result.logs }), env.secrets);
				counts.add('secretsFound', found.length);
				expect(found).toEqual([]);
				return result;
			};
			const record = (items: Array<{ json: IDataObject }>) => {
				for (const item of items) {
					const text = trigger.textOf(item);
					emitted.set(text, (emitted.get(text) ?? 0) + 1);
				}
			};

			// Activation: starts from now (a message already waiting is not emitted).
			trigger.addInbound(env.sb, 'before activation');
			const first = await pollOnce(undefined);
			expect(first.error).toBeUndefined();
			expect(first.result).toBeNull();
			let staticData = first.staticData;

			let next = 0;
			const arrive = (n: number) => {
				for (let i = 0; i < n; i++) {
					const text = `fault schedule message ${next++}`;
					added.push(text);
					trigger.addInbound(env.sb, text);
				}
			};

			for (let step = 0; step < POLLS; step++) {
				const roll = random();
				if (random() < 0.4) arrive(1 + Math.floor(random() * 3));
				if (roll < 0.35) {
					// A faulty poll; sometimes a message arrives while it fails.
					const times = 1 + Math.floor(random() * 3);
					const kind = pick(FAULT_KINDS);
					env.sb.injectFault({ kind, times, delayMs: kind === 'http429RetryAfter' ? 1000 : undefined });
					const during = random() < 0.3;
					const polling = pollOnce(staticData);
					if (during) {
						// Arrives once the failing poll's first request reached the emulator, while the poll runs.
						let settled = false;
						void polling.then(
							() => (settled = true),
							() => (settled = true),
						);
						const seen = env.sb.requests().length;
						for (let spin = 0; spin < 10_000 && !settled && env.sb.requests().length === seen; spin++) {
							await new Promise((resolve) => setImmediate(resolve));
						}
						arrive(1);
						if (!settled) tally.arrivedDuringFault++;
					}
					const result = await polling;
					const left = env.sb.pendingFaults().reduce((sum, f) => sum + f.times, 0);
					env.sb.clearFaults();
					tally.faultyPolls++;
					tally.faultsInjected += times - left;
					counts.add(`faultsInjected.${kind}`, times - left);
					if (result.error || result.result === null) tally.failedPolls++;
					if (result.error) {
						// Only the first poll of an activation throws; later ones log and return null.
						expect(result.staticData).toEqual(staticData);
					}
					if (result.result) record(result.result[0]);
					staticData = result.staticData;
				} else if (roll < 0.45) {
					// Read, then the process died before n8n emitted and saved: nothing of this poll counts.
					await pollOnce(staticData);
					tally.crashes++;
				} else {
					if (roll < 0.5) {
						// A restart: static data as saved in the database, read back by a new process.
						staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
						tally.restarts++;
					}
					const result = await pollOnce(staticData);
					expect(result.error).toBeUndefined();
					if (result.result) record(result.result[0]);
					staticData = result.staticData;
					if (trigger.readElsewhere && added.every((text) => emitted.has(text))) {
						trigger.readElsewhere(env.sb);
						tally.readElsewhere++;
					}
				}
			}
			// Drain without faults (bounded).
			for (let i = 0; i < 5; i++) {
				const result = await pollOnce(staticData);
				expect(result.error).toBeUndefined();
				staticData = result.staticData;
				if (!result.result) break;
				record(result.result[0]);
			}

			const lost = added.filter((text) => !emitted.has(text));
			const duplicated = [...emitted].filter(([, n]) => n > 1).map(([text]) => text);
			const unexpected = [...emitted.keys()].filter((text) => !added.includes(text));
			counts.add('polls', POLLS);
			counts.add('messages', added.length);
			for (const [key, value] of Object.entries(tally)) counts.add(key, value);
			counts.add('lost', lost.length);
			counts.add('duplicated', duplicated.length);
			counts.add('staticDataBytes', JSON.stringify(staticData).length);
			expect({ lost, duplicated, unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] });
			expect(added.length).toBeGreaterThan(POLLS / 4);
		});
	});
}
