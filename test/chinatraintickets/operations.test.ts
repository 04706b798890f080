import {
	MESSAGES,
	startChinaTrainTicketsSandbox,
	type ChinaTrainTicketsSandbox,
} from '../../sandbox/chinatraintickets';
import {
	apiRequests,
	CLIENT,
	expectedSign,
	freezeDate,
	IMG,
	items,
	resetParams,
	run,
	sendCodeParams,
} from './setup';

let sandbox: ChinaTrainTicketsSandbox;
beforeAll(async () => {
	sandbox = await startChinaTrainTicketsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());
afterEach(() => jest.useRealTimers());

describe('Member → Send Password Reset Code', () => {
	it('sends one signed JSON request and outputs the answer as returned', async () => {
		const { output, error } = await run(sandbox, sendCodeParams());
		expect(error).toBeUndefined();
		expect(output![0]).toEqual([
			{
				json: { code: 1, message: MESSAGES.codeSent, data: { state: 'sent' } },
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.outbox()).toHaveLength(1);
		expect(sandbox.outbox()[0]).toMatchObject({
			username: 'traveller01',
			phone_number: '13800000000',
		});

		const [request] = apiRequests(sandbox);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/member/retrievepwd/sendcode');
		expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(request.headers.accept).toBe('application/json');
		const body = JSON.parse(request.body);
		expect(Object.keys(body)).toEqual([
			'username',
			'img_code',
			'client',
			'terminal',
			'time_stamp',
			'random',
			'sign',
		]);
		expect(body).toMatchObject({
			username: 'traveller01',
			img_code: IMG,
			client: CLIENT,
			terminal: 1,
		});
		expect(typeof body.time_stamp).toBe('string');
		expect(typeof body.random).toBe('number');
		expect(body.sign).toBe(expectedSign(sandbox.signingKey, body.random, body.time_stamp));
	});

	it('signs with the UTC time of the n8n host (not Beijing time) and a random in 10000..19999', async () => {
		freezeDate('2026-03-01T08:00:00Z');
		sandbox.clock.set('2026-03-01T08:00:00Z');
		await run(sandbox, sendCodeParams());
		const body = JSON.parse(apiRequests(sandbox)[0].body);
		expect(body.time_stamp).toBe('20260301080000');
		expect(body.random).toBeGreaterThanOrEqual(10000);
		expect(body.random).toBeLessThanOrEqual(19999);
		expect(sandbox.outbox()).toHaveLength(1);
	});

	it('reproduces test vector A through the engine when the host clock and key are those of the vector', async () => {
		freezeDate('2024-01-01T12:00:00Z');
		sandbox.clock.set('2024-01-01T12:00:00Z');
		sandbox.setSigningKey('abc@123!');
		const { error } = await run(sandbox, sendCodeParams(), {
			credentials: { signingKey: 'abc@123!' },
		});
		expect(error).toBeUndefined();
		const body = JSON.parse(apiRequests(sandbox)[0].body);
		expect(body.time_stamp).toBe('20240101120000');
		expect(body.sign).toBe(expectedSign('abc@123!', body.random, '20240101120000'));
		if (body.random === 12345)
			expect(body.sign).toBe('4c807e5a8fab27506acce3e258c37286e6a9a42c5580f8a27cbd345caa12c86e');
	});

	it('finds the member by phone number only, or by both; sends only the fields given', async () => {
		sandbox.setSwitches({ requireImgCode: false });
		const input = items({ phone: '+447700900123' }, { user: '旅客三', phone: '13900000003' });
		const { output, error } = await run(
			sandbox,
			sendCodeParams({
				username: '={{ $json.user }}',
				phoneNumber: '={{ $json.phone }}',
				imageCode: '',
				clientId: '',
			}),
			{ items: input },
		);
		expect(error).toBeUndefined();
		expect(output![0].map((item) => [item.json.code, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[1, { item: 1 }],
		]);
		const bodies = apiRequests(sandbox).map((request) => JSON.parse(request.body));
		expect(Object.keys(bodies[0])).toEqual([
			'phone_number',
			'terminal',
			'time_stamp',
			'random',
			'sign',
		]);
		expect(bodies[1]).toMatchObject({ username: '旅客三', phone_number: '13900000003' });
		expect(sandbox.outbox().map((entry) => entry.username)).toEqual(['traveller02', '旅客三']);
	});

	it('takes the image code and client GUID from the workflow (e.g. a form)', async () => {
		const input = items({ captcha: '7k3p', client: CLIENT.toUpperCase() });
		const { output } = await run(
			sandbox,
			sendCodeParams({ imageCode: '={{ $json.captcha }}', clientId: '={{ $json.client }}' }),
			{ items: input },
		);
		expect(output![0][0].json.code).toBe(1);
		expect(JSON.parse(apiRequests(sandbox)[0].body)).toMatchObject({
			img_code: '7k3p',
			client: CLIENT.toUpperCase(),
		});
	});

	it.each([
		[{ username: '', phoneNumber: '  ' }, 'Item 1: "Username" and "Phone Number" are both empty'],
		[
			{ phoneNumber: '138 0000 0000' },
			'Item 1: "Phone Number" is not a phone number: "138 0000 0000"',
		],
		[{ phoneNumber: '1234' }, 'Item 1: "Phone Number" is not a phone number: "1234"'],
		[{ clientId: 'not-a-guid' }, 'Item 1: "Client ID (GUID)" is not a GUID: "not-a-guid"'],
		[{ clientId: '' }, 'Item 1: "Client ID (GUID)" is empty while "Image Code" is given'],
		[{ imageCode: '' }, 'Item 1: "Image Code" is empty while "Client ID (GUID)" is given'],
		[
			{ phoneNumber: 12345678901234567890 },
			'Item 1: "Phone Number" holds a number that has lost digits: 12345678901234567000',
		],
		[{ username: '={{ { a: 1 } }}' }, 'Item 1: "Username" must be text, got object'],
		[
			{ options: { timeout: 10 } },
			'Item 1: "Timeout" must be a number of milliseconds from 1000 to 2147483647, got 10',
		],
	])('refuses bad input before any request: %j', async (fields, message) => {
		const { error } = await run(sandbox, sendCodeParams(fields));
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('validates every item before the first request (item 3 bad: nothing is sent)', async () => {
		const input = items({ user: 'traveller01' }, { user: 'traveller02' }, { user: '' });
		const { error } = await run(sandbox, sendCodeParams({ username: '={{ $json.user }}' }), {
			items: input,
		});
		expect(error?.message).toBe('Item 3: "Username" and "Phone Number" are both empty');
		expect(apiRequests(sandbox)).toHaveLength(0);
		expect(sandbox.outbox()).toHaveLength(0);
	});

	it('refuses with the provider code and its message unchanged, in English, saying nothing was sent', async () => {
		const { error } = await run(sandbox, sendCodeParams({ username: 'nobody' }));
		expect(error?.message).toBe(
			`ChinaTrainTickets error 0: The service refused the request: ${MESSAGES.memberNotFound}`,
		);
		expect((error as { description?: string }).description).toContain(
			'does not document its result codes',
		);
		expect((error as { description?: string }).description).not.toContain('may have accepted');
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('Continue On Fail: one output per input item, in order, each paired, errors keep the code', async () => {
		const input = items(
			{ user: 'traveller01' },
			{ user: '', phone: 'abc' },
			{ user: 'nobody' },
			{ user: 'traveller02' },
		);
		const { output, error } = await run(
			sandbox,
			sendCodeParams({ username: '={{ $json.user }}', phoneNumber: '={{ $json.phone ?? "" }}' }),
			{ items: input, continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const out = output![0];
		expect(out.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(out[0].json).toEqual({ code: 1, message: MESSAGES.codeSent, data: { state: 'sent' } });
		expect(out[1].json.error).toBe('Item 2: "Phone Number" is not a phone number: "abc"');
		expect(out[2].json).toMatchObject({
			error: `ChinaTrainTickets error 0: The service refused the request: ${MESSAGES.memberNotFound}`,
			errorCode: 0,
			mayHaveBeenAccepted: false,
		});
		expect(out[3].json.code).toBe(1);
		expect(apiRequests(sandbox)).toHaveLength(3);
		expect(sandbox.outbox().map((entry) => entry.username)).toEqual(['traveller01', 'traveller02']);
	});

	it('passes a Chinese refusal through unchanged and keeps distinct codes apart', async () => {
		sandbox.clock.set('2026-03-01T08:00:00Z');
		freezeDate('2026-03-01T08:00:00Z');
		await run(sandbox, sendCodeParams());
		const cooldown = await run(sandbox, sendCodeParams());
		expect(cooldown.error?.message).toBe(
			`ChinaTrainTickets error 0: The service refused the request: ${MESSAGES.cooldown}`,
		);
		const wrongKey = await run(sandbox, sendCodeParams(), {
			credentials: { signingKey: 'not-the-key' },
		});
		expect(wrongKey.error?.message).toBe(
			`ChinaTrainTickets error -1: The service refused the request: ${MESSAGES.signMismatch}`,
		);
	});
});

describe('Member → Reset Password', () => {
	async function sentCode(username = 'traveller01'): Promise<string> {
		const { error } = await run(sandbox, sendCodeParams({ username }));
		expect(error).toBeUndefined();
		return sandbox.latestCode(username)!;
	}

	it('sets the new password exactly as typed with the code; never outputs the code or the password', async () => {
		const code = await sentCode();
		const password = '  Spaces kept 新密码  ';
		const { output, error } = await run(
			sandbox,
			resetParams({ verificationCode: ` ${code} `, newPassword: password }),
		);
		expect(error).toBeUndefined();
		expect(output![0]).toEqual([
			{ json: { code: 1, message: MESSAGES.passwordChanged, data: 'ok' }, pairedItem: { item: 0 } },
		]);
		expect(sandbox.passwordOf('traveller01')).toBe(password);
		const [request] = apiRequests(sandbox, 'updatepwd');
		expect(request.body).toContain('"code":"***"');
		expect(request.body).toContain('"new_password":"***"');
		const dump = JSON.stringify(output);
		expect(dump).not.toContain(code);
		expect(dump).not.toContain('Spaces kept');
	});

	it('a wrong or reused code fails with the provider message, never quoting the code or the password', async () => {
		const code = await sentCode();
		const wrong = code === '999999' ? '999998' : '999999';
		const bad = await run(
			sandbox,
			resetParams({ verificationCode: wrong, newPassword: 'Secret-New-1' }),
		);
		expect(bad.error?.message).toBe(
			`ChinaTrainTickets error 0: The service refused the request: ${MESSAGES.codeWrong}`,
		);
		await run(sandbox, resetParams({ verificationCode: code, newPassword: 'Secret-New-2' }));
		const reused = await run(
			sandbox,
			resetParams({ verificationCode: code, newPassword: 'Secret-New-3' }),
			{ continueOnFail: true },
		);
		expect(reused.output![0][0].json).toMatchObject({
			errorCode: 0,
			error: expect.stringContaining(MESSAGES.codeUsed),
		});
		for (const result of [bad, reused]) {
			const text = JSON.stringify([
				result.output,
				result.error?.message,
				(result.error as { description?: string })?.description,
				result.logs,
			]);
			for (const secret of [code, wrong, 'Secret-New-1', 'Secret-New-3'])
				expect(text).not.toContain(secret);
		}
		expect(sandbox.passwordOf('traveller01')).toBe('Secret-New-2');
	});

	it.each([
		[{ username: ' ' }, 'Item 1: "Username" is empty'],
		[{ verificationCode: '={{ "" }}' }, 'Item 1: "Verification Code" is empty'],
		[{ verificationCode: '123456', newPassword: '   ' }, 'Item 1: "New Password" is empty'],
	])('refuses bad input before any request: %j', async (fields, message) => {
		const { error } = await run(sandbox, resetParams({ verificationCode: '123456', ...fields }));
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('the two-step flow for several members in one run, each item paired', async () => {
		sandbox.setSwitches({ requireImgCode: false });
		const users = ['traveller01', 'traveller02'];
		await run(
			sandbox,
			sendCodeParams({ username: '={{ $json.user }}', imageCode: '', clientId: '' }),
			{ items: items(...users.map((user) => ({ user }))) },
		);
		const input = items(
			...users.map((user, i) => ({ user, code: sandbox.latestCode(user), pwd: `Pw-${i}` })),
		);
		const { output } = await run(
			sandbox,
			resetParams({
				username: '={{ $json.user }}',
				verificationCode: '={{ $json.code }}',
				newPassword: '={{ $json.pwd }}',
			}),
			{ items: input },
		);
		expect(output![0].map((item) => [item.json.code, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[1, { item: 1 }],
		]);
		expect(users.map((user) => sandbox.passwordOf(user))).toEqual(['Pw-0', 'Pw-1']);
	});
});
