import type { IDataObject } from 'n8n-workflow';

import { startAmootSmsSandbox, type AmootSmsSandbox } from '../../sandbox/amootsms';
import { apiRequests, formOf, freezeDate, items, run } from './setup';

let sandbox: AmootSmsSandbox;
beforeAll(async () => {
	sandbox = await startAmootSmsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
afterEach(() => jest.useRealTimers());

const send = (to: string, message = 'سلام', lineNumber = 'public') => ({
	resource: 'sms',
	operation: 'send',
	lineNumber,
	to,
	message,
	options: {},
});

describe('SMS → Send', () => {
	it('sends one text to many recipients as one form request and outputs one item per recipient', async () => {
		freezeDate('2026-11-23T06:45:00Z');
		const { output, error } = await run(
			sandbox,
			send('09121234567, +98 935 123 4567\n۰۹۱۲۷۶۵۴۳۲۱'),
		);
		expect(error).toBeUndefined();
		const out = output![0];
		const sent = sandbox.sent();
		expect(sent.map((m) => m.mobile)).toEqual(['9121234567', '9351234567', '9127654321']);
		expect(out.map((item) => item.json)).toEqual(
			sent.map((m) => ({
				status: 'sent',
				messageId: m.messageId,
				campaignId: m.campaignId,
				to: `0${m.mobile}`,
				lineNumber: 'public',
				providerStatus: 'Success',
				scheduledAt: null,
				campaign: { recipients: 3, pages: 1, price: 3000, priceExact: '3000' },
			})),
		);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const [request] = apiRequests(sandbox, 'SendSimple');
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toBe(
			'application/x-www-form-urlencoded; charset=utf-8',
		);
		expect(request.headers.authorization).toBe('***');
		expect(formOf(request.body)).toEqual({
			SendDateTime: '2026-11-23 10:15:00',
			SMSMessageText: 'سلام',
			LineNumber: 'public',
			Mobiles: '09121234567,09351234567,09127654321',
		});
		expect(request.path).toBe('/rest/SendSimple');
	});

	it('turns 10,000 recipients into 100 requests of 100', async () => {
		const recipients = Array.from(
			{ length: 10_000 },
			(_, i) => `0912${String(i).padStart(7, '0')}`,
		);
		sandbox.setCredit(1_000_000_000);
		const { output, error } = await run(
			sandbox,
			{ ...send(''), to: '={{ $json.to }}' },
			{ items: items({ to: recipients }) },
		);
		expect(error).toBeUndefined();
		const requests = apiRequests(sandbox, 'SendSimple');
		expect(requests).toHaveLength(100);
		expect(
			requests.every((request) => formOf(request.body).Mobiles.split(',').length === 100),
		).toBe(true);
		expect(output![0]).toHaveLength(10_000);
		expect(output![0][9_999].json).toMatchObject({ to: '09120009999', status: 'sent' });
		expect(new Set(output![0].map((item) => item.json.messageId)).size).toBe(10_000);
	});

	it('groups items with the same line and text into one request, keeping order and pairedItem', async () => {
		const input = items(
			{ to: '09121111111', text: 'A' },
			{ to: '09122222222', text: 'B' },
			{ to: '09123333333', text: 'A' },
		);
		const { output } = await run(sandbox, send('={{ $json.to }}', '={{ $json.text }}'), {
			items: input,
		});
		expect(
			apiRequests(sandbox, 'SendSimple').map((request) => formOf(request.body).Mobiles),
		).toEqual(['09121111111,09123333333', '09122222222']);
		expect(output![0].map((item) => [item.json.to, item.pairedItem])).toEqual([
			['09121111111', { item: 0 }],
			['09122222222', { item: 1 }],
			['09123333333', { item: 2 }],
		]);
	});

	it('honours Recipients per Request', async () => {
		const recipients = Array.from({ length: 7 }, (_, i) => `0912000000${i}`).join(',');
		await run(sandbox, { ...send(recipients), options: { recipientsPerRequest: 3 } });
		expect(
			apiRequests(sandbox, 'SendSimple').map(
				(request) => formOf(request.body).Mobiles.split(',').length,
			),
		).toEqual([3, 3, 1]);
	});

	it.each([
		[{ to: '0912123' }, 'Item 1: "To" has an invalid Iranian mobile number: "0912123"'],
		[{ to: '={{ "" }}' }, 'Item 1: "To" is empty'],
		[{ message: '   ' }, 'Item 1: "Message" is empty'],
		[{ lineNumber: '={{ "" }}' }, 'Item 1: "Line Number" is empty'],
		[{ lineNumber: '3000-12' }, 'Item 1: "Line Number" is not a line number: "3000-12"'],
		[{ options: { sendAt: 'tomorrow' } }, 'Item 1: "Send At" is not a date-time: "tomorrow"'],
		[
			{ options: { recipientsPerRequest: 5000 } },
			'Item 1: "Recipients per Request" must be a whole number from 1 to 1000, got 5000',
		],
	])('refuses %j before any request', async (override, message) => {
		const { error } = await run(sandbox, { ...send('09121234567'), ...override });
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are sent', async () => {
		const input = items({ to: '09121111111' }, { to: 'nope' }, { to: '09123333333' });
		const { output } = await run(sandbox, send('={{ $json.to }}'), {
			items: input,
			continueOnFail: true,
		});
		expect(output![0].map((item) => [item.json.status ?? 'error', item.pairedItem])).toEqual([
			['sent', { item: 0 }],
			['error', { item: 1 }],
			['sent', { item: 2 }],
		]);
		expect(output![0][1].json.error).toBe(
			'Item 2: "To" has an invalid Iranian mobile number: "nope"',
		);
		expect(sandbox.sent()).toHaveLength(2);
	});

	it('marks a blacklisted recipient rejected with the provider status, sends the others', async () => {
		const { output } = await run(sandbox, send(`09121111111,0${sandbox.blacklistedMobile}`));
		expect(
			output![0].map((item) => [
				item.json.to,
				item.json.status,
				item.json.messageId,
				item.json.providerStatus,
			]),
		).toEqual([
			['09121111111', 'sent', '600000001', 'Success'],
			['09199999999', 'rejected', null, 'Mobile_Invalid'],
		]);
		expect(output![0][1].json.error).toBe(
			'AmootSMS: Mobile_Invalid (101): The mobile number is invalid or on the blacklist',
		);
	});

	it('keeps ids above 2^53 exact', async () => {
		sandbox.setSwitches({ bigIds: true });
		const { output } = await run(sandbox, send('09121111111,09122222222'));
		expect(output![0].map((item) => [item.json.messageId, item.json.campaignId])).toEqual([
			['9007199254740993', '9007199354740993'],
			['9007199254740995', '9007199354740993'],
		]);
		sandbox.setSwitches({ stringIds: true });
		const again = await run(sandbox, send('09121111111'));
		expect(again.output![0][0].json.messageId).toBe('9007199254740997');
	});

	it('schedules with Send At: Tehran time on the wire, ISO with the offset in the item', async () => {
		const { output } = await run(sandbox, {
			...send('09121111111'),
			options: { sendAt: '2030-01-05T08:00:00Z' },
		});
		expect(formOf(apiRequests(sandbox, 'SendSimple')[0].body).SendDateTime).toBe(
			'2030-01-05 11:30:00',
		);
		expect(output![0][0].json.scheduledAt).toBe('2030-01-05T11:30:00.000+03:30');
		expect(sandbox.sent()[0].sendAt.toISOString()).toBe('2030-01-05T08:00:00.000Z');
	});

	it('stops with the provider status (title and number) and sends nothing on CreditNotEnough', async () => {
		sandbox.setCredit(1999);
		const { error } = await run(sandbox, send('09121111111,09122222222'));
		expect(error?.message).toBe(
			'AmootSMS error CreditNotEnough: Not enough credit (status 4, SendSimple)',
		);
		expect((error as { description?: string }).description).toContain('Top up');
		expect(sandbox.sent()).toHaveLength(0);
		expect(apiRequests(sandbox, 'SendSimple')).toHaveLength(1);
	});

	it('with Continue On Fail, a refused request gives one error item per recipient with the code', async () => {
		sandbox.forceStatus({ method: 'SendSimple', status: 'LineNumber_NotExist' });
		const { output } = await run(sandbox, send('09121111111,09122222222'), {
			continueOnFail: true,
		});
		expect(output![0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				status: 'failed',
				to: '09121111111',
				errorCode: 'LineNumber_NotExist',
				mayHaveBeenAccepted: false,
			}),
			expect.objectContaining({
				status: 'failed',
				to: '09122222222',
				errorCode: 'LineNumber_NotExist',
				mayHaveBeenAccepted: false,
			}),
		]);
		expect(output![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});
});

describe('a send whose answer is lost is never sent again', () => {
	it.each([
		['resetAfter'],
		['http500'],
		['http503'],
		['truncatedJson'],
		['emptyBody'],
		['htmlBody'],
	] as const)('%s: one request, and the error says it may have been accepted', async (kind) => {
		sandbox.injectFault({ route: 'SendSimple', kind, times: 5 });
		const { error } = await run(sandbox, send('09121111111'));
		expect(apiRequests(sandbox, 'SendSimple')).toHaveLength(1);
		expect(error).toBeDefined();
		expect((error as { description?: string }).description).toContain(
			'may have accepted this request',
		);
		if (kind === 'resetAfter' || kind === 'truncatedJson') expect(sandbox.sent()).toHaveLength(1);
	});

	it('delay: the node times out, does not resend, and the sandbox sends exactly once', async () => {
		sandbox.injectFault({ route: 'SendSimple', kind: 'delay', delayMs: 1500 });
		const { output } = await run(
			sandbox,
			{ ...send('09121111111'), options: { timeout: 1000 } },
			{ continueOnFail: true },
		);
		expect(output![0][0].json).toMatchObject({
			status: 'unknown',
			mayHaveBeenAccepted: true,
			to: '09121111111',
		});
		for (let i = 0; i < 40 && sandbox.sent().length === 0; i++)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(sandbox.sent()).toHaveLength(1);
		expect(apiRequests(sandbox, 'SendSimple')).toHaveLength(1);
	});

	it('fails clearly when the host refuses the connection, nothing sent', async () => {
		const { error } = await run(sandbox, send('09121111111'), {
			credentials: { baseUrl: 'http://127.0.0.1:1/rest' },
		});
		expect(error?.message).toContain('refused the connection');
		expect(sandbox.sent()).toHaveLength(0);
	});
});

describe('SMS → Send with Backup Line', () => {
	it('reports the line that carried each message', async () => {
		const { output } = await run(sandbox, {
			...send(`09121111111,0${sandbox.blacklistedMobile}`),
			operation: 'sendWithBackupLine',
			backupLineNumber: '98',
		});
		expect(
			output![0].map((item) => [item.json.status, item.json.usedLine, item.json.backupLineNumber]),
		).toEqual([
			['sent', 'Public', '98'],
			['sent', '98', '98'],
		]);
		expect(formOf(apiRequests(sandbox, 'SendWithBackupLine')[0].body).BackupLineNumber).toBe('98');
	});

	it('needs a backup line', async () => {
		const { error } = await run(sandbox, {
			...send('09121111111'),
			operation: 'sendWithBackupLine',
			backupLineNumber: ' ',
		});
		expect(error?.message).toBe('Item 1: "Backup Line Number" is empty');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('secrets', () => {
	it('never puts the token in items, errors or descriptions', async () => {
		sandbox.forceStatus({ status: 'Token_NotAllowIP' });
		const failed = await run(sandbox, send('09121111111'), { continueOnFail: true });
		sandbox.injectFault({ route: 'SendSimple', kind: 'htmlBody' });
		const html = await run(sandbox, send('09121111111'));
		const ok = await run(sandbox, send('09121111111'));
		const dump = JSON.stringify([
			failed.output,
			html.error?.message,
			(html.error as IDataObject | undefined)?.description,
			ok.output,
			failed.logs,
			html.logs,
		]);
		expect(dump).not.toContain(sandbox.token);
		expect(failed.output![0][0].json.errorCode).toBe('Token_NotAllowIP');
		for (const request of apiRequests(sandbox)) {
			expect(request.path).not.toMatch(/token/i);
			expect(request.body).not.toMatch(/token/i);
		}
	});
});
