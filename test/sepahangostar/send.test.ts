import type { IDataObject } from 'n8n-workflow';

import { startSepahanGostarSandbox, type SepahanGostarSandbox } from '../../sandbox/sepahangostar';
import { apiRequests, items, run } from './setup';

let sandbox: SepahanGostarSandbox;
beforeAll(async () => {
	sandbox = await startSepahanGostarSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const send = (to: string, message = 'Hello', from = '3000123456') => ({
	resource: 'sms',
	operation: 'send',
	from,
	to,
	message,
	options: {},
});

describe('SMS → Send', () => {
	it('sends one text to many recipients and outputs one item per recipient with exact ids', async () => {
		const { output, error } = await run(sandbox, send('09121234567, +98 935 123 4567\n۰۹۱۲۷۶۵۴۳۲۱', 'سلام'));
		expect(error).toBeUndefined();
		const out = output![0];
		expect(out.map((item) => item.json.to)).toEqual(['09121234567', '09351234567', '09127654321']);
		expect(out.every((item) => item.json.status === 'accepted')).toBe(true);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const sent = sandbox.sentMessages();
		expect(sent).toHaveLength(3);
		// Ids exceed 2^53 and leave as strings with every digit the provider sent.
		for (const [index, item] of out.entries()) {
			expect(typeof item.json.messageId).toBe('string');
			expect(BigInt(item.json.messageId as string)).toBeGreaterThan(2n ** 53n);
			expect(item.json.messageId).toBe(sent[index].id);
		}
		expect(out[0].json).toMatchObject({ from: '3000123456', parts: 1, encoding: 'UCS-2', characters: 4 });
		// One JSON type per field whatever the value: counts are numbers, money a number plus its exact text.
		const batch = out[0].json.batch as IDataObject;
		expect(batch.smsCount).toBe(3);
		expect(typeof batch.totalPrice).toBe('number');
		expect(batch.totalPriceExact).toBe(String(batch.totalPrice));
		const [request] = apiRequests(sandbox, '/api/Sms/Send');
		expect(JSON.parse(request.body)).toEqual({ senderNumber: '3000123456', smsText: 'سلام', receiverNumbers: ['09121234567', '09351234567', '09127654321'] });
		expect(request.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('turns 10,000 recipients into 100 requests of at most 100', async () => {
		const recipients = Array.from({ length: 10_000 }, (_, i) => `0912${String(i).padStart(7, '0')}`);
		const { output, error } = await run(sandbox, { ...send(''), to: '={{ $json.to }}' }, { items: items({ to: recipients }) });
		expect(error).toBeUndefined();
		const requests = apiRequests(sandbox, '/api/Sms/Send');
		expect(requests).toHaveLength(100);
		expect(requests.every((request) => (JSON.parse(request.body) as IDataObject[] & { receiverNumbers: string[] }).receiverNumbers.length === 100)).toBe(true);
		expect(output![0]).toHaveLength(10_000);
		expect(output![0][9_999].json.to).toBe('09120009999');
		expect(new Set(requests.map((request) => request.headers['request-id'])).size).toBe(100);
	});

	it('with 4 requests in parallel, still 100 requests of 100 with distinct ids, and the output in input order', async () => {
		const recipients = Array.from({ length: 10_000 }, (_, i) => `0912${String(i).padStart(7, '0')}`);
		const { output, error } = await run(sandbox, { ...send(''), to: '={{ $json.to }}', parallelRequests: 4 }, { items: items({ to: recipients }) });
		expect(error).toBeUndefined();
		const requests = apiRequests(sandbox, '/api/Sms/Send');
		expect(requests).toHaveLength(100);
		expect(new Set(requests.map((request) => request.headers['request-id'])).size).toBe(100);
		expect(output![0].map((item) => item.json.to)).toEqual(recipients);
		expect(sandbox.sentMessages()).toHaveLength(10_000);
	});

	it('refuses more requests in parallel than the provider allows, before sending', async () => {
		const { error } = await run(sandbox, { ...send('09121234567'), parallelRequests: 9 });
		expect(error?.message).toBe('Item 1: "Requests in Parallel" must be a whole number from 1 to 4, got 9');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('groups items that share sender and text into one request, keeping pairedItem and order', async () => {
		const input = items(
			{ to: '09121111111', text: 'A' },
			{ to: '09122222222', text: 'B' },
			{ to: '09123333333', text: 'A' },
		);
		const { output } = await run(sandbox, { ...send('={{ $json.to }}', '={{ $json.text }}') }, { items: input });
		const requests = apiRequests(sandbox, '/api/Sms/Send');
		expect(requests.map((request) => JSON.parse(request.body).receiverNumbers)).toEqual([
			['09121111111', '09123333333'],
			['09122222222'],
		]);
		expect(output![0].map((item) => [item.json.to, item.pairedItem])).toEqual([
			['09121111111', { item: 0 }],
			['09122222222', { item: 1 }],
			['09123333333', { item: 2 }],
		]);
	});

	it.each([
		[{ to: '0912123' }, 'Item 1: "To" has an invalid Iranian mobile number: "0912123"'],
		[{ to: '={{ "" }}' }, 'Item 1: "To" is empty'],
		[{ to: '={{ [] }}' }, 'Item 1: "To" is empty'],
		[{ message: '   ' }, 'Item 1: "Message" is empty'],
		[{ from: 'abc' }, 'Item 1: "From (Sender Line)" is not a line number: "abc"'],
		[{ options: { requestId: 'a b/c' } }, 'Item 1: "Request ID" has characters that are not allowed: "a b/c"'],
	])('rejects %j before any request', async (override, message) => {
		const { error } = await run(sandbox, { ...send('09121234567'), ...override });
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('stops at the first invalid item with nothing sent, naming the item', async () => {
		const { error } = await run(sandbox, send('={{ $json.to }}'), { items: items({ to: '09121234567' }, { to: '0912' }) });
		expect(error?.message).toBe('Item 2: "To" has an invalid Iranian mobile number: "0912"');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('with Continue On Fail, sends the valid items and outputs an error item for the invalid one', async () => {
		const { output, error } = await run(sandbox, send('={{ $json.to }}'), {
			items: items({ to: '09121234567' }, { to: '0912' }, { to: '09351234567' }),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(output![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output![0][1].json.error).toBe('Item 2: "To" has an invalid Iranian mobile number: "0912"');
		expect(apiRequests(sandbox, '/api/Sms/Send')).toHaveLength(1);
		expect(sandbox.sentMessages().map((message) => message.to)).toEqual(['09121234567', '09351234567']);
	});

	it('maps provider codes to English errors that keep the code and HTTP status, sent once despite HTTP 401', async () => {
		sandbox.setCredit(0);
		const { error } = await run(sandbox, send('09121234567'));
		expect(error?.message).toBe("SepahanGostar error -14: The user's balance is insufficient (HTTP 401)");
		expect((error as unknown as { httpCode: string }).httpCode).toBe('401');
		// n8n resends after a 401 unless the status is read by the node itself: exactly one request.
		expect(apiRequests(sandbox, '/api/Sms/Send')).toHaveLength(1);
	});

	it.each([
		[-8, 'SepahanGostar error -8: The SMS sending service is inactive (HTTP 401)'],
		[-10, 'SepahanGostar error -10: The user account has expired (HTTP 401)'],
		[-19, "SepahanGostar error -19: The manager's (reseller's) balance is insufficient (HTTP 401)"],
	])('maps account error %i', async (code, message) => {
		sandbox.setAccountError(code);
		const { error } = await run(sandbox, send('09121234567'));
		expect(error?.message).toBe(message);
	});

	it('explains credential codes and keeps the provider wording, never the key', async () => {
		const { error } = await run(sandbox, send('09121234567'), { credentials: { apiKey: 'ffffffffffffffffffffffffffffffff' } });
		expect(error?.message).toBe('SepahanGostar error -1: The API key (token) is invalid (HTTP 401)');
		expect((error as unknown as { description: string }).description).toContain('Check the API key');
		expect(JSON.stringify(error)).not.toContain('ffffffffffffffffffffffffffffffff');
		expect(error?.stack ?? '').not.toContain('ffffffffffffffffffffffffffffffff');
	});

	it('sends the raw token, trimmed, without a "Bearer " prefix', async () => {
		const { error } = await run(sandbox, send('09121234567'), { credentials: { apiKey: `  Bearer ${sandbox.apiKey} ` } });
		expect(error).toBeUndefined();
		expect(sandbox.sentMessages()).toHaveLength(1);
	});

	it('rejects an inactive sender line with code -12', async () => {
		const { error } = await run(sandbox, send('09121234567', 'Hi', '3000999999'));
		expect(error?.message).toBe("SepahanGostar error -12: The sender number is invalid (not one of the account's active, verified lines) (HTTP 401)");
	});

	it('with Continue On Fail, a failed request becomes error items with the code', async () => {
		sandbox.setAccountError(-11);
		const { output } = await run(sandbox, send('09121234567, 09351234567'), { continueOnFail: true });
		expect(output![0]).toHaveLength(2);
		expect(output![0][0].json).toMatchObject({ status: 'failed', errorCode: -11, httpCode: '401', to: '09121234567' });
		expect(output![0][0].json.error).toContain('SepahanGostar error -11');
	});

	it('counts parts for long texts', async () => {
		const { output } = await run(sandbox, send('09121234567', 'a'.repeat(161)));
		expect(output![0][0].json).toMatchObject({ parts: 2, encoding: 'GSM-7', characters: 161 });
	});

	it('reports an unexpected HTML answer clearly with the HTTP status', async () => {
		sandbox.injectFault({ route: '/api/SmsReport/credit', kind: 'htmlBody', times: 1 });
		const { error } = await run(sandbox, { resource: 'account', operation: 'getCredit' });
		expect(error?.message).toMatch(/^SepahanGostar error: Unexpected response: .+ \(HTTP \d{3}\)$/);
	});
});
