import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSepahanGostarSandbox, type SepahanGostarSandbox } from '../../sandbox/sepahangostar';
import { apiRequests, freezeDate, poll } from './setup';

let sandbox: SepahanGostarSandbox;
beforeAll(async () => {
	sandbox = await startSepahanGostarSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	// Noon in Tehran: the API dates messages by day, so keep the tests away from midnight.
	freezeDate('2026-03-10T08:30:00Z');
});
afterEach(() => jest.useRealTimers());

const params = { receivingLine: '50003300', includeLastHours: 0, consumeMode: false };
const inbound = (text: string, sendNumber = '09126900023') => sandbox.addInbound({ privateNumber: '50003300', sendNumber, text });
const texts = (result: Awaited<ReturnType<typeof poll>>) => (result.result?.[0] ?? []).map((item) => item.json.text);

/** Activates the trigger (first poll) and returns the state n8n saved. */
async function activate(parameters: INodeParameters = params): Promise<IDataObject> {
	const first = await poll(sandbox, parameters, undefined);
	expect(first.error).toBeUndefined();
	return first.staticData;
}

describe('SepahanGostar Trigger', () => {
	it('starts from now: messages already there are not emitted on activation', async () => {
		inbound('old message');
		const first = await poll(sandbox, params, undefined);
		expect(first.result).toBeNull();
		expect((first.staticData.inbox as IDataObject).initialised).toBe(true);
		const next = await poll(sandbox, params, first.staticData);
		expect(next.result).toBeNull();
	});

	it('emits each new message exactly once, with the documented item shape', async () => {
		let state = await activate();
		inbound('سلام');
		const second = await poll(sandbox, params, state);
		expect(second.result?.[0].map((item) => item.json)).toEqual([
			{
				id: expect.stringMatching(/^[0-9a-f]{32}#0$/),
				from: '09126900023',
				to: '50003300',
				text: 'سلام',
				receivedAt: '2026-03-09T20:30:00.000Z',
				receivedAtPrecision: 'day',
				rawDate: '2026/03/10',
			},
		]);
		state = second.staticData;
		const third = await poll(sandbox, params, state);
		expect(third.result).toBeNull();
		expect(third.staticDataChanged).toBe(true);
	});

	it('emits two identical texts from the same sender on the same day, each once', async () => {
		let state = await activate();
		inbound('1');
		let result = await poll(sandbox, params, state);
		expect(texts(result)).toEqual(['1']);
		state = result.staticData;
		inbound('1');
		result = await poll(sandbox, params, state);
		expect(texts(result)).toEqual(['1']);
		expect(result.result![0][0].json.id).toMatch(/#1$/);
		state = result.staticData;
		result = await poll(sandbox, params, state);
		expect(result.result).toBeNull();
	});

	it('a copy read by another app does not hide a later identical copy', async () => {
		let state = await activate();
		inbound('1');
		inbound('1');
		let result = await poll(sandbox, params, state);
		expect(result.result![0].map((item) => item.json.id)).toEqual([expect.stringMatching(/#0$/), expect.stringMatching(/#1$/)]);
		state = result.staticData;
		// Another app reads both copies: the trigger sees them go.
		sandbox.markAllReadExternally();
		result = await poll(sandbox, params, state);
		expect(result.result).toBeNull();
		state = result.staticData;
		// A third identical SMS is new, although its content matches copies already emitted.
		inbound('1');
		result = await poll(sandbox, params, state);
		expect(texts(result)).toEqual(['1']);
		expect(result.result![0][0].json.id).toMatch(/#2$/);
		expect(await poll(sandbox, params, result.staticData)).toMatchObject({ result: null });
	});

	it('never marks messages read by default, and always sends markAsRead explicitly', async () => {
		let state = await activate();
		inbound('a');
		state = (await poll(sandbox, params, state)).staticData;
		await poll(sandbox, params, state);
		const bodies = apiRequests(sandbox, 'Receive').map((request) => JSON.parse(request.body) as IDataObject);
		expect(bodies.length).toBeGreaterThanOrEqual(3);
		expect(bodies.every((body) => body.markAsRead === false)).toBe(true);
		expect(sandbox.inbox().every((message) => !message.read)).toBe(true);
	});

	it('a failed poll advances nothing and loses nothing; the next poll emits the message', async () => {
		const state = await activate();
		inbound('during outage');
		sandbox.injectFault({ route: '/api/SmsReport/Receive', kind: 'http503', times: 3 });
		const failed = await poll(sandbox, params, state);
		expect(failed.result).toBeNull();
		expect(failed.error).toBeUndefined();
		expect(failed.staticData).toEqual(state);
		expect(failed.logs.some((log) => log.level === 'error' && log.message.includes('polling failed'))).toBe(true);
		const recovered = await poll(sandbox, params, failed.staticData);
		expect(texts(recovered)).toEqual(['during outage']);
	});

	it('a failed first poll fails activation (n8n retries it) and saves nothing', async () => {
		// The read is safe to repeat, so a lost connection is retried: three in a row fail the poll.
		sandbox.injectFault({ route: '/api/SmsReport/Receive', kind: 'resetBefore', times: 3 });
		const first = await poll(sandbox, params, undefined);
		expect(first.error?.message).toContain('SepahanGostar error');
		expect(first.staticData).toEqual({});
		expect(apiRequests(sandbox, 'Receive')).toHaveLength(3);
	});

	it('a fresh process with the same static data emits only new messages', async () => {
		let state = await activate();
		inbound('first');
		state = (await poll(sandbox, params, state)).staticData;
		// Static data is all the trigger keeps: a new process (new node instance) resumes from it.
		const persisted = JSON.parse(JSON.stringify(state)) as IDataObject;
		inbound('second');
		const resumed = await poll(sandbox, params, persisted);
		expect(texts(resumed)).toEqual(['second']);
	});

	it('Fetch Test Event returns the newest message and moves no state', async () => {
		const state = await activate();
		inbound('older');
		inbound('newest');
		const manual = await poll(sandbox, params, state, 'manual');
		expect(manual.error).toBeUndefined();
		expect(texts(manual)).toEqual(['newest']);
		expect(manual.staticDataChanged).toBe(false);
		expect(manual.staticData).toEqual(state);
		// Nothing was consumed: the production poll still emits both.
		const production = await poll(sandbox, params, state);
		expect(texts(production)).toEqual(['older', 'newest']);
	});

	it('Fetch Test Event with an empty inbox says so clearly', async () => {
		const manual = await poll(sandbox, params, undefined, 'manual');
		expect(manual.error?.message).toBe('No unread inbound SMS found since yesterday (Tehran time)');
	});

	it('includes the last N hours on first activation when asked', async () => {
		inbound('before activation');
		const first = await poll(sandbox, { ...params, includeLastHours: 2 }, undefined);
		expect(texts(first)).toEqual(['before activation']);
	});

	it('filters by receiving line', async () => {
		const state = await activate();
		sandbox.addInbound({ privateNumber: '3000123456', sendNumber: '09120000000', text: 'other line' });
		inbound('mine');
		const result = await poll(sandbox, params, state);
		expect(texts(result)).toEqual(['mine']);
		expect(JSON.parse(apiRequests(sandbox, 'Receive')[1].body)).toMatchObject({ privateNumber: '50003300', numberOfMessages: 100, markAsRead: false });
	});

	it('warns that a backlog above 100 unread is partly hidden without consume mode', async () => {
		const state = await activate();
		for (let i = 0; i < 120; i++) inbound(`m${i}`);
		const result = await poll(sandbox, params, state);
		expect(result.result![0]).toHaveLength(100);
		expect(result.logs.some((log) => log.level === 'warn' && log.message.includes('100 unread'))).toBe(true);
	});

	it('consume mode works through a backlog of 150, marking read only what it emitted', async () => {
		const consume = { ...params, consumeMode: true };
		let state = await activate(consume);
		for (let i = 0; i < 150; i++) inbound(`m${i}`);
		const result = await poll(sandbox, consume, state);
		expect(texts(result)).toEqual(Array.from({ length: 150 }, (_, i) => `m${i}`));
		expect(sandbox.inbox().filter((message) => message.read)).toHaveLength(150);
		state = result.staticData;
		inbound('after');
		const next = await poll(sandbox, consume, state);
		expect(texts(next)).toEqual(['after']);
		// Identical texts after consumption keep distinct, stable identities.
		inbound('after');
		expect(texts(await poll(sandbox, consume, next.staticData))).toEqual(['after']);
	});

	it('consume mode never consumes on first activation', async () => {
		inbound('pre-existing');
		await poll(sandbox, { ...params, consumeMode: true }, undefined);
		expect(sandbox.inbox().every((message) => !message.read)).toBe(true);
	});

	it('keeps its state bounded by pruning old days', async () => {
		let state = await activate();
		for (let i = 0; i < 30; i++) inbound(`day1-${i}`);
		state = (await poll(sandbox, params, state)).staticData;
		expect(Object.keys((state.inbox as { seen: IDataObject }).seen)).toHaveLength(30);
		sandbox.markAllReadExternally();
		jest.setSystemTime(new Date('2026-03-14T08:30:00Z'));
		inbound('day5');
		const later = await poll(sandbox, params, state);
		expect(texts(later)).toEqual(['day5']);
		expect(Object.keys((later.staticData.inbox as { seen: IDataObject }).seen)).toHaveLength(1);
	});

	it('reads Jalali dates with a time, as some accounts return them', async () => {
		sandbox.setSwitches({ receiveDateFormat: 'jalali' });
		const state = await activate();
		inbound('jalali');
		const result = await poll(sandbox, params, state);
		expect(result.result![0][0].json).toMatchObject({ text: 'jalali', receivedAt: expect.stringMatching(/^2026-03-(09|10)T/) });
	});
});
