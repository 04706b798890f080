import type { IDataObject } from 'n8n-workflow';

import { startAmootSmsSandbox, type AmootSmsSandbox } from '../../sandbox/amootsms';
import { apiRequests, formOf, freezeDate, poll } from './setup';

let sandbox: AmootSmsSandbox;
beforeAll(async () => {
	sandbox = await startAmootSmsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
afterEach(() => jest.useRealTimers());

const params = (extra: IDataObject = {}) => ({
	lineNumber: '',
	includeLastHours: 0,
	overlapMinutes: 10,
	...extra,
});
const texts = (result: Awaited<ReturnType<typeof poll>>) =>
	(result.result?.[0] ?? []).map((item) => item.json.text);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('AmootSMS Trigger', () => {
	it('starts from now, then emits each new SMS once, oldest first, and null when nothing is new', async () => {
		sandbox.addInbound({
			mobile: '9121111111',
			text: 'before activation',
			receivedAt: minutesAgo(2),
		});
		const first = await poll(sandbox, params(), undefined);
		expect(first.error).toBeUndefined();
		expect(first.result).toBeNull();

		sandbox.addInbound({ mobile: '9123333333', text: 'first' });
		sandbox.addInbound({ mobile: '9122222222', text: 'second' });
		const second = await poll(sandbox, params(), first.staticData);
		expect(texts(second)).toEqual(['first', 'second']);
		expect(second.result![0][0].json.id).toBe(second.result![0][0].json.messageId);
		expect(second.result![0][0].json).toMatchObject({
			from: '09123333333',
			to: '50004000123',
			messageId: '800000002',
		});

		const third = await poll(sandbox, params(), second.staticData);
		expect(third.result).toBeNull();
		expect(apiRequests(sandbox, 'RecieveNewMessages')).toHaveLength(0);
		expect(sandbox.inbox().every((m) => !m.pulled)).toBe(true);
	});

	it('asks a window from the cursor minus the overlap to a minute past now, in Tehran time', async () => {
		const first = await poll(sandbox, params({ overlapMinutes: 15 }), undefined);
		const [request] = apiRequests(sandbox, 'RecieveMessages');
		const body = formOf(request.body);
		expect(Object.keys(body)).toEqual(['FromDateTime', 'ToDateTime', 'LineNumber']);
		const parse = (text: string) => Date.parse(`${text.replace(' ', 'T')}+03:30`);
		const span = parse(body.ToDateTime) - parse(body.FromDateTime);
		expect(span).toBeGreaterThanOrEqual(16 * 60_000 - 2_000);
		expect(span).toBeLessThanOrEqual(16 * 60_000 + 2_000);
		expect(Math.abs(parse(body.ToDateTime) - (Date.now() + 60_000))).toBeLessThan(5_000);
		expect(first.staticData.inbox).toBeDefined();
	});

	it('emits a message AmootSMS lists late (back-dated into a window already read) exactly once', async () => {
		// n8n's clock and the sandbox's move together, minute by minute.
		const at = (minutes: number) => {
			const instant = new Date(Date.parse('2026-01-05T06:30:00Z') + minutes * 60_000);
			freezeDate(instant);
			sandbox.clock.set(instant);
		};
		at(0);
		const first = await poll(sandbox, params(), undefined);
		at(20);
		sandbox.addInbound({ mobile: '9121111111', text: 'on time' });
		const second = await poll(sandbox, params(), first.staticData);
		expect(texts(second)).toEqual(['on time']);
		at(21);
		// Received at minute 16, before the last poll, but listed only now.
		sandbox.addInbound({ mobile: '9122222222', text: 'late', lateByMs: 5 * 60_000 });
		const third = await poll(sandbox, params(), second.staticData);
		expect(texts(third)).toEqual(['late']);
		expect(third.result![0][0].json.receivedAt).toBe('2026-01-05T10:16:00.000+03:30');
		at(22);
		const fourth = await poll(sandbox, params(), third.staticData);
		expect(fourth.result).toBeNull();
		// A message received before activation and listed late is not emitted.
		sandbox.addInbound({
			mobile: '9123333333',
			text: 'before activation',
			receivedAt: new Date('2026-01-05T06:25:00Z'),
		});
		at(23);
		expect((await poll(sandbox, params(), fourth.staticData)).result).toBeNull();
	});

	it('keeps ids above 2^53 exact and tells apart two identical texts', async () => {
		sandbox.setSwitches({ bigIds: true });
		const first = await poll(sandbox, params(), undefined);
		sandbox.addInbound({ mobile: '9121111111', text: 'YES' });
		sandbox.addInbound({ mobile: '9121111111', text: 'YES' });
		const second = await poll(sandbox, params(), first.staticData);
		expect(second.result![0].map((item) => item.json.messageId)).toEqual([
			'9007200254740993',
			'9007200254740995',
		]);
	});

	it('a failed poll advances nothing; the next poll emits what it missed', async () => {
		const first = await poll(sandbox, params(), undefined);
		sandbox.addInbound({ mobile: '9121111111', text: 'during outage' });
		sandbox.injectFault({ route: 'RecieveMessages', kind: 'http500', times: 3 });
		const failed = await poll(sandbox, params(), first.staticData);
		expect(failed.result).toBeNull();
		expect(failed.staticData).toEqual(first.staticData);
		expect(
			failed.logs.some((log) => log.level === 'error' && /polling failed/.test(log.message)),
		).toBe(true);
		const next = await poll(sandbox, params(), failed.staticData);
		expect(texts(next)).toEqual(['during outage']);
	});

	it('throws on the first poll when the token is refused, naming the status', async () => {
		sandbox.setAccount({ userError: 'User_Disabled' });
		const first = await poll(sandbox, params(), undefined);
		expect(first.error?.message).toBe(
			'AmootSMS error User_Disabled: The account is disabled (status -103, RecieveMessages)',
		);
	});

	it('emits the last N hours on first activation when asked', async () => {
		sandbox.addInbound({
			mobile: '9121111111',
			text: 'three hours ago',
			receivedAt: minutesAgo(180),
		});
		sandbox.addInbound({ mobile: '9121111111', text: 'one hour ago', receivedAt: minutesAgo(60) });
		const first = await poll(sandbox, params({ includeLastHours: 2 }), undefined);
		expect(texts(first)).toEqual(['one hour ago']);
	});

	it('Fetch Test Event shows the newest message of the last day and saves nothing', async () => {
		sandbox.addInbound({ mobile: '9121111111', text: 'older', receivedAt: minutesAgo(30) });
		sandbox.addInbound({ mobile: '9121111111', text: 'newest', receivedAt: minutesAgo(5) });
		const manual = await poll(sandbox, params(), {}, 'manual');
		expect(texts(manual)).toEqual(['newest']);
		expect(manual.staticDataChanged).toBe(false);
		sandbox.reset();
		const empty = await poll(sandbox, params(), {}, 'manual');
		expect(empty.error?.message).toBe('No SMS received in the last 24 hours');
	});

	it('filters by receiving line and refuses a malformed one', async () => {
		const first = await poll(sandbox, params({ lineNumber: '50004000999' }), undefined);
		sandbox.addInbound({ mobile: '9121111111', text: 'to main line' });
		sandbox.addInbound({ mobile: '9121111111', text: 'to second line', lineNumber: '50004000999' });
		const second = await poll(sandbox, params({ lineNumber: '50004000999' }), first.staticData);
		expect(texts(second)).toEqual(['to second line']);
		const bad = await poll(sandbox, params({ lineNumber: '5000-4000' }), undefined);
		expect(bad.error?.message).toBe('Item 1: "Receiving Line" is not a line number: "5000-4000"');
	});

	it('keeps its state bounded: ids older than the window are forgotten', async () => {
		let state: IDataObject | undefined = (
			await poll(sandbox, params({ overlapMinutes: 1 }), undefined)
		).staticData;
		for (let i = 0; i < 5; i++)
			sandbox.addInbound({ mobile: '9121111111', text: `old ${i}`, receivedAt: minutesAgo(0.5) });
		state = (await poll(sandbox, params({ overlapMinutes: 1 }), state)).staticData;
		const seen = () =>
			Object.keys(((state as IDataObject).inbox as IDataObject).seen as IDataObject).length;
		expect(seen()).toBe(5);
		// Age the remembered ids by rewriting their keys, as if the polls had run hours later.
		const inbox = (state as IDataObject).inbox as {
			seen: Record<string, string>;
			watermark: string;
		};
		for (const id of Object.keys(inbox.seen)) inbox.seen[id] = minutesAgo(600).toISOString();
		state = (await poll(sandbox, params({ overlapMinutes: 1 }), state)).staticData;
		expect(seen()).toBe(0);
	});
});
