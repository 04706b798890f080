/** SMS → Send through n8n's engine against the Melipayamak sandbox: routing, batching, opt-out, codes, no resend after a lost answer. */
import type { INodeParameters, NodeApiError } from 'n8n-workflow';

import { startMelipayamakSandbox, type MelipayamakSandbox } from '../../sandbox/melipayamak';
import { apiRequests, items, LINE, phones, run } from './setup';

let sandbox: MelipayamakSandbox;
beforeAll(async () => {
	sandbox = await startMelipayamakSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const send = (to: string, message = 'Hello', options: INodeParameters = {}): INodeParameters => ({ resource: 'sms', operation: 'send', from: LINE, to, message, options });

/** The `<string>` recipients of each SendSimpleSMS request, in order. */
function soapRecipients(): string[][] {
	return apiRequests(sandbox, 'SendSimpleSMS').map((r) => [...r.body.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]));
}

describe('routing and request shape', () => {
	it('one number goes through REST SendSMS as a form body; the recId is output as the exact string', async () => {
		const { output, error } = await run(sandbox, send('+98 912 123 4567', 'سلام'));
		expect(error).toBeUndefined();
		const [request] = apiRequests(sandbox);
		expect(request.path).toBe('/api/SendSMS/SendSMS');
		expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
			username: 'good',
			password: '***',
			to: '09121234567',
			from: LINE,
			text: 'سلام',
			isFlash: 'false',
		});
		const [sent] = sandbox.sentMessages();
		expect(output![0]).toEqual([
			{
				json: {
					recId: sent.recId,
					status: 'accepted',
					to: '09121234567',
					from: LINE,
					parts: 1,
					encoding: 'UCS-2',
					characters: 4,
					batch: { index: 0, size: 1, via: 'SendSMS' },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(BigInt(sent.recId) > 2n ** 62n).toBe(true);
	});

	it('several numbers go through SOAP SendSimpleSMS with the opt-out phrase appended; recIds map to recipients', async () => {
		const { output } = await run(sandbox, send('09121234567, 09351234567\n09131112222', 'Hi'));
		const [request] = apiRequests(sandbox);
		expect(request.path).toBe('/post/Send.asmx');
		expect(request.headers.soapaction).toBe('"http://tempuri.org/SendSimpleSMS"');
		expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(soapRecipients()).toEqual([['09121234567', '09351234567', '09131112222']]);
		const sent = sandbox.sentMessages();
		expect(sent.map((m) => m.text)).toEqual(Array(3).fill('Hi\nلغو11'));
		expect(output![0].map((i) => [i.json.to, i.json.recId, i.json.status, i.pairedItem])).toEqual(
			sent.map((m) => [m.to, m.recId, 'accepted', { item: 0 }]),
		);
	});

	it('keeps a text that already has the phrase (Persian digits too) and sends flash when asked', async () => {
		await run(sandbox, send('09121234567, 09351234567', 'Hi\nلغو۱۱', { isFlash: true }));
		expect(sandbox.sentMessages().map((m) => [m.text, m.isFlash])).toEqual([
			['Hi\nلغو۱۱', true],
			['Hi\nلغو۱۱', true],
		]);
	});

	it('groups items with the same sender and text into one request; a text without the phrase travels alone', async () => {
		const input = items({ to: '09121111111, 09122222222' }, { to: '09123333333' }, { to: '09124444444' });
		await run(sandbox, { ...send('={{ $json.to }}', 'Same'), message: '={{ $itemIndex === 0 ? "Same" : "Same\\nلغو11" }}' }, { items: input });
		expect(soapRecipients()).toEqual([['09121111111', '09122222222', '09123333333', '09124444444']]);

		sandbox.reset();
		await run(sandbox, send('={{ $json.to }}', 'Alone'), { items: items({ to: '09121111111' }, { to: '09122222222' }) });
		expect(apiRequests(sandbox).map((r) => r.path)).toEqual(['/api/SendSMS/SendSMS', '/api/SendSMS/SendSMS']);
		expect(sandbox.sentMessages().map((m) => m.text)).toEqual(['Alone', 'Alone']);
	});

	it('a 10,000-number send takes 100 requests of 100', async () => {
		const { output, error } = await run(sandbox, send(phones(10_000).join(','), 'Bulk'));
		expect(error).toBeUndefined();
		const counts = soapRecipients().map((r) => r.length);
		expect(counts).toEqual(Array(100).fill(100));
		expect(output![0]).toHaveLength(10_000);
		expect(sandbox.sentMessages()).toHaveLength(10_000);
		expect(output![0][9_999].json).toMatchObject({ to: phones(10_000)[9_999], status: 'accepted', batch: { index: 99, size: 100 } });
	});

	it('250 numbers over two items: 100, 100, 50, each output paired with its item', async () => {
		const input = items({ to: phones(120).join(',') }, { to: phones(130, 120).join(',') });
		const { output } = await run(sandbox, send('={{ $json.to }}', 'x لغو11'), { items: input });
		expect(soapRecipients().map((r) => r.length)).toEqual([100, 100, 50]);
		expect(output![0].filter((i) => (i.pairedItem as { item: number }).item === 0)).toHaveLength(120);
		expect(output![0][249].pairedItem).toEqual({ item: 1 });
	});
});

describe('codes', () => {
	it('a blacklisted or invalid recipient inside a batch is a rejected item; the others are accepted', async () => {
		const { output, error } = await run(sandbox, send('09121234567, 09120000035'));
		expect(error).toBeUndefined();
		expect(output![0].map((i) => [i.json.to, i.json.status, i.json.errorCode ?? null])).toEqual([
			['09121234567', 'accepted', null],
			['09120000035', 'rejected', '35'],
		]);
		expect(output![0][1].json.errorText).toMatch(/blacklist/);
		expect(output![0][1].json.recId).toBeNull();
	});

	it('a blacklisted single number (REST) is a rejected item too', async () => {
		const { output } = await run(sandbox, send('09120000035'));
		expect(output![0][0].json).toMatchObject({ status: 'rejected', errorCode: '35', recId: null });
	});

	it('a whole-request code fails the node with the code and an English message', async () => {
		const { error } = await run(sandbox, send('09121234567, 09351234567'), { account: 'nocredit' });
		expect(error?.message).toBe('Melipayamak error 2: SendSimpleSMS failed — Not enough credit');
		expect(sandbox.sentMessages()).toHaveLength(0);
		const { error: line } = await run(sandbox, { ...send('09121234567'), from: '50001060' });
		expect(line?.message).toBe('Melipayamak error 9: SendSMS failed — Sending from public lines through the web service is not allowed');
		const { error: login } = await run(sandbox, send('09121234567'), { credentials: { password: 'wrong' } });
		expect(login?.message).toBe('Melipayamak error 0: SendSMS failed — The username or password is wrong');
		expect((login as NodeApiError).description).toMatch(/Check the username and password/);
	});

	it('Continue On Fail: a failed request becomes one error item per recipient, paired, with the code', async () => {
		const { output, error } = await run(sandbox, send('={{ $json.to }}', 'x لغو11'), {
			account: 'nocredit',
			continueOnFail: true,
			items: items({ to: '09121234567,09351234567' }, { to: 'not a number' }),
		});
		expect(error).toBeUndefined();
		expect(output![0].map((i) => [i.json.to ?? null, i.json.status ?? null, i.json.errorCode ?? null, i.pairedItem])).toEqual([
			['09121234567', 'failed', '2', { item: 0 }],
			['09351234567', 'failed', '2', { item: 0 }],
			[null, null, null, { item: 1 }],
		]);
		expect(output![0][2].json.error).toBe('Item 2: "To" has an invalid Iranian mobile number: "not a number"');
		expect(output![0][0].json.mayHaveBeenAccepted).toBe(false);
	});
});

describe('validation before any request', () => {
	it.each([
		['an invalid number', { to: '0912' }, 'Item 1: "To" has an invalid Iranian mobile number: "0912"'],
		['an empty message', { message: '  ' }, 'Item 1: "Message" is empty'],
		['a sender that is not a line', { from: 'abc' }, 'Item 1: "From (Sender Line)" is not a line number: "abc"'],
		[
			'several numbers without the phrase when appending is off',
			{ to: '09121234567,09351234567', options: { appendOptOut: false } },
			'Item 1: "Message" must contain "لغو11" to be sent to 2 numbers (the provider refuses it otherwise, error 15)',
		],
	] as Array<[string, INodeParameters, string]>)('%s fails the node naming item and field, and nothing is sent', async (_name, change, message) => {
		const { error } = await run(sandbox, { ...send('09121234567'), ...change });
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('one bad item among good ones stops everything before the first request', async () => {
		const { error } = await run(sandbox, send('={{ $json.to }}'), { items: items({ to: '09121234567' }, { to: '09121234567' }, { to: 'x' }) });
		expect(error?.message).toBe('Item 3: "To" has an invalid Iranian mobile number: "x"');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('an answer that may hide an accepted send is never followed by a resend', () => {
	it.each([
		['reset after processing (SOAP)', 'soap:SendSimpleSMS', 'resetAfter', '09121234567,09351234567', 2],
		['reset after processing (REST)', 'rest:SendSMS', 'resetAfter', '09121234567', 1],
		['HTTP 500 (SOAP fault)', 'soap:SendSimpleSMS', 'http500', '09121234567,09351234567', 0],
		['HTTP 503 page', 'rest:SendSMS', 'http503', '09121234567', 0],
		['truncated XML', 'soap:SendSimpleSMS', 'truncatedJson', '09121234567,09351234567', 2],
		['HTML page with 200', 'rest:SendSMS', 'htmlBody', '09121234567', 0],
		['empty body', 'rest:SendSMS', 'emptyBody', '09121234567', 0],
	] as const)('%s: one request, an error that says it may have been accepted', async (_name, route, kind, to, processed) => {
		sandbox.injectFault({ route, kind, times: 3 });
		const { error } = await run(sandbox, send(to));
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(sandbox.sentMessages()).toHaveLength(processed);
		expect((error as NodeApiError).description).toMatch(/may have accepted this request.*It was not sent again/s);
	});

	it('Continue On Fail marks those recipients "unknown" with mayHaveBeenAccepted', async () => {
		sandbox.injectFault({ route: 'soap:SendSimpleSMS', kind: 'resetAfter' });
		const { output } = await run(sandbox, send('09121234567,09351234567'), { continueOnFail: true });
		expect(output![0].map((i) => [i.json.to, i.json.status, i.json.mayHaveBeenAccepted])).toEqual([
			['09121234567', 'unknown', true],
			['09351234567', 'unknown', true],
		]);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('a connection refused before any byte left is retried and reported as not sent', async () => {
		const { error } = await run(sandbox, send('09121234567'), { credentials: { restBaseUrl: 'http://127.0.0.1:9' } });
		expect(error?.message).toBe('Melipayamak error: The provider refused the connection');
		expect((error as NodeApiError).description).not.toMatch(/may have accepted/);
	});
});

describe('secrets', () => {
	it('the password and console key appear in no output item, error message or description', async () => {
		const secrets = [sandbox.accounts.good.password, sandbox.consoleKey];
		const ok = await run(sandbox, send('09121234567'));
		sandbox.injectFault({ route: 'rest:SendSMS', kind: 'html500' });
		const failed = await run(sandbox, send('09121234567'));
		const cof = await run(sandbox, send('09121234567'), { continueOnFail: true, credentials: { password: 'wrong-password-x' } });
		const dump = JSON.stringify([ok.output, failed.error?.message, (failed.error as NodeApiError).description, cof.output]);
		for (const secret of [...secrets, 'wrong-password-x']) expect(dump).not.toContain(secret);
	});
});
