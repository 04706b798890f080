/** Melipayamak Trigger through n8n's poll machinery: exactly once across polls, failures and restarts; read-only; bounded state. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startMelipayamakSandbox, type MelipayamakSandbox } from '../../sandbox/melipayamak';
import { apiRequests, LINE, poll } from './setup';

let sandbox: MelipayamakSandbox;
beforeAll(async () => {
	sandbox = await startMelipayamakSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const params: INodeParameters = { line: '', emitExisting: false };
const inbound = (text: string, from = '09121234567') => sandbox.addInbound({ from, text });
const texts = (result: Awaited<ReturnType<typeof poll>>) => (result.result?.[0] ?? []).map((item) => item.json.text);
const watermark = (state: IDataObject) => (state.inbox as IDataObject).watermark;

async function activate(parameters: INodeParameters = params): Promise<IDataObject> {
	const first = await poll(sandbox, parameters, undefined);
	expect(first.error).toBeUndefined();
	expect(first.result).toBeNull();
	return first.staticData;
}

/** Every SOAPAction the trigger used. */
const actions = () => apiRequests(sandbox).map((r) => (r.headers.soapaction ?? '').replace(/"/g, '').replace('http://tempuri.org/', ''));

describe('Melipayamak Trigger', () => {
	it('starts from now: what is already in the inbox is not emitted; the watermark is the newest MsgID', async () => {
		inbound('old 1');
		const newest = inbound('old 2');
		const state = await activate();
		expect(watermark(state)).toBe(newest.msgId);
		expect((await poll(sandbox, params, state)).result).toBeNull();
	});

	it('emits each new message once, oldest first, with the documented item shape', async () => {
		sandbox.clock.set('2026-11-23T06:45:42.170Z');
		let state = await activate();
		const a = inbound('سلام', '09121111111');
		inbound('دوم', '09122222222');
		const second = await poll(sandbox, params, state);
		expect(texts(second)).toEqual(['سلام', 'دوم']);
		expect(second.result![0][0].json).toEqual({
			id: a.msgId,
			msgId: a.msgId,
			from: '09121111111',
			to: LINE,
			text: 'سلام',
			receivedAt: '2026-11-23T10:15:42.170+03:30',
			receivedAtRaw: '2026-11-23T10:15:42.17',
			parts: 1,
			isFlash: false,
			raw: expect.objectContaining({ MsgID: a.msgId, Sender: '09121111111', Body: 'سلام' }),
		});
		state = second.staticData;
		expect((await poll(sandbox, params, state)).result).toBeNull();
	});

	it('pages through a backlog of 250 in one poll (100 + 100 + 50), each once, in order', async () => {
		let state = await activate();
		for (let i = 0; i < 250; i++) inbound(`m${i}`);
		const result = await poll(sandbox, params, state);
		expect(texts(result)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i}`));
		expect(apiRequests(sandbox, 'GetMessagesAfterID').map((r) => /<count>(\d+)<\/count>/.exec(r.body)![1])).toEqual(['100', '100', '100']);
		state = result.staticData;
		expect((await poll(sandbox, params, state)).result).toBeNull();
	});

	it('a failed poll advances nothing and loses nothing; the next poll emits the messages once', async () => {
		let state = await activate();
		inbound('during outage');
		sandbox.injectFault({ route: 'soap:GetMessagesAfterID', kind: 'http500', times: 3 });
		const failed = await poll(sandbox, params, state);
		expect(failed.result).toBeNull();
		expect(failed.error).toBeUndefined();
		expect(failed.staticData).toEqual(state);
		expect(failed.logs.some((l) => l.level === 'error' && /polling failed/.test(l.message))).toBe(true);
		const next = await poll(sandbox, params, failed.staticData);
		expect(texts(next)).toEqual(['during outage']);
		state = next.staticData;
		expect((await poll(sandbox, params, state)).result).toBeNull();
	});

	it('a failure on the first poll fails the activation (n8n retries it)', async () => {
		sandbox.injectFault({ route: 'soap:getMessages', kind: 'html500', times: 3 });
		const first = await poll(sandbox, params, undefined);
		expect(first.error?.message).toMatch(/^Melipayamak error: Unexpected response/);
	});

	it('a fresh process with the saved state emits nothing twice', async () => {
		let state = await activate();
		inbound('one');
		state = (await poll(sandbox, params, state)).staticData;
		const restored = JSON.parse(JSON.stringify(state)) as IDataObject;
		inbound('two');
		expect(texts(await poll(sandbox, params, restored))).toEqual(['two']);
	});

	it('manual "Fetch Test Event" shows the newest message and moves nothing; an empty inbox is a clear error', async () => {
		const empty = await poll(sandbox, params, undefined, 'manual');
		expect(empty.error?.message).toBe('No received SMS found on this account');
		inbound('older');
		inbound('newest');
		const state = await activate();
		inbound('after activation');
		const manual = await poll(sandbox, params, state, 'manual');
		expect(texts(manual)).toEqual(['after activation']);
		expect(manual.staticDataChanged).toBe(false);
		expect(texts(await poll(sandbox, params, state))).toEqual(['after activation']);
	});

	it('"Emit existing messages on first run" emits the backlog once', async () => {
		inbound('before 1');
		inbound('before 2');
		const withBacklog = { ...params, emitExisting: true };
		const first = await poll(sandbox, withBacklog, undefined);
		expect(texts(first)).toEqual(['before 1', 'before 2']);
		expect((await poll(sandbox, withBacklog, first.staticData)).result).toBeNull();
	});

	it('ids above 2^31 (beyond GetMessagesAfterID\'s int) are followed through getMessages, exactly', async () => {
		sandbox.setSwitches({ bigMsgIds: true });
		inbound('big old');
		let state = await activate();
		expect(BigInt(watermark(state) as string) > 2147483647n).toBe(true);
		const m1 = inbound('big 1');
		inbound('big 2');
		const result = await poll(sandbox, params, state);
		expect(texts(result)).toEqual(['big 1', 'big 2']);
		expect(result.result![0][0].json.msgId).toBe(m1.msgId);
		expect(apiRequests(sandbox, 'GetMessagesAfterID')).toHaveLength(0);
		state = result.staticData;
		expect((await poll(sandbox, params, state)).result).toBeNull();
	});

	it('only reads: never ChangeIsRead, GetMessagesWithChangeIsRead or Remove; messages stay unread', async () => {
		const state = await activate();
		inbound('x');
		expect(texts(await poll(sandbox, params, state))).toEqual(['x']);
		await poll(sandbox, params, undefined, 'manual');
		expect(new Set(actions())).toEqual(new Set(['getMessages', 'GetMessagesAfterID']));
		expect(sandbox.inbox().every((m) => !m.read)).toBe(true);
	});

	it('filters by line', async () => {
		const withLine = { ...params, line: LINE };
		const state = await activate(withLine);
		sandbox.addInbound({ from: '09121234567', to: '50002710000001', text: 'other line' });
		inbound('my line');
		const result = await poll(sandbox, withLine, state);
		expect(texts(result)).toEqual(['my line']);
		expect(apiRequests(sandbox, 'GetMessagesAfterID').every((r) => r.body.includes(`<from>${LINE}</from>`))).toBe(true);
	});

	it('keeps its state bounded (500 remembered ids) across a large inflow', async () => {
		let state = await activate();
		for (let i = 0; i < 700; i++) inbound(`n${i}`);
		const result = await poll(sandbox, params, state);
		expect(result.result![0]).toHaveLength(700);
		state = result.staticData;
		const seen = (state.inbox as IDataObject).seen as IDataObject;
		expect(Object.keys(seen).length).toBeLessThanOrEqual(500);
		expect(JSON.stringify(state).length).toBeLessThan(40_000);
		expect((await poll(sandbox, params, state)).result).toBeNull();
	});

	it('refuses a line that is not a number', async () => {
		const result = await poll(sandbox, { ...params, line: 'abc' }, undefined);
		expect(result.error?.message).toBe('Item 1: "Line" is not a line number: "abc"');
	});
});
