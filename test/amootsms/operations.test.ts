import { AmootSmsApi } from '../../credentials/AmootSmsApi.credentials';
import { testCredential } from '../harness';
import { startAmootSmsSandbox, type AmootSmsSandbox } from '../../sandbox/amootsms';
import { apiRequests, formOf, items, run } from './setup';

let sandbox: AmootSmsSandbox;
beforeAll(async () => {
	sandbox = await startAmootSmsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** A Tehran wall-clock time (UTC+03:30) as an instant. */
const tehran = (local: string) => new Date(`${local}+03:30`);

async function sendSimple(to = '09121111111,09122222222') {
	const { output } = await run(sandbox, {
		resource: 'sms',
		operation: 'send',
		lineNumber: 'public',
		to,
		message: 'Hi',
		options: {},
	});
	return output![0].map((item) => item.json);
}

describe('SMS → Send Pattern', () => {
	const pattern = (extra: Record<string, unknown> = {}) => ({
		resource: 'sms',
		operation: 'sendPattern',
		to: '09121234567',
		patternCodeId: 101,
		patternValues: 'علی\n1234',
		lineNumber: '',
		options: {},
		...extra,
	});

	it('sends the values in order (SendWithPattern), or from your line (SendWithPatternOWN)', async () => {
		const { output } = await run(sandbox, pattern());
		expect(output![0][0].json).toEqual({
			status: 'sent',
			messageId: '600000001',
			to: '09121234567',
			lineNumber: 'Service',
			patternCodeId: 101,
			patternValues: ['علی', '1234'],
		});
		expect(formOf(apiRequests(sandbox, 'SendWithPattern')[0].body)).toEqual({
			Mobile: '09121234567',
			PatternCodeID: '101',
			PatternValues: 'علی,1234',
		});
		const own = await run(
			sandbox,
			pattern({ lineNumber: '50004000123', patternValues: '={{ ["a", "b"] }}' }),
		);
		expect(own.output![0][0].json).toMatchObject({
			lineNumber: '50004000123',
			patternValues: ['a', 'b'],
		});
		expect(formOf(apiRequests(sandbox, 'SendWithPatternOWN')[0].body).LineNumber).toBe(
			'50004000123',
		);
		expect(sandbox.sent()[0].text).toBe('سلام علی، سفارش 1234 ثبت شد.');
	});

	it('refuses a comma inside a value and a bad pattern id before any request', async () => {
		expect((await run(sandbox, pattern({ patternValues: 'a,b\nc' }))).error?.message).toBe(
			'Item 1: "Pattern Values" value 1 contains a comma: "a,b"',
		);
		expect((await run(sandbox, pattern({ patternCodeId: 0 }))).error?.message).toBe(
			'Item 1: "Pattern Code ID" must be a positive whole number, got 0',
		);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it("reports an unapproved pattern as the provider's Failed, with a hint", async () => {
		const { error } = await run(sandbox, pattern({ patternCodeId: 103, patternValues: 'x' }));
		expect(error?.message).toBe(
			'AmootSMS error Failed: The operation failed (status 0, SendWithPattern)',
		);
		expect((error as { description?: string }).description).toContain('approved');
	});
});

describe('SMS → Send Peer-to-Peer', () => {
	it('sends each item its own text, 100 per JSON request, and matches ids back to items', async () => {
		const input = Array.from({ length: 150 }, (_, i) => ({
			to: `0912${String(i).padStart(7, '0')}`,
			text: `Hello ${i % 3}`,
		}));
		input[5].to = `0${sandbox.blacklistedMobile}`;
		const { output, error } = await run(
			sandbox,
			{
				resource: 'sms',
				operation: 'sendPeerToPeer',
				lineNumber: 'public',
				to: '={{ $json.to }}',
				message: '={{ $json.text }}',
				options: {},
			},
			{ items: items(...input) },
		);
		expect(error).toBeUndefined();
		const requests = apiRequests(sandbox, 'SendPeerToPeer');
		expect(requests.map((request) => JSON.parse(request.body).Input.length)).toEqual([100, 50]);
		expect(requests[0].headers['content-type']).toBe('application/json; charset=utf-8');
		expect(JSON.parse(requests[0].body).Input[0]).toEqual({
			Number: '09120000000',
			MessageText: 'Hello 0',
		});
		const out = output![0];
		expect(out).toHaveLength(150);
		expect(out[5].json).toMatchObject({ status: 'rejected', messageId: null });
		const sent = new Map(sandbox.sent().map((m) => [m.messageId, m]));
		for (const [index, item] of out.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			if (index === 5) continue;
			const record = sent.get(item.json.messageId as string)!;
			expect([`0${record.mobile}`, record.text]).toEqual([input[index].to, input[index].text]);
		}
	});
});

describe('SMS → Get and Get Many Sent', () => {
	it('gets one sent message; a scheduled one has sentAt null', async () => {
		const [first] = await sendSimple('09121111111');
		const { output } = await run(sandbox, {
			resource: 'sms',
			operation: 'get',
			messageId: first.messageId as string,
		});
		expect(output![0][0].json).toMatchObject({
			messageId: '600000001',
			to: '09121111111',
			lineNumber: 'Public',
			text: 'Hi',
		});
		expect(output![0][0].json.sentAt).toMatch(/\+03:30$/);
		await run(sandbox, {
			resource: 'sms',
			operation: 'send',
			lineNumber: 'public',
			to: '09121111111',
			message: 'Later',
			options: { sendAt: '2035-01-01T00:00:00Z' },
		});
		const later = await run(sandbox, { resource: 'sms', operation: 'get', messageId: '600000002' });
		expect(later.output![0][0].json.sentAt).toBeNull();
	});

	it('names an unknown message id with the provider status, and refuses a rounded id before any request', async () => {
		const { error } = await run(sandbox, { resource: 'sms', operation: 'get', messageId: '42' });
		expect(error?.message).toBe(
			'AmootSMS error MessageID_Invalid: The message id is invalid or not found (status 111, GetMessage)',
		);
		const rounded = await run(sandbox, {
			resource: 'sms',
			operation: 'get',
			messageId: '={{ 9007199254740993 }}',
		});
		expect(rounded.error?.message).toContain('has lost digits');
		expect(apiRequests(sandbox, 'GetMessage')).toHaveLength(1);
	});

	it('lists messages sent in a range (Tehran times on the wire) and refuses From after To', async () => {
		sandbox.clock.set(tehran('2026-01-05T10:00:00'));
		await sendSimple('09121111111');
		sandbox.useRealTime();
		const { output } = await run(sandbox, {
			resource: 'sms',
			operation: 'getManySent',
			from: '2026-01-05T06:00:00Z',
			to: '2026-01-05T07:00:00Z',
		});
		expect(formOf(apiRequests(sandbox, 'GetMessages')[0].body)).toEqual({
			FromDateTime: '2026-01-05 09:30:00',
			ToDateTime: '2026-01-05 10:30:00',
		});
		expect(output![0].map((item) => item.json.registeredAt)).toEqual([
			'2026-01-05T10:00:00.000+03:30',
		]);
		const bad = await run(sandbox, {
			resource: 'sms',
			operation: 'getManySent',
			from: '2026-01-05T08:00:00Z',
			to: '2026-01-05T07:00:00Z',
		});
		expect(bad.error?.message).toMatch(/^Item 1: "From" is after "To"/);
	});
});

describe('Delivery', () => {
	it('Get: the DeliveryType number, labelled undocumented, times with the Tehran offset', async () => {
		const [first] = await sendSimple('09121111111');
		sandbox.setDeliveryType(first.messageId as string, 35);
		const { output } = await run(sandbox, {
			resource: 'delivery',
			operation: 'get',
			messageId: first.messageId as string,
		});
		expect(output![0][0].json).toMatchObject({
			messageId: '600000001',
			found: true,
			deliveryType: 35,
			deliveryLabel: 'undocumented',
			cost: 0,
			providerStatus: 'Success',
		});
		expect(output![0][0].json.sentAt).toMatch(/\+03:30$/);
	});

	it('Get Many: ids of all items in requests of 100, one item per id in input order', async () => {
		const ids = Array.from({ length: 250 }, (_, i) => String(600000001 + i));
		await sendSimple(
			Array.from({ length: 100 }, (_, i) => `0912${String(i).padStart(7, '0')}`).join(','),
		);
		const { output } = await run(
			sandbox,
			{ resource: 'delivery', operation: 'getMany', messageIds: '={{ $json.ids }}' },
			{ items: items({ ids: ids.slice(0, 120) }, { ids: ids.slice(120) }) },
		);
		expect(
			apiRequests(sandbox, 'GetDeliveries').map(
				(request) => formOf(request.body).ListMessageID.split(',').length,
			),
		).toEqual([100, 100, 50]);
		const out = output![0];
		expect(out.map((item) => item.json.messageId)).toEqual(ids);
		expect(out.filter((item) => item.json.found === true)).toHaveLength(100);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[249].pairedItem).toEqual({ item: 1 });
		expect(out[249].json).toMatchObject({ found: false, providerStatus: 'MessageID_Invalid' });
	});

	it('Get by Campaign: every message of the campaign, with its recipient', async () => {
		const [first] = await sendSimple();
		const { output } = await run(sandbox, {
			resource: 'delivery',
			operation: 'getByCampaign',
			campaignId: first.campaignId as string,
		});
		expect(
			output![0].map((item) => [item.json.campaignId, item.json.to, item.json.messageId]),
		).toEqual([
			['12000001', '09121111111', '600000001'],
			['12000001', '09122222222', '600000002'],
		]);
		const unknown = await run(sandbox, {
			resource: 'delivery',
			operation: 'getByCampaign',
			campaignId: '5',
		});
		expect(unknown.error?.message).toContain('BulkID_Invalid');
	});
});

describe('Account → Get Status', () => {
	it('outputs credit as a number and exact text, prices per page and lines', async () => {
		const { output } = await run(sandbox, { resource: 'account', operation: 'getStatus' });
		expect(output![0][0].json).toEqual({
			accountName: 'Sandbox Shop',
			credit: 25000000,
			creditExact: '25000000',
			currency: 'IRR',
			prices: {
				BaseSMS_PersianPrice: 1000,
				BaseSMS_EnglishPrice: 5000,
				ServiceSMS_PersianPrice: 2050,
				ServiceSMS_EnglishPrice: 6670,
				AdsSMS_PersianPrice: 3870,
				AdsSMS_EnglishPrice: 11560,
				Avanak_SecondPrice: 23,
			},
			lines: ['98', 'Public', 'Service', '50004000123'],
		});
		sandbox.setCredit('9007199254740993');
		expect(
			(await run(sandbox, { resource: 'account', operation: 'getStatus' })).output![0][0].json
				.creditExact,
		).toBe('9007199254740993');
	});

	it('retries a read after a 503, a 429 and ServerError, but not after a refusal', async () => {
		sandbox.injectFault({ route: 'AccountStatus', kind: 'http503' });
		sandbox.injectFault({ route: 'AccountStatus', kind: 'http429RetryAfter', delayMs: 1000 });
		expect(
			(await run(sandbox, { resource: 'account', operation: 'getStatus' })).error,
		).toBeUndefined();
		expect(apiRequests(sandbox, 'AccountStatus')).toHaveLength(3);
		sandbox.clearRequests();
		sandbox.forceStatus({ method: 'AccountStatus', status: 'ServerError' });
		expect(
			(await run(sandbox, { resource: 'account', operation: 'getStatus' })).error,
		).toBeUndefined();
		expect(apiRequests(sandbox, 'AccountStatus')).toHaveLength(2);
		sandbox.clearRequests();
		const expired = await run(
			sandbox,
			{ resource: 'account', operation: 'getStatus' },
			{ credentials: { token: sandbox.tokens.expired } },
		);
		expect(expired.error?.message).toBe(
			'AmootSMS error Token_Expired: The token has expired (status -204, AccountStatus)',
		);
		expect(apiRequests(sandbox, 'AccountStatus')).toHaveLength(1);
	});
});

describe('Inbox', () => {
	it('Get Many reads a range without consuming; ids exact, times with the Tehran offset', async () => {
		sandbox.setSwitches({ bigIds: true });
		const now = Date.now();
		sandbox.addInbound({ mobile: '9121111111', text: 'salam', receivedAt: new Date(now - 60_000) });
		// Received this very second: an empty To still covers it (AmootSMS reads whole seconds).
		sandbox.addInbound({ mobile: '9121111112', text: 'just now' });
		const { output } = await run(sandbox, {
			resource: 'inbox',
			operation: 'getMany',
			from: '',
			to: '',
			lineNumber: '',
		});
		expect(output![0].map((item) => item.json.text)).toEqual(['salam', 'just now']);
		expect(output![0][0].json).toMatchObject({
			messageId: '9007200254740993',
			from: '09121111111',
			to: '50004000123',
			text: 'salam',
		});
		expect(output![0][0].json.receivedAt).toMatch(
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+03:30$/,
		);
		expect(sandbox.inbox()[0].pulled).toBe(false);
		expect(apiRequests(sandbox, 'RecieveNewMessages')).toHaveLength(0);
	});

	it('Pull New consumes: a second pull gets nothing; refused when run as an AI tool', async () => {
		sandbox.addInbound({ mobile: '9121111111', text: 'a' });
		sandbox.addInbound({ mobile: '9121111112', text: 'b' });
		const pulled = await run(sandbox, { resource: 'inbox', operation: 'pullNew', count: 10 });
		expect(pulled.output![0].map((item) => item.json.text)).toEqual(['a', 'b']);
		expect(
			(await run(sandbox, { resource: 'inbox', operation: 'pullNew', count: 10 })).output![0],
		).toEqual([]);
		sandbox.addInbound({ mobile: '9121111113', text: 'c' });
		const tool = await run(
			sandbox,
			{ resource: 'inbox', operation: 'pullNew', count: 10 },
			{ asTool: true },
		);
		expect(tool.error?.message).toBe('Pull New (Consumes) is not available to AI agents');
		expect(sandbox.inbox()[2].pulled).toBe(false);
		expect(apiRequests(sandbox, 'RecieveNewMessages')).toHaveLength(2);
	});

	it('Pull New is never repeated after a lost answer', async () => {
		sandbox.addInbound({ mobile: '9121111111', text: 'a' });
		sandbox.injectFault({ route: 'RecieveNewMessages', kind: 'http503', times: 3 });
		const { error } = await run(sandbox, { resource: 'inbox', operation: 'pullNew', count: 10 });
		expect((error as { description?: string }).description).toContain('may have accepted');
		expect(apiRequests(sandbox, 'RecieveNewMessages')).toHaveLength(1);
	});
});

describe('credential test (AccountStatus)', () => {
	const test = (data: Record<string, unknown>) =>
		testCredential({
			credentialType: new AmootSmsApi(),
			data: { baseUrl: sandbox.baseUrl, token: sandbox.token, ...data },
		});

	it('passes with a working token, also with a bare host as Base URL and a pasted "Bearer "', async () => {
		expect(await test({})).toMatchObject({ status: 'OK' });
		expect(await test({ baseUrl: `${sandbox.url}/` })).toMatchObject({ status: 'OK' });
		expect(await test({ token: `Bearer ${sandbox.token}` })).toMatchObject({ status: 'OK' });
		expect(
			apiRequests(sandbox, 'AccountStatus').every((request) => request.method === 'POST'),
		).toBe(true);
	});

	it('names the exact problem although every answer is HTTP 200', async () => {
		expect(await test({ token: sandbox.tokens.malformed })).toEqual({
			status: 'Error',
			message: 'AmootSMS: Token_Invalid (-202): The token is malformed or wrong',
		});
		expect((await test({ token: sandbox.tokens.unknown })).message).toContain(
			'Token_NotExists (-201)',
		);
		expect((await test({ token: sandbox.tokens.ipRestricted })).message).toContain(
			'Token_NotAllowIP (-207)',
		);
		expect((await test({ token: sandbox.tokens.methodRestricted })).message).toContain(
			'the token works but may not call AccountStatus',
		);
		expect((await test({ token: sandbox.tokens.userExpired })).message).toContain(
			'User_Expired (-104)',
		);
	});

	it('fails clearly when the Base URL is not the API', async () => {
		const result = await test({ baseUrl: `${sandbox.url}/__sandbox` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not answer like the AmootSMS REST API|404/);
	});
});
