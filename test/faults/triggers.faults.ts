/**
 * Every trigger over a seeded random schedule of polls with mixed faults: polls that fail (5xx,
 * resets, empty, HTML or garbled answers), polls whose result is lost after reading and before
 * n8n emitted and saved it (the process died), restarts (static data serialised and read back by
 * a new node instance), and messages arriving during failed polls. At the end every inbound SMS
 * must have been emitted exactly once: 0 lost, 0 duplicated.
 */
import type { IDataObject } from 'n8n-workflow';

import { providers } from '../../manifest';
import type { FaultKind } from '../../sandbox/core/faults';
import { Counts, exposedText, secretsIn, seededRandom, startProvider, type ProviderEnv } from './env';

const POLLS = Number(process.env.FAULT_POLLS ?? 1000);
const FAULT_KINDS: FaultKind[] = [
	'http500',
	'http502',
	'http503',
	'http429',
	'html500',
	'resetBefore',
	'resetAfter',
	'emptyBody',
	'htmlBody',
	'htmlAfter',
	'malformedJson',
	'truncatedJson',
];

const counts = new Counts('triggers');
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
	process.off('unhandledRejection', onUnhandled);
	counts.write();
});

for (const row of providers.filter((r) => r.trigger)) {
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
			const emitted = new Map<string, number>();
			const added: string[] = [];
			const tally = { faultyPolls: 0, faultsInjected: 0, crashes: 0, restarts: 0, failedPolls: 0, arrivedDuringFault: 0 };

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
					env.sb.injectFault({ kind: pick(FAULT_KINDS), times });
					if (random() < 0.3) {
						arrive(1);
						tally.arrivedDuringFault++;
					}
					const result = await pollOnce(staticData);
					const left = env.sb.pendingFaults().reduce((sum, f) => sum + f.times, 0);
					env.sb.clearFaults();
					tally.faultyPolls++;
					tally.faultsInjected += times - left;
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
			counts.add(`${row.id}.polls`, POLLS);
			counts.add(`${row.id}.messages`, added.length);
			for (const [key, value] of Object.entries(tally)) counts.add(`${row.id}.${key}`, value);
			counts.add(`${row.id}.lost`, lost.length);
			counts.add(`${row.id}.duplicated`, duplicated.length);
			counts.add(`${row.id}.staticDataBytes`, JSON.stringify(staticData).length);
			expect({ lost, duplicated, unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] });
			expect(added.length).toBeGreaterThan(POLLS / 4);
		});
	});
}
