import type { IDataObject } from 'n8n-workflow';

import { SepahanGostarApi } from '../../credentials/SepahanGostarApi.credentials';
import { SepahanGostarPanelApi } from '../../credentials/SepahanGostarPanelApi.credentials';
import { testCredential } from '../harness';
import { startSepahanGostarSandbox, type SepahanGostarSandbox } from '../../sandbox/sepahangostar';
import { apiRequests, freezeDate, items, run } from './setup';

let sandbox: SepahanGostarSandbox;
beforeAll(async () => {
	sandbox = await startSepahanGostarSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
afterEach(() => jest.useRealTimers());

describe('SMS → Send Personalized', () => {
	it('sends each item its own text in one sendP2P request', async () => {
		const input = items({ to: '09121111111', name: 'Ali' }, { to: '09122222222', name: 'Sara' });
		const { output, error } = await run(
			sandbox,
			{ resource: 'sms', operation: 'sendPersonalized', from: '3000123456', to: '={{ $json.to }}', message: '=Hi {{ $json.name }}', options: {} },
			{ items: input },
		);
		expect(error).toBeUndefined();
		const requests = apiRequests(sandbox, '/api/Sms/SendP2P');
		expect(requests).toHaveLength(1);
		expect(JSON.parse(requests[0].body)).toEqual({
			senderNumbers: ['3000123456', '3000123456'],
			smsTexts: ['Hi Ali', 'Hi Sara'],
			receiverNumbers: ['09121111111', '09122222222'],
		});
		expect(output![0].map((item) => [item.json.to, item.json.status, item.pairedItem])).toEqual([
			['09121111111', 'accepted', { item: 0 }],
			['09122222222', 'accepted', { item: 1 }],
		]);
		expect(sandbox.sentMessages().map((message) => message.text)).toEqual(['Hi Ali', 'Hi Sara']);
	});

	it('sends 250 items in 3 requests', async () => {
		const input = Array.from({ length: 250 }, (_, i) => ({ json: { to: `0912${String(i).padStart(7, '0')}` } }));
		const { output } = await run(
			sandbox,
			{ resource: 'sms', operation: 'sendPersonalized', from: '3000123456', to: '={{ $json.to }}', message: '=n{{ $itemIndex }}', options: {} },
			{ items: input },
		);
		expect(apiRequests(sandbox, '/api/Sms/SendP2P').map((request) => JSON.parse(request.body).smsTexts.length)).toEqual([100, 100, 50]);
		expect(output![0]).toHaveLength(250);
		expect(output![0][249].pairedItem).toEqual({ item: 249 });
	});

	it('refuses two recipients in one item', async () => {
		const { error } = await run(sandbox, { resource: 'sms', operation: 'sendPersonalized', from: '3000123456', to: '09121111111,09122222222', message: 'x', options: {} });
		expect(error?.message).toBe('Item 1: "To" must hold one number, got 2');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('SMS → Send OTP', () => {
	const otp = { resource: 'sms', operation: 'sendOtp', from: '3000123456', to: '09121234567', codeLength: 6, message: 'Your code is {code}', options: {} };

	it('generates a code, sends it in the template, and outputs code and message id', async () => {
		const { output, error } = await run(sandbox, otp);
		expect(error).toBeUndefined();
		const json = output![0][0].json;
		expect(json.code).toMatch(/^[0-9]{6}$/);
		expect(json.status).toBe('accepted');
		expect(sandbox.sentMessages()[0]).toMatchObject({ to: '09121234567', text: `Your code is ${json.code}`, id: json.messageId });
	});

	it('uses a given code, and batches many OTPs per request', async () => {
		const input = items({ to: '09121111111' }, { to: '09122222222' });
		const { output } = await run(sandbox, { ...otp, to: '={{ $json.to }}', options: { code: '۴۲۴۲' } }, { items: input });
		expect(output![0].map((item) => item.json.code)).toEqual(['4242', '4242']);
		expect(apiRequests(sandbox, 'SendP2P')).toHaveLength(1);
	});

	it.each([
		[{ message: 'No placeholder' }, 'Item 1: "Message" has no {code} placeholder'],
		[{ codeLength: 3 }, 'Item 1: "Code Length" must be a whole number from 4 to 10, got 3'],
		[{ options: { code: '12' } }, 'Item 1: "Code" must be 4–10 letters or digits'],
		[{ to: '+44 7700 900123' }, 'Item 1: "To" has an invalid Iranian mobile number: "+44 7700 900123"'],
	])('validates %j before sending', async (override, message) => {
		const { error } = await run(sandbox, { ...otp, ...override });
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('SMS → Check Request', () => {
	it('tells whether a request id was received', async () => {
		await run(sandbox, { resource: 'sms', operation: 'send', from: '3000123456', to: '09121234567', message: 'x', options: { requestId: 'req-1' } });
		const { output } = await run(sandbox, { resource: 'sms', operation: 'checkRequest', requestId: '={{ $json.id }}' }, { items: items({ id: 'req-1' }, { id: 'req-2' }) });
		expect(output![0].map((item) => [item.json.requestId, item.json.received, item.pairedItem])).toEqual([
			['req-1', true, { item: 0 }],
			['req-2', false, { item: 1 }],
		]);
	});
});

describe('Delivery → Get Status', () => {
	it('looks up ids of all items, 100 per request, one item per id with code and text', async () => {
		const { output: sent } = await run(sandbox, { resource: 'sms', operation: 'send', from: '3000123456', to: '09121111111, 09122222222', message: 'x', options: {} });
		const [first, second] = sent![0].map((item) => item.json.messageId as string);
		sandbox.setDeliveryStatus(first, 1);
		sandbox.setDeliveryStatus(second, 16);
		const { output, error } = await run(sandbox, { resource: 'delivery', operation: 'getStatus', messageIds: '={{ $json.ids }}' }, { items: items({ ids: [first] }, { ids: `${second}` }) });
		expect(error).toBeUndefined();
		expect(output![0].map((item) => item.json)).toEqual([
			{ messageId: first, statusCode: 1, status: 'delivered', statusText: 'Delivered to the handset' },
			{ messageId: second, statusCode: 16, status: 'failed', statusText: 'Not handed to the operator' },
		]);
		expect(output![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [request] = apiRequests(sandbox, '/api/SmsReport/status');
		// Ids travel as bare integer literals with every digit.
		expect(request.body.replace(/\s/g, '')).toBe(`[${first},${second}]`);
	});

	it('splits 250 ids into 3 requests and marks unknown ids with a hint', async () => {
		const ids = Array.from({ length: 250 }, (_, i) => String(639000000000000000n + BigInt(i)));
		const { output } = await run(sandbox, { resource: 'delivery', operation: 'getStatus', messageIds: ids.join(',') });
		expect(apiRequests(sandbox, 'status')).toHaveLength(3);
		expect(output![0]).toHaveLength(250);
		expect(output![0][0].json.status).toBe('notFound');
		expect(output![0][0].json.hint).toContain('Get Old Status');
	});

	it.each([['abc'], ['-5'], ['99999999999999999999'], ['']])('rejects message id %j before sending', async (id) => {
		const { error } = await run(sandbox, { resource: 'delivery', operation: 'getStatus', messageIds: '={{ $json.id }}' }, { items: items({ id }) });
		expect(error?.message).toMatch(/^Item 1: "Message IDs" (has an invalid message ID|is empty)/);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Delivery → Get Old Status', () => {
	it.each([
		['2026-01-10T21:29:59Z', false],
		['2026-01-10T21:30:00Z', true],
		['2026-01-11T01:29:59Z', true],
		['2026-01-11T01:30:00Z', false],
	])('checks the 01:00–05:00 Tehran window before any request (%s)', async (at, allowed) => {
		freezeDate(at);
		sandbox.clock.set(at);
		const { output, error } = await run(sandbox, { resource: 'delivery', operation: 'getOldStatus', messageIds: '639000000000000001' });
		if (allowed) {
			expect(error).toBeUndefined();
			expect(output![0][0].json.messageId).toBe('639000000000000001');
			expect(apiRequests(sandbox, 'oldStatus')).toHaveLength(1);
		} else {
			expect(error?.message).toMatch(/^Get Old Status only works between 01:00 and 05:00 Tehran time \(21:30–01:30 UTC\)\. It is now \d\d:\d\d in Tehran; the next window opens at \d{4}-\d\d-\d\d 01:00 Tehran time \(.+Z\)\.$/);
			expect(apiRequests(sandbox)).toHaveLength(0);
		}
	});

	it('explains the window when the provider answers -8 anyway (clocks disagree)', async () => {
		freezeDate('2026-01-10T22:00:00Z');
		sandbox.clock.set('2026-01-10T12:00:00Z');
		const { error } = await run(sandbox, { resource: 'delivery', operation: 'getOldStatus', messageIds: '639000000000000001' });
		expect(error?.message).toBe('SepahanGostar error -8: Get Old Status is only available between 01:00 and 05:00 Tehran time (21:30–01:30 UTC) (HTTP 401)');
	});
});

describe('Inbox → Get Many', () => {
	it('reads unread messages without marking them read, sending markAsRead explicitly', async () => {
		sandbox.addInbound({ privateNumber: '50003300', sendNumber: '09126900023', text: 'سلام' });
		const params = { resource: 'inbox', operation: 'getMany', receivingLine: '50003300', since: '', limit: 50, markAsRead: false };
		const first = await run(sandbox, params);
		expect(first.output![0].map((item) => item.json)).toEqual([
			expect.objectContaining({ from: '09126900023', to: '50003300', text: 'سلام', receivedAtPrecision: expect.any(String) }),
		]);
		expect(JSON.parse(apiRequests(sandbox, 'Receive')[0].body)).toEqual({ privateNumber: '50003300', numberOfMessages: 50, markAsRead: false });
		const again = await run(sandbox, params);
		expect(again.output![0]).toHaveLength(1);
		await run(sandbox, { ...params, markAsRead: true });
		const after = await run(sandbox, params);
		expect(after.output![0]).toHaveLength(0);
	});

	it('sends Since as a Jalali day in Tehran', async () => {
		await run(sandbox, { resource: 'inbox', operation: 'getMany', receivingLine: '', since: '2025-12-31T10:00:00Z', limit: 10, markAsRead: false });
		expect(JSON.parse(apiRequests(sandbox, 'Receive')[0].body)).toEqual({ startDate: '1404/10/10', numberOfMessages: 10, markAsRead: false });
	});

	it.each([
		[{ receivingLine: 'x1' }, 'Item 1: "Receiving Line" is not a line number: "x1"'],
		[{ limit: 101 }, 'Item 1: "Limit" must be a whole number from 1 to 100'],
		[{ since: 'not a date' }, 'Item 1: "Since" is not a date: "not a date"'],
	])('validates %j', async (override, message) => {
		const { error } = await run(sandbox, { resource: 'inbox', operation: 'getMany', receivingLine: '', since: '', limit: 10, markAsRead: false, ...override });
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it.each([
		['50004400', 'SepahanGostar error -21: The receiving number has expired (HTTP 410)'],
		['50005500', 'SepahanGostar error -21: The receiving number is not active (HTTP 423)'],
		['59999999', 'SepahanGostar error -21: The receiving number is wrong or not active (HTTP 406)'],
	])('maps Receive HTTP statuses for line %s', async (line, message) => {
		const { error } = await run(sandbox, { resource: 'inbox', operation: 'getMany', receivingLine: line, since: '', limit: 10, markAsRead: false });
		expect(error?.message).toBe(message);
	});
});

describe('Account', () => {
	it('gets the credit with one type per field whatever its size: a number, and the exact text beside it', async () => {
		sandbox.setCredit(1234);
		expect((await run(sandbox, { resource: 'account', operation: 'getCredit' })).output![0][0].json).toEqual({ credit: 1234, creditExact: '1234' });
		sandbox.setCredit('9007199254740993');
		expect((await run(sandbox, { resource: 'account', operation: 'getCredit' })).output![0][0].json).toEqual({
			credit: 9007199254740992,
			creditExact: '9007199254740993',
		});
	});

	it('generates an API key with the panel login, and the new key works', async () => {
		const { output, error } = await run(sandbox, { resource: 'account', operation: 'generateApiKey', title: 'n8n', allowedIps: '' });
		expect(error).toBeUndefined();
		const token = output![0][0].json.token as string;
		expect(token).toMatch(/^[0-9a-f]{32}$/);
		const [request] = apiRequests(sandbox, 'GenerateApiKey');
		expect(request.headers.authorization).toBeUndefined();
		const credit = await run(sandbox, { resource: 'account', operation: 'getCredit' }, { credentials: { apiKey: token } });
		expect(credit.error).toBeUndefined();
	});

	it('validates allowed IPs', async () => {
		const { error } = await run(sandbox, { resource: 'account', operation: 'generateApiKey', title: 'n8n', allowedIps: '10.0.0.1, 999.1.1.1' });
		expect(error?.message).toBe('Item 1: "Allowed IPs" has an invalid IP address: "999.1.1.1"');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('credential test', () => {
	const data = (overrides: IDataObject = {}) => ({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, ignoreSslIssues: false, ...overrides });

	it('passes for a good key', async () => {
		expect(await testCredential({ credentialType: new SepahanGostarApi(), data: data() })).toMatchObject({ status: 'OK' });
	});

	it('fails with the provider code for a bad key, an inactive key and a blocked IP', async () => {
		expect(await testCredential({ credentialType: new SepahanGostarApi(), data: data({ apiKey: 'nope' }) })).toEqual({
			status: 'Error',
			message: 'SepahanGostar error -1: the API key is invalid',
		});
		sandbox.setTokenState(sandbox.apiKey, { active: false });
		expect((await testCredential({ credentialType: new SepahanGostarApi(), data: data() })).message).toContain('error -2');
		sandbox.reset();
		sandbox.setTokenState(sandbox.apiKey, { blocked: true });
		expect((await testCredential({ credentialType: new SepahanGostarApi(), data: data() })).message).toContain('error -22');
	});

	it('normalises a pasted Swagger page URL exactly as the node does', async () => {
		for (const baseUrl of [`${sandbox.url}/swagger/index.html`, `${sandbox.url}/api/`, `${sandbox.url}/swagger/`]) {
			expect(await testCredential({ credentialType: new SepahanGostarApi(), data: data({ baseUrl }) })).toMatchObject({ status: 'OK' });
			const credit = await run(sandbox, { resource: 'account', operation: 'getCredit' }, { credentials: { baseUrl } });
			expect(credit.error).toBeUndefined();
		}
		expect(apiRequests(sandbox).every((request) => request.path === '/api/SmsReport/credit')).toBe(true);
	});

	it('fails clearly when the base URL is not the API', async () => {
		const result = await testCredential({ credentialType: new SepahanGostarApi(), data: data({ baseUrl: `${sandbox.url}/__sandbox` }) });
		expect(result.status).toBe('Error');
	});

	it('panel login test checks the host without creating a token', async () => {
		const panel = { baseUrl: sandbox.url, userName: 'x', password: 'y', domainName: 'z', ignoreSslIssues: false };
		expect(await testCredential({ credentialType: new SepahanGostarPanelApi(), data: panel })).toMatchObject({ status: 'OK' });
		expect(apiRequests(sandbox, 'GenerateApiKey')).toHaveLength(0);
	});
});
