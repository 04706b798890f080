import { startAmootSmsSandbox, type AmootSmsSandbox } from '../../sandbox/amootsms';
import { apiRequests, formOf, freezeDate, items, run } from './setup';

let sandbox: AmootSmsSandbox;
beforeAll(async () => {
	sandbox = await startAmootSmsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
afterEach(() => jest.useRealTimers());

const otp = (extra: Record<string, unknown> = {}) => ({
	resource: 'otp',
	operation: 'sendOtp',
	mode: 'pattern',
	to: '09121234567',
	codeLength: 6,
	options: {},
	...extra,
});

describe('OTP → Send', () => {
	it('OTP pattern (SendQuickOTP): outputs the generated code as a string, leading zeros kept, and the message ID', async () => {
		sandbox.setNextOtpCode('012345');
		const { output, error } = await run(sandbox, otp());
		expect(error).toBeUndefined();
		expect(output![0][0].json).toEqual({
			status: 'sent',
			messageId: '600000001',
			to: '09121234567',
			code: '012345',
			codeLength: 6,
			mode: 'pattern',
		});
		expect(formOf(apiRequests(sandbox, 'SendQuickOTP')[0].body)).toEqual({
			Mobile: '09121234567',
			CodeLength: '6',
			OptionalCode: '',
		});
		expect(sandbox.otps()[0]).toMatchObject({ code: '012345', mobile: '9121234567' });
	});

	it('sends your own code, its length as CodeLength', async () => {
		const { output } = await run(sandbox, otp({ options: { ownCode: '۰۰۴۲' } }));
		expect(output![0][0].json.code).toBe('0042');
		expect(formOf(apiRequests(sandbox, 'SendQuickOTP')[0].body)).toEqual({
			Mobile: '09121234567',
			CodeLength: '4',
			OptionalCode: '0042',
		});
	});

	it('Text with Code (SendOTP, the seed method): text, line, mobile, CodeLength and SendDateTime in Tehran time', async () => {
		freezeDate('2026-11-23T06:45:00Z');
		sandbox.setNextOtpCode('4821');
		const { output } = await run(
			sandbox,
			otp({ mode: 'text', codeLength: 4, lineNumber: 'public', message: 'پیامک تستی من' }),
		);
		expect(output![0][0].json).toMatchObject({
			status: 'sent',
			code: '4821',
			mode: 'text',
			messageId: '600000001',
		});
		expect(formOf(apiRequests(sandbox, 'SendOTP')[0].body)).toEqual({
			SendDateTime: '2026-11-23 10:15:00',
			SMSMessageText: 'پیامک تستی من',
			LineNumber: 'public',
			Mobile: '09121234567',
			CodeLength: '4',
		});
		expect(sandbox.sent()[0].text).toBe('پیامک تستی من\n4821');
	});

	it.each([
		[{ codeLength: 3 }, 'Item 1: "Code Length" must be a whole number from 4 to 8, got 3'],
		[{ codeLength: 9 }, 'Item 1: "Code Length" must be a whole number from 4 to 8, got 9'],
		[{ options: { ownCode: '12a4' } }, 'Item 1: "Own Code" must be 4–8 digits'],
		[{ to: '09121234567,09351234567' }, 'Item 1: "To" must hold one number, got 2'],
		[{ mode: 'text', message: ' ' }, 'Item 1: "Message" is empty'],
	])('refuses %j before any request', async (override, message) => {
		const { error } = await run(sandbox, otp(override));
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('runs one request per item and keeps pairedItem; a provider refusal is an error item with Continue On Fail', async () => {
		sandbox.forceStatus({ method: 'SendQuickOTP', status: 'CreditNotEnough' });
		const input = items({ to: '09121111111' }, { to: '09122222222' }, { to: '09123333333' });
		const { output } = await run(sandbox, otp({ to: '={{ $json.to }}' }), {
			items: input,
			continueOnFail: true,
		});
		expect(apiRequests(sandbox, 'SendQuickOTP')).toHaveLength(3);
		const statuses = output![0].map((item) => [item.json.to, item.json.status, item.pairedItem]);
		expect(statuses.filter(([, status]) => status === 'failed')).toHaveLength(1);
		expect(statuses.map(([to, , paired]) => [to, paired])).toEqual([
			['09121111111', { item: 0 }],
			['09122222222', { item: 1 }],
			['09123333333', { item: 2 }],
		]);
		expect(sandbox.otps()).toHaveLength(2);
	});

	it('a lost answer after the code went out: one request, one code, the item says it may have been accepted', async () => {
		sandbox.injectFault({ route: 'SendOTP', kind: 'resetAfter', times: 3 });
		const { output } = await run(
			sandbox,
			otp({ mode: 'text', message: 'Code:', lineNumber: 'public' }),
			{ continueOnFail: true },
		);
		expect(output![0][0].json).toMatchObject({
			status: 'unknown',
			mayHaveBeenAccepted: true,
			messageId: null,
		});
		expect(apiRequests(sandbox, 'SendOTP')).toHaveLength(1);
		expect(sandbox.otps()).toHaveLength(1);
	});

	it('names the setup a Quick OTP needs when AmootSMS answers Failed', async () => {
		sandbox.forceStatus({ method: 'SendQuickOTP', status: 'Failed' });
		const { error } = await run(sandbox, otp());
		expect(error?.message).toBe(
			'AmootSMS error Failed: The operation failed (status 0, SendQuickOTP)',
		);
		expect((error as { description?: string }).description).toContain('Features → Patterns');
	});
});
