/** Every Melipayamak operation other than SMS → Send, and the credential test, through n8n's engine against the sandbox. */
import type { INodeParameters, NodeApiError } from 'n8n-workflow';

import { MelipayamakApi } from '../../credentials/MelipayamakApi.credentials';
import { DELIVERY_CODES, PATTERN_CODES, SECURITY_CODES, SEND_CODES } from '../../nodes/Melipayamak/transport/codes';
import { testCredential } from '../harness';
import { startMelipayamakSandbox, type MelipayamakSandbox } from '../../sandbox/melipayamak';
import { apiRequests, credentialData, items, LINE, phones, run } from './setup';

let sandbox: MelipayamakSandbox;
beforeAll(async () => {
	sandbox = await startMelipayamakSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const description = (error: Error | undefined) => (error as NodeApiError | undefined)?.description ?? '';

describe('SMS → Send Pattern', () => {
	const pattern = (change: INodeParameters = {}): INodeParameters => ({
		resource: 'sms',
		operation: 'sendPattern',
		to: '09121234567',
		bodyId: 1002,
		variables: 'علی;48213',
		...change,
	});

	it('sends the ;-joined variables through REST BaseServiceNumber and outputs the recId', async () => {
		const { output, error } = await run(sandbox, pattern());
		expect(error).toBeUndefined();
		const [request] = apiRequests(sandbox);
		expect(request.path).toBe('/api/SendSMS/BaseServiceNumber');
		expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ username: 'good', password: '***', text: 'علی;48213', to: '09121234567', bodyId: '1002' });
		const [sent] = sandbox.sentMessages();
		expect(sent.text).toBe('علی عزیز، کد ورود شما 48213 است.');
		expect(output![0]).toEqual([{ json: { recId: sent.recId, status: 'accepted', to: '09121234567', bodyId: 1002 }, pairedItem: { item: 0 } }]);
	});

	it('takes variables as an array from an expression, reaches a blacklisted number, one request per number', async () => {
		const { output } = await run(sandbox, pattern({ to: '09120000035, 09121234567', variables: '={{ ["Sara", "777"] }}' }));
		expect(apiRequests(sandbox, 'BaseServiceNumber')).toHaveLength(2);
		expect(output![0].map((i) => [i.json.to, i.json.status])).toEqual([
			['09120000035', 'accepted'],
			['09121234567', 'accepted'],
		]);
	});

	it.each([
		['an unapproved template (-4)', { bodyId: 1003, variables: 'x' }, 'Melipayamak error -4: BaseServiceNumber failed — The template code (bodyId) is wrong or not approved by the administrator'],
		['a variable count mismatch (-5)', { variables: 'only-one' }, "Melipayamak error -5: BaseServiceNumber failed — The text does not match the template's variables"],
	])('%s is an error with the provider code', async (_name, change, message) => {
		const { error } = await run(sandbox, pattern(change));
		expect(error?.message).toBe(message);
		expect(sandbox.sentMessages()).toHaveLength(0);
	});

	it.each([
		['a variable with ";" (array)', { variables: '={{ ["a;b", "1"] }}' }, 'Item 1: "Variables" variable 1 contains ";", which separates variables'],
		['a link', { variables: 'see www.example.ir;1' }, 'Item 1: "Variables" variable 1 contains a link, which templates refuse (error -10)'],
		['an empty variable', { variables: 'a;;b' }, 'Item 1: "Variables" has an empty variable (number 2)'],
		['blank variables', { variables: ' ' }, 'Item 1: "Variables" is empty'],
		['template id 0', { bodyId: 0 }, 'Item 1: "Template ID (Body ID)" must be a positive whole number, got "0"'],
	])('%s is refused before any request', async (_name, change, message) => {
		const { error } = await run(sandbox, pattern(change as INodeParameters));
		expect(error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('ASP.NET\'s "An unexpected error occured" object is a may-have-been-accepted error, not resent', async () => {
		sandbox.setSwitches({ restUnexpectedErrorMethods: ['BaseServiceNumber'], restUnexpectedErrorStatus: 200 });
		const { error } = await run(sandbox, pattern());
		expect(error?.message).toBe('Melipayamak error: BaseServiceNumber failed inside the provider: An unexpected error occured (HTTP 200)');
		expect(description(error)).toMatch(/may have accepted this request/);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('an unclear answer is not resent', async () => {
		sandbox.injectFault({ route: 'rest:BaseServiceNumber', kind: 'resetAfter', times: 3 });
		const { error } = await run(sandbox, pattern());
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(sandbox.sentMessages()).toHaveLength(1);
		expect(description(error)).toMatch(/may have accepted this request/);
	});
});

describe('SMS → Get Delivery Status', () => {
	const status = (recIds: string): INodeParameters => ({ resource: 'sms', operation: 'getDeliveryStatus', recIds });

	it('one id: REST GetDeliveries2; several: SOAP GetDeliveries with exact <long> ids; labels and finality', async () => {
		sandbox.clock.set('2026-03-01T10:00:00Z');
		await run(sandbox, { resource: 'sms', operation: 'send', from: LINE, to: '09121234567,09351234567,09131112222', message: 'x', options: {} });
		const ids = sandbox.sentMessages().map((m) => m.recId);
		sandbox.clock.advance(60_000);
		sandbox.setDeliveryStatus(ids[1], 2);
		sandbox.clearRequests();

		const one = await run(sandbox, status(ids[0]));
		expect(apiRequests(sandbox).map((r) => r.path)).toEqual(['/api/SendSMS/GetDeliveries2']);
		expect(one.output![0][0].json).toEqual({ recId: ids[0], code: 1, status: 'delivered', statusText: 'Delivered to the handset', final: true });

		sandbox.clearRequests();
		const many = await run(sandbox, status(`${ids.join(',')},5107391183294726000`));
		const [request] = apiRequests(sandbox);
		expect(request.headers.soapaction).toBe('"http://tempuri.org/GetDeliveries"');
		expect(request.body).toContain(`<recIds>${[...ids, '5107391183294726000'].map((id) => `<long>${id}</long>`).join('')}</recIds>`);
		expect(many.output![0].map((i) => [i.json.recId, i.json.code, i.json.status, i.json.final])).toEqual([
			[ids[0], 1, 'delivered', true],
			[ids[1], 2, 'undelivered', true],
			[ids[2], 1, 'delivered', true],
			['5107391183294726000', 100, 'unknown', false],
		]);
	});

	it('250 ids over items: 100, 100, 50 per request, outputs paired with their items', async () => {
		const ids = Array.from({ length: 250 }, (_, i) => String(5107391183294726719n + 2n * BigInt(i)));
		const { output } = await run(sandbox, status('={{ $json.ids }}'), { items: items({ ids: ids.slice(0, 10) }, { ids: ids.slice(10) }) });
		expect(apiRequests(sandbox, 'GetDeliveries').map((r) => (r.body.match(/<long>/g) ?? []).length)).toEqual([100, 100, 50]);
		expect(output![0]).toHaveLength(250);
		expect(output![0][10].pairedItem).toEqual({ item: 1 });
	});

	it('an undocumented RetStatus is an error that reports all three fields', async () => {
		sandbox.setSwitches({ unknownRecIdCode: 42, unknownRecIdRetStatus: 7 });
		const { error } = await run(sandbox, status('5107391183294726719'));
		expect(error?.message).toBe('Melipayamak error 7: GetDeliveries2 answered an undocumented status: RetStatus 7, StrRetStatus InvalidData, Value 42');
	});

	it('an undocumented code keeps its number', async () => {
		await run(sandbox, { resource: 'sms', operation: 'send', from: LINE, to: '09121234567', message: 'x', options: {} });
		sandbox.setDeliveryStatus('5107391183294726719', 77);
		const { output } = await run(sandbox, status('5107391183294726719'));
		expect(output![0][0].json).toMatchObject({ code: 77, status: 'undocumented', final: false });
	});

	it('a read is retried after a 503 and succeeds', async () => {
		sandbox.injectFault({ route: 'soap:GetDeliveries', kind: 'http503' });
		const { output, error } = await run(sandbox, status('5107391183294726719,5107391183294726721'));
		expect(error).toBeUndefined();
		expect(apiRequests(sandbox)).toHaveLength(2);
		expect(output![0]).toHaveLength(2);
	});

	it('refuses an id that lost digits as a JS number, and non-ids, before any request', async () => {
		const lost = await run(sandbox, status('={{ 5107391183294726719 }}'));
		expect(lost.error?.message).toBe('Item 1: "Rec IDs" holds a number that has lost digits: 5107391183294727000');
		const bad = await run(sandbox, status('12a'));
		expect(bad.error?.message).toBe('Item 1: "Rec IDs" has an invalid recId: "12a"');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('OTP → Send', () => {
	it('pattern mode: a cryptographically random code, sent in the template and output as a string', async () => {
		const { output, error } = await run(sandbox, { resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: '9121234567', bodyId: 1002, variables: 'Ali;{code}', codeLength: 6 });
		expect(error).toBeUndefined();
		const json = output![0][0].json;
		expect(json.code).toMatch(/^[0-9]{6}$/);
		expect(typeof json.code).toBe('string');
		const [sent] = sandbox.sentMessages();
		expect(sent.text).toBe(`Ali عزیز، کد ورود شما ${json.code as string} است.`);
		expect(json).toEqual({ to: '09121234567', code: json.code, recId: sent.recId, bodyId: 1002, mode: 'pattern', status: 'accepted' });
	});

	it('pattern mode refuses variables without exactly one {code}, and lengths outside 4–8', async () => {
		const base = { resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: '09121234567', bodyId: 1001 };
		expect((await run(sandbox, { ...base, variables: 'Ali', codeLength: 5 })).error?.message).toBe('Item 1: "Variables" must contain "{code}" exactly once');
		expect((await run(sandbox, { ...base, variables: '{code};{code}', codeLength: 5 })).error?.message).toBe('Item 1: "Variables" must contain "{code}" exactly once');
		expect((await run(sandbox, { ...base, variables: '{code}', codeLength: 9 })).error?.message).toBe('Item 1: "Code Length" must be a whole number from 4 to 8, got 9');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('provider-code mode: the console generates the code; a leading zero survives; the key never shows', async () => {
		sandbox.queueOtpCode('01234');
		const { output } = await run(sandbox, { resource: 'otp', operation: 'sendOtp', mode: 'providerCode', to: '09121234567' });
		expect(output![0][0].json).toEqual({ to: '09121234567', code: '01234', mode: 'providerCode', status: 'accepted' });
		const [request] = apiRequests(sandbox);
		expect(request.path).toBe('/api/send/otp/***');
		expect(JSON.parse(request.body)).toEqual({ to: '09121234567' });
		expect(JSON.stringify(output)).not.toContain(sandbox.consoleKey);
	});

	it('provider-code mode: a code written as a JSON number is output as its digits', async () => {
		sandbox.setSwitches({ otpCodeAsNumber: true });
		sandbox.queueOtpCode('48213');
		const { output } = await run(sandbox, { resource: 'otp', operation: 'sendOtp', mode: 'providerCode', to: '09121234567' });
		expect(output![0][0].json.code).toBe('48213');
	});

	it('provider-code mode: an invalid or missing console key is a clear error without the key', async () => {
		const bad = await run(sandbox, { resource: 'otp', operation: 'sendOtp', mode: 'providerCode', to: '09121234567' }, { credentials: { consoleApiKey: sandbox.invalidConsoleKey } });
		expect(bad.error?.message).toBe('Melipayamak error: send/otp failed: The console API key is not valid (HTTP 200)');
		expect(description(bad.error)).toMatch(/Console API Key/);
		expect(`${bad.error?.message} ${description(bad.error)}`).not.toContain(sandbox.invalidConsoleKey);
		sandbox.clearRequests();
		const missing = await run(sandbox, { resource: 'otp', operation: 'sendOtp', mode: 'providerCode', to: '09121234567' }, { credentials: { consoleApiKey: '' } });
		expect(missing.error?.message).toBe('Melipayamak error: The "Provider Code" OTP mode needs the Console API Key in the Melipayamak credential');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Account', () => {
	it('Get Credit: a number and the exact text', async () => {
		sandbox.setCredit('1520.5');
		const { output } = await run(sandbox, { resource: 'account', operation: 'getCredit' });
		expect(output![0][0].json).toEqual({ credit: 1520.5, creditExact: '1520.5' });
	});

	it('Get Credit: a wrong login, an API-key-only account and a blocked IP are clear errors, never retried', async () => {
		const wrong = await run(sandbox, { resource: 'account', operation: 'getCredit' }, { credentials: { password: 'nope' } });
		expect(wrong.error?.message).toBe('Melipayamak error NULL: GetCredit failed — The username or password is wrong (GetCredit returned no number)');
		const keyOnly = await run(sandbox, { resource: 'account', operation: 'getCredit' }, { account: 'apikeyonly' });
		expect(keyOnly.error?.message).toBe('Melipayamak error -110: GetCredit failed — The API key must be used instead of the password');
		expect(description(keyOnly.error)).toMatch(/put the API key from the panel in the Password field/);
		const viaKey = await run(sandbox, { resource: 'account', operation: 'getCredit' }, { account: 'apikeyonly', credentials: { password: sandbox.accounts.apikeyonly.apiKey } });
		expect(viaKey.output![0][0].json.credit).toBe(500);
		sandbox.clearRequests();
		const blocked = await run(sandbox, { resource: 'account', operation: 'getCredit' }, { account: 'ipblocked' });
		expect(blocked.error?.message).toMatch(/^Melipayamak error -108: /);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('Get Credit is retried after a 500 (a read)', async () => {
		sandbox.injectFault({ route: 'rest:GetCredit', kind: 'http500' });
		const { output } = await run(sandbox, { resource: 'account', operation: 'getCredit' });
		expect(output![0][0].json.credit).toBe(100000.5);
		expect(apiRequests(sandbox)).toHaveLength(2);
	});

	it('Get Sender Numbers and Get Base Price', async () => {
		expect((await run(sandbox, { resource: 'account', operation: 'getSenderNumbers' })).output![0][0].json).toEqual({
			numbers: [LINE, '50002710000001'],
			raw: `${LINE},50002710000001`,
		});
		expect((await run(sandbox, { resource: 'account', operation: 'getBasePrice' })).output![0][0].json).toEqual({ basePrice: 94.5, basePriceExact: '94.5' });
	});
});

describe('Inbox (read-only)', () => {
	it('Get Many without an id: newest first through getMessages; fields in English, ids exact, time with +03:30', async () => {
		sandbox.clock.set('2026-11-23T06:45:42.170Z');
		sandbox.addInbound({ from: '09121111111', text: 'first' });
		sandbox.addInbound({ from: '09122222222', text: '  second  ' });
		const { output } = await run(sandbox, { resource: 'inbox', operation: 'getMany', limit: 10, afterId: '', line: '' });
		expect(apiRequests(sandbox)[0].headers.soapaction).toBe('"http://tempuri.org/getMessages"');
		const [newest, older] = output![0].map((i) => i.json);
		expect(newest).toMatchObject({ msgId: '120036', from: '09122222222', to: LINE, receivedAt: '2026-11-23T10:15:42.170+03:30', receivedAtRaw: '2026-11-23T10:15:42.17', parts: 1, isFlash: false });
		expect(older.text).toBe('first');
		expect(sandbox.inbox().every((m) => !m.read)).toBe(true);
	});

	it('Get Many after an id: GetMessagesAfterID, oldest first, limit and line respected', async () => {
		const ids = ['a', 'b', 'c', 'd'].map((text) => sandbox.addInbound({ from: '09121111111', text }).msgId);
		const { output } = await run(sandbox, { resource: 'inbox', operation: 'getMany', limit: 2, afterId: ids[0], line: LINE });
		expect(apiRequests(sandbox)[0].body).toContain(`<msgId>${ids[0]}</msgId>`);
		expect(apiRequests(sandbox)[0].body).toContain(`<from>${LINE}</from>`);
		expect(output![0].map((i) => i.json.text)).toEqual(['b', 'c']);
	});

	it('Get Many after an id above 2^31 pages getMessages instead (the int parameter cannot carry it)', async () => {
		sandbox.setSwitches({ bigMsgIds: true });
		const ids = ['a', 'b', 'c'].map((text) => sandbox.addInbound({ from: '09121111111', text }).msgId);
		const { output, error } = await run(sandbox, { resource: 'inbox', operation: 'getMany', limit: 10, afterId: ids[0], line: '' });
		expect(error).toBeUndefined();
		expect(apiRequests(sandbox, 'GetMessagesAfterID')).toHaveLength(0);
		expect(output![0].map((i) => i.json.msgId)).toEqual([ids[1], ids[2]]);
	});

	it('paging newest-first returns the oldest new messages, and is an error (never a silent gap) when it cannot reach the id', async () => {
		sandbox.setSwitches({ bigMsgIds: true });
		const first = sandbox.addInbound({ from: '09121111111', text: 'boundary' }).msgId;
		for (let i = 0; i < 250; i++) sandbox.addInbound({ from: '09121111111', text: `n${i}` });
		const getMany = { resource: 'inbox', operation: 'getMany', limit: 100, afterId: first, line: '' };
		const { output } = await run(sandbox, getMany);
		expect(output![0].map((i) => i.json.text)).toEqual(Array.from({ length: 100 }, (_, i) => `n${i}`));
		for (let i = 250; i < 5_000; i++) sandbox.addInbound({ from: '09121111111', text: `n${i}` });
		sandbox.clearRequests();
		const { error } = await run(sandbox, getMany);
		expect(error?.message).toBe(`Melipayamak error: More than 5000 messages arrived after MsgID ${first}; they cannot be read oldest first`);
		expect(apiRequests(sandbox)).toHaveLength(50);
	});

	it('Get Count counts unread or read, and nothing marks messages read', async () => {
		sandbox.addInbound({ from: '09121111111', text: 'x' });
		sandbox.addInbound({ from: '09121111111', text: 'y' });
		expect((await run(sandbox, { resource: 'inbox', operation: 'getCount', read: false })).output![0][0].json).toEqual({ count: 2, read: false });
		expect((await run(sandbox, { resource: 'inbox', operation: 'getCount', read: true })).output![0][0].json).toEqual({ count: 0, read: true });
		const actions = apiRequests(sandbox).map((r) => r.headers.soapaction);
		expect(actions.some((a) => /ChangeIsRead|Remove/.test(a ?? ''))).toBe(false);
	});

	it('Get Many refuses a bad id or limit before any request', async () => {
		expect((await run(sandbox, { resource: 'inbox', operation: 'getMany', limit: 101, afterId: '', line: '' })).error?.message).toBe('Item 1: "Limit" must be a whole number from 1 to 100, got 101');
		expect((await run(sandbox, { resource: 'inbox', operation: 'getMany', limit: 5, afterId: 'x1', line: '' })).error?.message).toBe('Item 1: "After Message ID" is not a message ID: "x1"');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Reseller User → Send Password Recovery (ForgotPassword over SOAP)', () => {
	const forgot = (change: INodeParameters = {}): INodeParameters => ({
		resource: 'resellerUser',
		operation: 'forgotPassword',
		targetUsername: 'customer42',
		mobileNumber: '0912 111 2233',
		emailAddress: 'agent@example.com',
		...change,
	});

	it('sends the five camelCase elements to Users.asmx with the right SOAPAction; 1 is success', async () => {
		const { output, error } = await run(sandbox, forgot(), { account: 'reseller' });
		expect(error).toBeUndefined();
		const [request] = apiRequests(sandbox);
		expect(request.path).toBe('/post/Users.asmx');
		expect(request.headers.soapaction).toBe('"http://tempuri.org/ForgotPassword"');
		expect(request.body).toContain(
			'<ForgotPassword xmlns="http://tempuri.org/"><username>reseller</username><password>***</password><mobileNumber>09121112233</mobileNumber><emailAddress>agent@example.com</emailAddress><targetUsername>customer42</targetUsername></ForgotPassword>',
		);
		expect(output![0][0].json).toEqual({ success: true, code: 1, targetUsername: 'customer42', message: "The password was sent by SMS to the reseller's mobile number" });
		expect(sandbox.passwordRecoveries()).toHaveLength(1);
	});

	it('-1 is a wrong reseller login; any other value is an error that keeps it', async () => {
		const wrong = await run(sandbox, forgot(), { account: 'reseller', credentials: { password: 'bad' } });
		expect(wrong.error?.message).toBe("Melipayamak error -1: ForgotPassword failed — The reseller's username or password is incorrect");
		const stranger = await run(sandbox, forgot({ targetUsername: 'stranger' }), { account: 'reseller' });
		expect(stranger.error?.message).toBe('Melipayamak error 0: ForgotPassword failed — Undocumented code 0');
		sandbox.setSwitches({ forgotPasswordResult: 7 });
		const seven = await run(sandbox, forgot(), { account: 'reseller' });
		expect(seven.error?.message).toBe('Melipayamak error 7: ForgotPassword failed — Undocumented code 7');
		expect(sandbox.passwordRecoveries()).toHaveLength(0);
	});

	it('XML in values arrives as text: a forged element is inert, & and \' survive', async () => {
		const forged = await run(sandbox, forgot({ targetUsername: 'x</targetUsername><targetUsername>customer43' }), { account: 'reseller' });
		expect(forged.error?.message).toMatch(/^Melipayamak error 0: /);
		expect(sandbox.passwordRecoveries()).toHaveLength(0);
		const { error } = await run(sandbox, forgot({ targetUsername: 'customer43', emailAddress: "o'neil&co@example.com" }), { account: 'reseller' });
		expect(error).toBeUndefined();
		expect(apiRequests(sandbox, 'Users.asmx')[1].body).toContain('<emailAddress>o&apos;neil&amp;co@example.com</emailAddress>');
		expect(sandbox.passwordRecoveries()).toMatchObject([{ targetUsername: 'customer43', emailAddress: "o'neil&co@example.com" }]);
	});

	it('a SOAP fault becomes a clear error and the call is not repeated', async () => {
		sandbox.injectFault({ route: 'soap:ForgotPassword', kind: 'http500', times: 3 });
		const { error } = await run(sandbox, forgot(), { account: 'reseller' });
		expect(error?.message).toBe('Melipayamak error: ForgotPassword SOAP fault (soap:Server): Server was unable to process request. ---> System.Exception: injected server error. (HTTP 500)');
		expect(description(error)).toMatch(/may have accepted this request/);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it.each([
		['an empty target', { targetUsername: ' ' }, 'Item 1: "Target Username" is empty'],
		['a bad mobile', { mobileNumber: '12345' }, 'Item 1: "Reseller Mobile Number" has an invalid Iranian mobile number: "12345"'],
		['a bad email', { emailAddress: 'agent@' }, 'Item 1: "Reseller Email" is not an email address: "agent@"'],
	])('%s is refused before any request', async (_n, change, message) => {
		expect((await run(sandbox, forgot(change), { account: 'reseller' })).error?.message).toBe(message);
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});

describe('Continue On Fail and pairedItem across items', () => {
	it('a bad item becomes an error item; the others run; every output is paired', async () => {
		const { output } = await run(
			sandbox,
			{ resource: 'sms', operation: 'sendPattern', to: '={{ $json.to }}', bodyId: 1001, variables: '={{ $json.v }}' },
			{ continueOnFail: true, items: items({ to: '09121234567', v: '1' }, { to: '09121234567', v: 'www.example.ir' }, { to: phones(1)[0], v: '3' }) },
		);
		expect(output![0].map((i) => [i.pairedItem, i.json.status ?? 'error'])).toEqual([
			[{ item: 0 }, 'accepted'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'accepted'],
		]);
	});
});

describe('credential test', () => {
	const test = (data: Record<string, unknown>) => testCredential({ credentialType: new MelipayamakApi(), data: data as never });

	it('passes for a good login and for the API key used as password', async () => {
		expect(await test(credentialData(sandbox))).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect((await test(credentialData(sandbox, 'good', { password: sandbox.accounts.good.apiKey }))).status).toBe('OK');
		expect(apiRequests(sandbox, 'GetCredit')[0].body).toContain('"password":"***"');
	});

	it('fails clearly on a bad login although the answer is HTTP 200', async () => {
		expect(await test(credentialData(sandbox, 'good', { password: 'bad' }))).toEqual({ status: 'Error', message: 'Melipayamak: the username or password is wrong' });
		expect((await test(credentialData(sandbox, 'apikeyonly'))).message).toMatch(/^Melipayamak error -110: /);
		expect((await test(credentialData(sandbox, 'ipblocked'))).message).toMatch(/^Melipayamak error -108: /);
		sandbox.patchAccount('good', { allowedIps: ['10.0.0.1'] });
		expect((await test(credentialData(sandbox))).message).toMatch(/^Melipayamak error -111: /);
	});

	it('fails when the REST Base URL is not the Melipayamak REST API', async () => {
		const result = await test(credentialData(sandbox, 'good', { restBaseUrl: `${sandbox.url}/elsewhere` }));
		expect(result).toEqual({ status: 'Error', message: 'The REST Base URL did not answer like the Melipayamak REST API (check the host)' });
	});
});

describe('every mapped code reaches the user in English with its number', () => {
	it('send codes and account-security codes on SendSMS: a recipient code is a rejected item, any other an error', async () => {
		for (const [code, entry] of Object.entries({ ...SEND_CODES, ...SECURITY_CODES })) {
			if (entry.class === 'success') continue;
			sandbox.reset();
			sandbox.injectFault({ route: 'rest:SendSMS', kind: 'failure200', code: Number(code) });
			const { output, error } = await run(sandbox, { resource: 'sms', operation: 'send', from: LINE, to: '09121234567', message: 'x', options: {} });
			if (entry.class === 'recipient') {
				expect(output![0][0].json).toMatchObject({ status: 'rejected', errorCode: code, errorText: entry.text });
			} else {
				expect(error?.message).toBe(`Melipayamak error ${code}: SendSMS failed — ${entry.text}`);
			}
			expect(apiRequests(sandbox)).toHaveLength(1);
		}
	});

	it('pattern codes on BaseServiceNumber, and an undocumented one', async () => {
		for (const [code, entry] of [...Object.entries(PATTERN_CODES), ['-9', { text: 'Undocumented code -9' }] as const]) {
			sandbox.reset();
			sandbox.injectFault({ route: 'rest:BaseServiceNumber', kind: 'failure200', code: Number(code) });
			const { error } = await run(sandbox, { resource: 'sms', operation: 'sendPattern', to: '09121234567', bodyId: 1001, variables: '1' });
			expect(error?.message).toBe(`Melipayamak error ${code}: BaseServiceNumber failed — ${entry.text}`);
		}
	});

	it('every delivery code gets its label', async () => {
		await run(sandbox, { resource: 'sms', operation: 'send', from: LINE, to: '09121234567', message: 'x', options: {} });
		const [sent] = sandbox.sentMessages();
		for (const [code, entry] of Object.entries(DELIVERY_CODES)) {
			sandbox.setDeliveryStatus(sent.recId, Number(code));
			const { output } = await run(sandbox, { resource: 'sms', operation: 'getDeliveryStatus', recIds: sent.recId });
			expect(output![0][0].json).toEqual({ recId: sent.recId, code: Number(code), status: entry.label, statusText: entry.text, final: entry.final });
		}
	});
});
