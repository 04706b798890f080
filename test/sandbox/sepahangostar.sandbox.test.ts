/**
 * Contract tests of the SepahanGostar loopback emulator itself, through plain fetch.
 * (The node's own tests use this sandbox; these make sure the sandbox says what the spec says.)
 */

import { readReply, type Reply } from '../support/reply';
import { callControl } from '../support/control';
import { startSepahanGostarSandbox } from '../../sandbox/sepahangostar';
import type { SepahanGostarSandbox } from '../../sandbox/sepahangostar';

let sb: SepahanGostarSandbox;

beforeAll(async () => {
	sb = await startSepahanGostarSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

async function api(
	method: string,
	p: string,
	o: { json?: unknown; raw?: string; token?: string | null; headers?: Record<string, string>; contentType?: string | null; signal?: AbortSignal } = {},
): Promise<Reply> {
	const headers: Record<string, string> = { ...(o.headers ?? {}) };
	const token = o.token === undefined ? sb.apiKey : o.token;
	if (token !== null) headers.authorization = token;
	const body = o.raw !== undefined ? o.raw : o.json !== undefined ? JSON.stringify(o.json) : undefined;
	if (body !== undefined && o.contentType !== null) headers['content-type'] = o.contentType ?? 'application/json; charset=utf-8';
	const res = await fetch(sb.url + p, { method, headers, body, signal: o.signal });
	return await readReply(res);
}

const send = (recipients: string[], extra: { text?: string; sender?: string; requestId?: string; token?: string | null } = {}) =>
	api('POST', '/api/Sms/Send', {
		json: { senderNumber: extra.sender ?? '3000123456', smsText: extra.text ?? 'Hello', receiverNumbers: recipients },
		headers: extra.requestId ? { 'Request-Id': extra.requestId } : {},
		token: extra.token,
	});

/** Ids exactly as written in the JSON text (never through a JS number). */
function rawIds(text: string): string[] {
	const m = /"ids"\s*:\s*\[([^\]]*)\]/.exec(text);
	if (!m) throw new Error(`no ids in ${text}`);
	return m[1].split(',').map((s) => s.trim()).filter(Boolean);
}

function phones(n: number): string[] {
	return Array.from({ length: n }, (_, i) => `0912${String(1000000 + i).slice(-7)}`);
}

/** A Tehran wall-clock time (UTC+03:30) as an instant. */
const tehran = (local: string) => new Date(`${local}+03:30`);

function expectFailure(r: Reply, status: number, code: number) {
	expect(r.status).toBe(status);
	const body = r.json();
	expect(body.isSuccess).toBe(false);
	expect(body.value).toBeNull();
	expect(body.error.code).toBe(code);
	expect(body.error.message).toMatch(/[\u0600-\u06FF]/);
	expect(Array.isArray(body.error.details)).toBe(true);
	return body;
}

describe('routing and transport', () => {
	it('matches the seed paths case-insensitively, with or without a trailing slash', async () => {
		for (const p of ['/api/SmsReport/credit', '/API/SMSREPORT/CREDIT', '/api/smsreport/credit/']) {
			const r = await api('GET', p);
			expect(r.status).toBe(200);
			expect(r.json()).toEqual({ isSuccess: true, value: 330874527, error: null });
		}
	});

	it('answers 404 for unknown paths and 405 (with Allow) for a wrong method', async () => {
		expect((await api('GET', '/api/Sms/Unknown')).status).toBe(404);
		expect((await api('GET', '/api/Requests/checkRequestId/')).status).toBe(404);
		const r = await api('GET', '/api/Sms/Send');
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toBe('POST');
		expect((await api('POST', '/api/SmsReport/credit', { json: {} })).status).toBe(405);
	});

	it('answers 415 ProblemDetails without a JSON Content-Type', async () => {
		const r = await api('POST', '/api/Sms/Send', { raw: '{}', contentType: null });
		expect(r.status).toBe(415);
		expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
		expect(r.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
		expect((await api('POST', '/api/Sms/Send', { raw: '{}', contentType: 'text/plain' })).status).toBe(415);
	});

	it('answers 400 ProblemDetails (not the envelope) for malformed JSON and wrong types', async () => {
		const bad = await api('POST', '/api/Sms/Send', { raw: '{"senderNumber": "3000123456",' });
		expect(bad.status).toBe(400);
		expect(bad.json()).toMatchObject({ status: 400, title: 'One or more validation errors occurred.' });
		expect(bad.json().isSuccess).toBeUndefined();
		expect(bad.json().traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);

		const strId = await api('POST', '/api/SmsReport/status', { raw: '["639027944154527201"]' });
		expect(strId.status).toBe(400);
		expect(Object.keys(strId.json().errors)).toEqual(['$[0]']);

		const wrongType = await api('POST', '/api/Sms/Send', { json: { senderNumber: 3000123456, smsText: 'x', receiverNumbers: ['09121234567'] } });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json().errors['$.senderNumber']).toBeDefined();

		expect((await api('POST', '/api/SmsReport/Receive', { raw: '' })).status).toBe(400);
	});

	it('answers 413 for a body over the 1 MiB limit, and logs it without the body', async () => {
		const r = await api('POST', '/api/Sms/Send', { raw: `{"smsText":"${'a'.repeat(1024 * 1024)}"}` });
		expect(r.status).toBe(413);
		expect(sb.requests()[0].body).toMatch(/^<body larger than/);
		expect((await api('GET', '/api/SmsReport/credit')).status).toBe(200);
	});

	it('binds property names case-insensitively, as ASP.NET does', async () => {
		const r = await api('POST', '/api/Sms/Send', { json: { SenderNumber: '3000123456', SmsText: 'Hi', ReceiverNumbers: ['09121234567'] } });
		expect(r.status).toBe(200);
		expect(sb.sentMessages()).toHaveLength(1);
	});
});

describe('authentication and account state', () => {
	it('rejects a missing, unknown or Bearer-prefixed token with 401 −1', async () => {
		expectFailure(await api('GET', '/api/SmsReport/credit', { token: null }), 401, -1);
		expectFailure(await api('GET', '/api/SmsReport/credit', { token: 'ffffffffffffffffffffffffffffffff' }), 401, -1);
		const bearer = expectFailure(await api('GET', '/api/SmsReport/credit', { token: `Bearer ${sb.apiKey}` }), 401, -1);
		expect(bearer.error.details).toEqual([]);
		expectFailure(await send(['09121234567'], { token: `Bearer ${sb.apiKey}` }), 401, -1);
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('gives −2 for an inactive token, −3 for an IP outside the allow-list, −22 when blocked', async () => {
		sb.setTokenState(sb.apiKey, { active: false });
		expectFailure(await api('GET', '/api/SmsReport/credit'), 401, -2);
		sb.setTokenState(sb.apiKey, { active: true, allowedIps: ['10.1.2.3'] });
		expectFailure(await api('GET', '/api/SmsReport/credit'), 401, -3);
		sb.setTokenState(sb.apiKey, { allowedIps: ['10.1.2.3', '127.0.0.1'] });
		expect((await api('GET', '/api/SmsReport/credit')).status).toBe(200);
		sb.setTokenState(sb.apiKey, { blocked: true });
		expectFailure(await api('GET', '/api/SmsReport/credit'), 401, -22);
	});

	it('applies account errors to every authenticated call until cleared', async () => {
		for (const code of [-8, -9, -11, -14, -19]) {
			sb.setAccountError(code);
			expectFailure(await api('GET', '/api/SmsReport/credit'), 401, code);
			expectFailure(await send(['09121234567']), 401, code);
		}
		expect(() => sb.setAccountError(-4)).toThrow();
		sb.setAccountError(null);
		expect((await api('GET', '/api/SmsReport/credit')).status).toBe(200);
		expect(sb.sentMessages()).toHaveLength(0);
	});
});

describe('send and sendP2P', () => {
	it('returns ids above 2^53 as raw integer literals, one per recipient, and debits the balance', async () => {
		sb.clock.set('2025-12-31T16:13:35.452Z'); // the seed's example id decodes to this instant
		const r = await send(['09121234567', '09351234567'], { text: 'Hello, this is a test message' });
		expect(r.status).toBe(200);
		const ids = rawIds(r.text);
		const sent = sb.sentMessages();
		expect(ids).toEqual(sent.map((m) => m.id));
		expect(sent.map((m) => m.to)).toEqual(['09121234567', '09351234567']);
		for (const id of ids) {
			expect(BigInt(id) > 9007199254740992n).toBe(true);
			expect(String(Number(id))).not.toBe(id); // would change through a JS number
			expect(id).toMatch(/^639027944154527\d{3}$/); // .NET ticks of the sandbox clock + counter
		}
		expect(r.text).toContain(`[${ids[0]},${ids[1]}]`);
		const value = r.json().value;
		expect(value.smsCount).toBe(2);
		expect(value.totalPrice).toBe(2 * 2837);
		expect(sb.credit()).toBe(330874527n - 2n * 2837n);
	});

	it('counts parts 70/67 for Persian text and 160/153 for GSM text', async () => {
		const fa70 = 'س'.repeat(70);
		const fa71 = 'س'.repeat(71);
		expect((await send(['09121234567'], { text: fa70 })).json().value.smsCount).toBe(1);
		expect((await send(['09121234567', '09121234568'], { text: fa71 })).json().value.smsCount).toBe(4);
		expect((await send(['09121234567'], { text: 'a'.repeat(160) })).json().value.smsCount).toBe(1);
		expect((await send(['09121234567'], { text: 'a'.repeat(307) })).json().value.smsCount).toBe(3);
	});

	it('enforces 100 recipients (−7 at 101), non-empty input (−21) and active sender lines (−12)', async () => {
		expect((await send(phones(100))).status).toBe(200);
		expect(sb.sentMessages()).toHaveLength(100);
		expectFailure(await send(phones(101)), 401, -7);
		expectFailure(await send([]), 401, -21);
		expectFailure(await send(['09121234567'], { text: '' }), 401, -21);
		expectFailure(await send(['09121234567'], { sender: sb.inactiveSenderLine }), 401, -12);
		expectFailure(await send(['09121234567'], { sender: '999' }), 401, -12);
		expect(sb.sentMessages()).toHaveLength(100);
	});

	it('rejects an invalid recipient as a whole-request −4, or per recipient with the switch', async () => {
		expectFailure(await send(['09121234567', '+989121234567']), 401, -4);
		expect(sb.sentMessages()).toHaveLength(0);
		sb.setSwitches({ perRecipientErrors: true });
		const r = await send(['09121234567', '9121234567', '09351234567']);
		expect(r.status).toBe(200);
		const ids = rawIds(r.text);
		expect(ids[1]).toBe('-4');
		expect(BigInt(ids[0]) > 0n && BigInt(ids[2]) > 0n).toBe(true);
		expect(r.json().value.smsCount).toBe(2);
		expect(sb.sentMessages().map((m) => m.to)).toEqual(['09121234567', '09351234567']);
	});

	it('answers −14 when the balance is short, and nothing is sent', async () => {
		sb.setCredit(2836);
		expectFailure(await send(['09121234567']), 401, -14);
		expect(sb.sentMessages()).toHaveLength(0);
		expect(sb.credit()).toBe(2836n);
		sb.setCredit('2837');
		expect((await send(['09121234567'])).status).toBe(200);
		expect(sb.credit()).toBe(0n);
	});

	it('sendP2P: −6 for unequal arrays, −5 for an empty text, ids per element otherwise', async () => {
		const p2p = (json: unknown) => api('POST', '/api/Sms/SendP2P', { json });
		expectFailure(await p2p({ senderNumbers: ['3000123456'], smsTexts: ['a', 'b'], receiverNumbers: ['09121234567', '09351234567'] }), 401, -6);
		expectFailure(await p2p({ senderNumbers: ['3000123456', '3000123456'], smsTexts: ['a', ''], receiverNumbers: ['09121234567', '09351234567'] }), 401, -5);
		const n = 101;
		expectFailure(await p2p({ senderNumbers: Array(n).fill('3000123456'), smsTexts: Array(n).fill('x'), receiverNumbers: phones(n) }), 401, -7);
		const r = await p2p({ senderNumbers: ['3000123456', '10004346'], smsTexts: ['First message', 'Second message'], receiverNumbers: ['09121234567', '09351234567'] });
		expect(r.status).toBe(200);
		expect(rawIds(r.text)).toHaveLength(2);
		expect(sb.sentMessages().map((m) => [m.from, m.to, m.text])).toEqual([
			['3000123456', '09121234567', 'First message'],
			['10004346', '09351234567', 'Second message'],
		]);
	});
});

describe('Request-Id and checkRequestId', () => {
	const rid = '7c1f0b2e-5a3d-4e8f-9b21-0d6a4c3e2f10';
	const check = async (id: string) => {
		const r = await api('GET', `/api/Requests/checkRequestId/${encodeURIComponent(id)}`);
		expect(r.status).toBe(200);
		return r.json().value.isDuplicate as boolean;
	};

	it('rejects a duplicate within 4 hours with −20 (nothing sent) and forgets it after 4 hours', async () => {
		sb.clock.set('2026-01-05T08:00:00Z');
		expect(await check(rid)).toBe(false);
		expect((await send(['09121234567'], { requestId: rid })).status).toBe(200);
		expect(sb.sentMessages()[0].requestId).toBe(rid);
		expect(await check(rid)).toBe(true);
		const creditAfterFirst = sb.credit();

		sb.clock.advance(4 * 3600_000 - 1);
		expectFailure(await send(['09121234567'], { requestId: rid }), 401, -20);
		expect(sb.sentMessages()).toHaveLength(1);
		expect(sb.credit()).toBe(creditAfterFirst);
		expect(await check(rid)).toBe(true);

		sb.clock.advance(1);
		expect(await check(rid)).toBe(false);
		expect((await send(['09121234567'], { requestId: rid })).status).toBe(200);
		expect(sb.sentMessages()).toHaveLength(2);
	});

	it('does not register failed requests by default; does with registerFailedRequestIds', async () => {
		sb.setCredit(0);
		expectFailure(await send(['09121234567'], { requestId: 'r-1' }), 401, -14);
		expect(await check('r-1')).toBe(false);
		sb.setCredit(100000);
		expect((await send(['09121234567'], { requestId: 'r-1' })).status).toBe(200);

		sb.setSwitches({ registerFailedRequestIds: true });
		sb.setCredit(0);
		expectFailure(await send(['09121234567'], { requestId: 'r-2' }), 401, -14);
		expect(await check('r-2')).toBe(true);
		sb.setCredit(100000);
		expectFailure(await send(['09121234567'], { requestId: 'r-2' }), 401, -20);
		expect(sb.sentMessages()).toHaveLength(1);
	});
});

describe('status', () => {
	it('progresses 0 → 8 → 1 on the clock, honours overrides, −1 after 24 h or for unknown ids', async () => {
		sb.clock.set('2026-01-05T08:00:00Z');
		const [a, b] = rawIds((await send(['09121234567', '09351234567'])).text);
		const status = (ids: string[]) => api('POST', '/api/SmsReport/status', { raw: `[${ids.join(',')}]` });
		expect((await status([a, b, '639027944154527201'])).json().value).toEqual([0, 0, -1]);
		sb.clock.advance(6_000);
		expect((await status([a])).json().value).toEqual([8]);
		sb.clock.advance(30_000);
		sb.setDeliveryStatus(b, 16);
		expect((await status([a, b])).json().value).toEqual([1, 16]);
		sb.setDeliveryStatus('639027944154527201', -23);
		expect((await status(['639027944154527201'])).json().value).toEqual([-23]);
		sb.clock.advance(24 * 3600_000);
		expect((await status([a, b])).json().value).toEqual([-1, -1]);
	});

	it('takes big ids only as raw literals and enforces −21 (not an array / empty) and −7 (>100)', async () => {
		const [a] = rawIds((await send(['09121234567'])).text);
		// Rounded through a JS number, the id no longer exists.
		const rounded = String(Number(a));
		const r = await api('POST', '/api/SmsReport/status', { raw: `[${a},${rounded}]` });
		expect(r.json().value).toEqual([0, -1]);
		expectFailure(await api('POST', '/api/SmsReport/status', { json: { ids: [1] } }), 401, -21);
		expectFailure(await api('POST', '/api/SmsReport/status', { raw: '[]' }), 401, -21);
		expectFailure(await api('POST', '/api/SmsReport/status', { raw: `[${Array(101).fill(a).join(',')}]` }), 401, -7);
		expect((await api('POST', '/api/SmsReport/status', { raw: `[${Array(100).fill(a).join(',')}]` })).status).toBe(200);
	});
});

describe('oldStatus', () => {
	const oldStatus = (ids: string[]) => api('POST', '/api/SmsReport/oldStatus', { raw: `[${ids.join(',')}]` });

	it('is only open 01:00:00 ≤ Tehran time < 05:00:00', async () => {
		sb.clock.set(tehran('2026-01-08T12:00:00'));
		const [id] = rawIds((await send(['09121234567'])).text);
		const cases: Array<[string, boolean]> = [
			['2026-01-10T00:59:59', false],
			['2026-01-10T01:00:00', true],
			['2026-01-10T04:59:59', true],
			['2026-01-10T05:00:00', false],
		];
		for (const [local, open] of cases) {
			sb.clock.set(tehran(local));
			const r = await oldStatus([id]);
			if (open) {
				expect(r.status).toBe(200);
				expect(r.json().value).toEqual([1]);
			} else {
				const body = expectFailure(r, 401, -8);
				expect(body.error.details).toHaveLength(1);
				expect(body.error.details[0]).toMatch(/[\u0600-\u06FF]/);
			}
		}
	});

	it('answers −1 for ids from today (Tehran) or older than the range (14 days, switchable to 30)', async () => {
		sb.clock.set(tehran('2026-01-10T00:30:00'));
		const [today] = rawIds((await send(['09121234567'])).text);
		sb.clock.set(tehran('2025-12-20T10:00:00'));
		const [old21] = rawIds((await send(['09121234567'])).text);
		sb.clock.set(tehran('2026-01-09T23:59:00'));
		const [yesterday] = rawIds((await send(['09121234567'])).text);
		sb.setDeliveryStatus(yesterday, 2);

		sb.clock.set(tehran('2026-01-10T02:00:00'));
		expect((await oldStatus([today, old21, yesterday])).json().value).toEqual([-1, -1, 2]);
		sb.setSwitches({ oldStatusRangeDays: 30 });
		expect((await oldStatus([today, old21, yesterday])).json().value).toEqual([-1, 1, 2]);
		sb.setSwitches({ legacyShape: true });
		const legacy = (await oldStatus([yesterday])).json();
		expect(legacy.result).toEqual([2]);
		expect(typeof legacy.message).toBe('string');
		expect(legacy.isSuccess).toBeUndefined();
	});
});

describe('credit', () => {
	it('returns credit beyond 2^53 as a raw integer literal', async () => {
		sb.setCredit('9007199254740993');
		const r = await api('GET', '/api/SmsReport/credit');
		expect(r.text).toContain('"value":9007199254740993');
		expect(r.json().value).not.toBe(9007199254740993n.toString());
	});
});

describe('Receive', () => {
	const receive = (json: Record<string, unknown>) => api('POST', '/api/SmsReport/Receive', { json });

	it('consumes by default (markAsRead omitted = true); markAsRead false leaves them unread', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		sb.addInbound({ sendNumber: '09126900023', text: '1' });
		sb.addInbound({ sendNumber: '09126900023', text: 'تست' });

		const peek = await receive({ privateNumber: '50003300', markAsRead: false });
		expect(peek.json().value).toEqual([
			{ privateNumber: '50003300', date: '2026/01/05', sendNumber: '09126900023', messageText: '1' },
			{ privateNumber: '50003300', date: '2026/01/05', sendNumber: '09126900023', messageText: 'تست' },
		]);
		expect((await receive({ privateNumber: '50003300', markAsRead: false })).json().value).toHaveLength(2);
		expect(sb.inbox().every((m) => !m.read)).toBe(true);

		expect((await receive({ privateNumber: '50003300' })).json().value).toHaveLength(2);
		expect(sb.inbox().every((m) => m.read)).toBe(true);
		expect((await receive({ privateNumber: '50003300', markAsRead: false })).json().value).toEqual([]);
	});

	it('maps line and count problems to 406, 410, 423 and 416', async () => {
		expect((await receive({ privateNumber: '99999999' })).status).toBe(406);
		expect((await receive({ privateNumber: '5000-3300' })).status).toBe(406);
		expect((await receive({ privateNumber: sb.expiredLine })).status).toBe(410);
		expect((await receive({ privateNumber: sb.inactiveLine })).status).toBe(423);
		expect((await receive({ numberOfMessages: 0 })).status).toBe(416);
		const over = await receive({ numberOfMessages: 101 });
		expect(over.status).toBe(416);
		expect(over.json().isSuccess).toBe(false);
		expect((await receive({ numberOfMessages: 100 })).status).toBe(200);
		expect((await receive({ numberOfMessages: '5' })).status).toBe(400);
	});

	it('shows at most 100 of a larger backlog, oldest first, with no paging', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		for (let i = 0; i < 150; i++) sb.addInbound({ sendNumber: '09126900023', text: `m${i}`, at: new Date(sb.clock.now().getTime() - (150 - i) * 1000) });
		const first = (await receive({ markAsRead: false })).json().value;
		expect(first).toHaveLength(100);
		expect(first[0].messageText).toBe('m0');
		expect(first[99].messageText).toBe('m99');
		expect((await receive({ markAsRead: false, numberOfMessages: 100 })).json().value[0].messageText).toBe('m0');
		expect((await receive({ markAsRead: true })).json().value).toHaveLength(100);
		const rest = (await receive({ markAsRead: true })).json().value;
		expect(rest.map((m: { messageText: string }) => m.messageText)).toEqual(Array.from({ length: 50 }, (_, i) => `m${100 + i}`));
	});

	it('returns identical texts of the same day twice, and nothing once another consumer read them', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		sb.addInbound({ sendNumber: '09121111111', text: 'YES' });
		sb.addInbound({ sendNumber: '09121111111', text: 'YES' });
		const two = (await receive({ privateNumber: '50003300', markAsRead: false })).json().value;
		expect(two).toHaveLength(2);
		expect(two[0]).toEqual(two[1]);
		expect(sb.markAllReadExternally('50003300')).toBe(2);
		expect((await receive({ privateNumber: '50003300', markAsRead: false })).json().value).toEqual([]);
	});

	it('filters by a Jalali startDate (optionally with time), −21 for anything else, default last 24 h', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		sb.addInbound({ sendNumber: '09121111111', text: 'three days ago', at: tehran('2026-01-02T09:00:00') });
		sb.addInbound({ sendNumber: '09121111111', text: 'this morning', at: tehran('2026-01-05T08:00:00') });
		const texts = async (json: Record<string, unknown>) =>
			(await receive({ markAsRead: false, ...json })).json().value.map((m: { messageText: string }) => m.messageText);
		expect(await texts({})).toEqual(['this morning']);
		expect(await texts({ startDate: '1404/10/12' })).toEqual(['three days ago', 'this morning']); // 1404/10/12 = 2026-01-02
		expect(await texts({ startDate: '1404/10/12 09:00:01' })).toEqual(['this morning']);
		expect(await texts({ startDate: '1404/10/15' })).toEqual(['this morning']);
		for (const bad of ['2026-01-02', '1404-10-12', '1404/13/01', '1403/12/31', 'yesterday', '']) {
			expectFailure(await receive({ startDate: bad }), 401, -21);
		}
	});

	it('consume mode race: a message arriving between the peek and the consuming call is consumed too', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		sb.addInbound({ sendNumber: '09121111111', text: 'A' });
		const peek = (await receive({ privateNumber: '50003300', markAsRead: false })).json().value;
		expect(peek.map((m: { messageText: string }) => m.messageText)).toEqual(['A']);
		sb.clock.advance(1000);
		sb.addInbound({ sendNumber: '09121111111', text: 'B' });
		const consumed = (await receive({ privateNumber: '50003300', markAsRead: true })).json().value;
		expect(consumed.map((m: { messageText: string }) => m.messageText)).toEqual(['A', 'B']);
		expect(sb.inbox().map((m) => m.read)).toEqual([true, true]);
	});

	it('switches the output date format and the envelope shape', async () => {
		sb.clock.set(tehran('2026-01-05T10:11:12'));
		sb.addInbound({ sendNumber: '09121111111', text: 'x' });
		sb.setSwitches({ receiveDateFormat: 'gregorian-time' });
		expect((await receive({ markAsRead: false })).json().value[0].date).toBe('2026/01/05 10:11:12');
		sb.setSwitches({ receiveDateFormat: 'jalali', legacyShape: true });
		const legacy = (await receive({ markAsRead: false })).json();
		expect(legacy.result[0].date).toBe('1404/10/15');
		expect(legacy.value).toBeUndefined();
	});
});

describe('GenerateApiKey', () => {
	it('creates a working 32-hex token from the panel account, without Authorization', async () => {
		const r = await api('POST', '/api/auth/GenerateApiKey', {
			token: null,
			json: { title: 'WebService Main Token', ...sb.panel, filterIps: ['127.0.0.1'] },
		});
		expect(r.status).toBe(200);
		const token = r.json().value.token as string;
		expect(token).toMatch(/^[0-9a-f]{32}$/);
		expect(token).not.toBe(sb.apiKey);
		expect((await api('GET', '/api/SmsReport/credit', { token })).status).toBe(200);
		const again = await api('POST', '/api/Auth/GenerateApiKey', { token: null, json: { title: 'Second', ...sb.panel } });
		expect(again.json().value.token).not.toBe(token);
		expect(sb.tokens()).toHaveLength(3);
	});

	it('fails with the 401 envelope for wrong panel credentials', async () => {
		expectFailure(await api('POST', '/api/auth/GenerateApiKey', { token: null, json: { title: 't', ...sb.panel, password: 'nope' } }), 401, -21);
		expectFailure(
			await api('POST', '/api/auth/GenerateApiKey', { token: null, json: { title: 't', ...sb.panel, domainName: `${sb.panel.domainName}.com` } }),
			401,
			-21,
		);
		expect(sb.tokens()).toHaveLength(1);
	});
});

describe('faults', () => {
	it('resetAfter: the send happens and its Request-Id is registered, but the reply is lost', async () => {
		sb.injectFault({ route: 'send', kind: 'resetAfter' });
		await expect(send(['09121234567'], { requestId: 'lost-reply' })).rejects.toThrow();
		expect(sb.sentMessages()).toHaveLength(1);
		expect(sb.credit()).toBe(330874527n - 2837n);
		const check = await api('GET', '/api/Requests/checkRequestId/lost-reply');
		expect(check.json().value.isDuplicate).toBe(true);
		expectFailure(await send(['09121234567'], { requestId: 'lost-reply' }), 401, -20);
		expect(sb.sentMessages()).toHaveLength(1);
		const log = sb.requests();
		expect(log[0].status).toBe(0);
	});

	it('resetBefore: nothing happens on the server', async () => {
		sb.injectFault({ route: '/api/sms/send', kind: 'resetBefore' });
		await expect(send(['09121234567'], { requestId: 'never-arrived' })).rejects.toThrow();
		expect(sb.sentMessages()).toHaveLength(0);
		expect((await api('GET', '/api/Requests/checkRequestId/never-arrived')).json().value.isDuplicate).toBe(false);
	});

	it('targets only the named route, for the given number of calls', async () => {
		sb.injectFault({ route: 'send', kind: 'http503', times: 2 });
		expect((await api('GET', '/api/SmsReport/credit')).status).toBe(200);
		const first = await send(['09121234567']);
		expect(first.status).toBe(503);
		expect(first.json().isSuccess).toBe(false);
		expect((await send(['09121234567'])).status).toBe(503);
		expect((await send(['09121234567'])).status).toBe(200);
		expect(sb.sentMessages()).toHaveLength(1);
	});

	it('produces 500 (envelope or HTML), 429 with and without Retry-After, and broken bodies', async () => {
		const credit = () => api('GET', '/api/SmsReport/credit');
		sb.injectFault({ kind: 'http500' });
		const e500 = await credit();
		expect(e500.status).toBe(500);
		expect(e500.json().isSuccess).toBe(false);

		sb.injectFault({ kind: 'html500' });
		const h500 = await credit();
		expect(h500.status).toBe(500);
		expect(h500.text).toMatch(/^<!DOCTYPE html>/);

		sb.injectFault({ kind: 'http429' });
		const r429 = await credit();
		expect(r429.status).toBe(429);
		expect(r429.headers.get('retry-after')).toBeNull();
		sb.injectFault({ kind: 'http429RetryAfter', delayMs: 2500 });
		expect((await credit()).headers.get('retry-after')).toBe('3');

		sb.injectFault({ kind: 'truncatedJson' });
		const trunc = await credit();
		expect(trunc.status).toBe(200);
		expect(trunc.text.startsWith('{"isSuccess":true')).toBe(true);
		expect(() => JSON.parse(trunc.text)).toThrow();

		sb.injectFault({ kind: 'malformedJson' });
		const mal = await credit();
		expect(() => JSON.parse(mal.text)).toThrow();

		sb.injectFault({ kind: 'emptyBody', status: 502 });
		const empty = await credit();
		expect(empty.status).toBe(502);
		expect(empty.text).toBe('');

		sb.injectFault({ kind: 'htmlBody' });
		const html = await credit();
		expect(html.status).toBe(200);
		expect(html.headers.get('content-type')).toMatch(/text\/html/);

		sb.injectFault({ kind: 'failure200', code: -8 });
		const f200 = await credit();
		expect(f200.status).toBe(200);
		expect(f200.json()).toMatchObject({ isSuccess: false, value: null, error: { code: -8 } });

		expect((await credit()).json().isSuccess).toBe(true);
	});

	it('delay: the client times out, the server still processes the send', async () => {
		sb.injectFault({ route: 'send', kind: 'delay', delayMs: 800 });
		await expect(
			api('POST', '/api/Sms/Send', {
				json: { senderNumber: '3000123456', smsText: 'slow', receiverNumbers: ['09121234567'] },
				signal: AbortSignal.timeout(150),
			}),
		).rejects.toThrow();
		expect(sb.sentMessages()).toHaveLength(0);
		for (let i = 0; i < 40 && sb.sentMessages().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
		expect(sb.sentMessages()).toHaveLength(1);
	});

	it('rejects unknown fault kinds and routes', () => {
		expect(() => sb.injectFault({ kind: 'nope' as never })).toThrow(/Unknown fault kind/);
		expect(() => sb.injectFault({ kind: 'http500', route: 'sendMany' })).toThrow(/Unknown route/);
	});
});

describe('request log', () => {
	it('records method, path, masked headers, body and status; never the token or the panel password', async () => {
		await send(['09121234567'], { requestId: 'log-1' });
		await api('GET', '/api/SmsReport/credit', { token: `Bearer ${sb.apiKey}` });
		await api('POST', '/api/auth/GenerateApiKey', { token: null, json: { title: 't', ...sb.panel } });
		await fetch(`${sb.url}/__sandbox/inbox`);
		const log = sb.requests();
		expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
			['POST', '/api/Sms/Send', 200],
			['GET', '/api/SmsReport/credit', 401],
			['POST', '/api/auth/GenerateApiKey', 200],
		]);
		expect(log[0].headers.authorization).toBe('***');
		expect(log[0].headers['request-id']).toBe('log-1');
		expect(log[0].body).toContain('"receiverNumbers":["09121234567"]');
		expect(log[1].headers.authorization).toBe('Bearer ***');
		expect(log[2].body).toContain('"password":"***"');
		const dump = JSON.stringify(log);
		expect(dump).not.toContain(sb.apiKey);
		expect(dump).not.toContain(sb.panel.password);
		expect(log[0].at).toBeInstanceOf(Date);
		sb.clearRequests();
		expect(sb.requests()).toEqual([]);
	});
});

describe('HTTP control surface', () => {
	const control = (method: string, p: string, body?: unknown) => callControl(sb.url, method, p, body);

	it('lists its routes and drives the emulator without auth', async () => {
		const help = await control('GET', '');
		expect(help.status).toBe(200);
		for (const route of ['/inbound', '/inbox', '/credit', '/fault', '/requests', '/reset', '/clock', '/status', '/switches', '/account-error', '/sent']) {
			expect(help.text).toContain(`/__sandbox${route}`);
		}
		expect((await control('POST', '/clock', { at: '2026-01-05T06:30:00Z' })).json().frozen).toBe(true);
		expect((await control('POST', '/inbound', { sendNumber: '09121234567', text: 'via http' })).status).toBe(200);
		expect((await control('GET', '/inbox')).json()).toMatchObject([{ privateNumber: '50003300', text: 'via http', read: false }]);
		expect((await control('POST', '/credit', '{"value": 9007199254740993}')).text).toContain('9007199254740993');
		expect(sb.credit()).toBe(9007199254740993n);
		expect((await control('POST', '/account-error', { code: -10 })).status).toBe(200);
		expectFailure(await api('GET', '/api/SmsReport/credit'), 401, -10);
		expect((await control('POST', '/account-error', { code: null })).status).toBe(200);
		expect((await control('POST', '/account-error', { code: -4 })).status).toBe(400);
		expect((await control('POST', '/fault', { route: 'credit', kind: 'http503' })).status).toBe(200);
		expect((await api('GET', '/api/SmsReport/credit')).status).toBe(503);
		expect((await control('POST', '/switches', { perRecipientErrors: 'yes' })).status).toBe(400);
		expect((await control('GET', '/requests')).json()).toHaveLength(2);
		expect((await control('DELETE', '/requests')).status).toBe(200);
		expect(sb.requests()).toHaveLength(0);
		expect((await control('POST', '/reset')).status).toBe(200);
		expect(sb.clockIsFrozen()).toBe(false);
		expect(sb.inbox()).toEqual([]);
		expect((await control('GET', '/nope')).status).toBe(404);
	});

	it('sets per-id status and lists what was sent', async () => {
		const [id] = rawIds((await send(['09121234567'])).text);
		expect((await control('POST', '/status', `{"messageId": ${id}, "code": 5}`)).status).toBe(200);
		expect((await api('POST', '/api/SmsReport/status', { raw: `[${id}]` })).json().value).toEqual([5]);
		const sent = (await control('GET', '/sent')).json();
		expect(sent).toHaveLength(1);
		expect(sent[0].id).toBe(id);
	});
});
