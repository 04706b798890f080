/**
 * Contract tests of the AmootSMS loopback emulator itself, through plain fetch.
 * (The node's own tests use this sandbox; these make sure the sandbox says what the spec says.)
 */
import { readReply, type Reply } from '../support/reply';
import { callControl } from '../support/control';
import { startAmootSmsSandbox, STATUS_TABLE } from '../../sandbox/amootsms';
import type { AmootSmsSandbox } from '../../sandbox/amootsms';

let sb: AmootSmsSandbox;

beforeAll(async () => {
	sb = await startAmootSmsSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

type Fields = Record<string, string | string[]>;

function form(fields: Fields): string {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
	return p.toString();
}

async function http(
	httpMethod: string,
	path: string,
	o: {
		body?: string;
		token?: string | null;
		contentType?: string | null;
		signal?: AbortSignal;
	} = {},
): Promise<Reply> {
	const headers: Record<string, string> = {};
	const token = o.token === undefined ? sb.token : o.token;
	if (token !== null) headers.authorization = token;
	if (o.body !== undefined && o.contentType !== null) {
		headers['content-type'] = o.contentType ?? 'application/x-www-form-urlencoded; charset=UTF-8';
	}
	const res = await fetch(sb.url + path, {
		method: httpMethod,
		headers,
		body: o.body,
		signal: o.signal,
	});
	return await readReply(res);
}

/** POST /rest/{method} with a form body, as the node sends it. */
function call(
	method: string,
	fields: Fields = {},
	o: { token?: string | null; signal?: AbortSignal } = {},
): Promise<Reply> {
	return http('POST', `/rest/${method}`, { body: form(fields), ...o });
}

async function status(method: string, fields: Fields = {}, token?: string | null): Promise<string> {
	const r = await call(method, fields, { token });
	expect(r.status).toBe(200);
	expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
	const body = r.json();
	return typeof body === 'string' ? body : body.Status;
}

function phones(n: number): string[] {
	return Array.from({ length: n }, (_, i) => `0912${String(1000000 + i).slice(-7)}`);
}

/** A Tehran wall-clock time (UTC+03:30) as an instant. */
const tehran = (local: string) => new Date(`${local}+03:30`);

const simple = (extra: Fields = {}): Fields => ({
	SendDateTime: '',
	SMSMessageText: 'سلام',
	LineNumber: 'public',
	Mobiles: '9120000000,9150000000',
	...extra,
});

const otp = (extra: Fields = {}): Fields => ({
	SendDateTime: '11/23/2026 10:15:00 AM',
	SMSMessageText: 'پیامک تستی من',
	LineNumber: 'public',
	Mobile: '9120000000',
	CodeLength: '4',
	...extra,
});

describe('routing and transport', () => {
	it('answers POST /rest/{Method} with HTTP 200 JSON, method names case-insensitive, trailing slash allowed', async () => {
		for (const p of ['/rest/AccountStatus', '/REST/accountstatus', '/rest/AccountStatus/']) {
			const r = await http('POST', p);
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
			expect(r.json().Status).toBe('Success');
		}
	});

	it('answers an unknown method or path with an HTML 404, and PUT with an HTML 405', async () => {
		for (const p of ['/rest/SendBank', '/rest/', '/api/AccountStatus', '/']) {
			const r = await http('POST', p);
			expect(r.status).toBe(404);
			expect(r.headers.get('content-type')).toMatch(/text\/html/);
		}
		const put = await http('PUT', '/rest/AccountStatus');
		expect(put.status).toBe(405);
		expect(put.headers.get('allow')).toBe('GET, POST');
	});

	it('takes GET with every field and the token in the query string (the PHP samples), unless switched off', async () => {
		const q = new URLSearchParams({ Token: sb.token, ...(otp() as Record<string, string>) });
		const r = await http('GET', `/rest/SendOTP?${q}`, { token: null });
		expect(r.json().Status).toBe('Success');
		expect(sb.sent()).toHaveLength(1);
		const logged = sb.requests()[0].path;
		expect(logged).toContain('Token=***');
		expect(logged).not.toContain(sb.token);
		sb.setSwitches({ allowGet: false });
		expect(
			(await http('GET', `/rest/AccountStatus?Token=${sb.token}`, { token: null })).status,
		).toBe(405);
	});

	it('reads form fields exactly as documented: exact case by default, repeated keys comma-joined', async () => {
		expect(await status('SendSimple', simple({ Mobiles: ['9120000000', '9150000000'] }))).toBe(
			'Success',
		);
		expect(sb.sent().map((m) => m.mobile)).toEqual(['9120000000', '9150000000']);
		const lower = {
			sendDateTime: '',
			smsMessageText: 'Hi',
			lineNumber: 'public',
			mobiles: '9120000000',
		};
		expect(await status('SendSimple', lower)).toBe('SMSMessageText_Empty');
		sb.setSwitches({ caseInsensitiveFields: true });
		expect(await status('SendSimple', lower)).toBe('Success');
	});

	it('binds nothing from a JSON body on a form method unless jsonOnFormMethods is set', async () => {
		const body = JSON.stringify({
			SMSMessageText: 'Hi',
			LineNumber: 'public',
			Mobiles: ['9120000000', '9150000000'],
		});
		const send = () =>
			http('POST', '/rest/SendSimple', { body, contentType: 'application/json; charset=utf-8' });
		expect((await send()).json().Status).toBe('SMSMessageText_Empty');
		sb.setSwitches({ jsonOnFormMethods: true });
		expect((await send()).json().Status).toBe('Success');
		expect(sb.sent()).toHaveLength(2);
	});
});

describe('tokens and accounts', () => {
	it('maps every fixture token to its documented status, in the documented check order', async () => {
		const T = sb.tokens;
		const cases: Array<[string | null, string, string]> = [
			[null, 'AccountStatus', 'Token_NotExists'],
			['', 'AccountStatus', 'Token_NotExists'],
			[T.unknown, 'AccountStatus', 'Token_NotExists'],
			[T.malformed, 'AccountStatus', 'Token_Invalid'],
			[`Bearer ${T.valid}`, 'AccountStatus', 'Token_Invalid'],
			[T.disabled, 'AccountStatus', 'Token_Disabled'],
			[T.expired, 'AccountStatus', 'Token_Expired'],
			[T.ipRestricted, 'AccountStatus', 'Token_NotAllowIP'],
			[T.methodRestricted, 'AccountStatus', 'Token_NotAllowMethod'],
			[T.methodRestricted, 'SendOTP', 'Token_NotAllowMethod'],
			[T.userDisabled, 'AccountStatus', 'User_Disabled'],
			[T.userExpired, 'SendSimple', 'User_Expired'],
			[T.demo, 'AccountStatus', 'Success'],
			[T.demo, 'SendSimple', 'AccountIsDemo'],
			[T.noCredit, 'SendSimple', 'CreditNotEnough'],
		];
		for (const [token, method, expected] of cases) {
			const fields = method === 'SendSimple' ? simple() : method === 'SendOTP' ? otp() : {};
			expect([token, method, await status(method, fields, token)]).toEqual([
				token,
				method,
				expected,
			]);
		}
		expect(await status('SendSimple', simple(), T.methodRestricted)).toBe('Success');
		expect(sb.sent()).toHaveLength(2);
	});

	it('accepts the token as a Token form field when no header is sent', async () => {
		expect(await status('AccountStatus', { Token: sb.token }, null)).toBe('Success');
		expect(sb.requests()[0].body).toBe('Token=***');
	});

	it('expires a token on the sandbox clock and checks IP and method allow-lists set over control', async () => {
		sb.clock.set('2026-01-05T08:00:00Z');
		const t = 'ABCDEF0123456789ABCDEF0123456789';
		sb.setToken(t, { expiresAt: new Date('2026-01-05T09:00:00Z') });
		expect(await status('AccountStatus', {}, t)).toBe('Success');
		sb.clock.advance(3600_000);
		expect(await status('AccountStatus', {}, t)).toBe('Token_Expired');
		sb.setToken(t, {
			expiresAt: null,
			allowedIps: ['127.0.0.1'],
			allowedMethods: ['AccountStatus'],
		});
		expect(await status('AccountStatus', {}, t)).toBe('Success');
		expect(await status('GetMessages', {}, t)).toBe('Token_NotAllowMethod');
		expect(() => sb.setToken(t, { allowedMethods: ['Nope'] })).toThrow(/allowedMethods/);
	});

	it('puts every User_* error of the table on every call of the account, and System_Disabled before all', async () => {
		for (const e of [
			'User_NotExists',
			'User_MobileNotVerified',
			'User_WebServiceBanned',
			'User_NotAllowWebService',
			'User_NotAllowIP',
			'User_NotAllowMethod',
			'User_NotAllowHttp',
		] as const) {
			sb.setAccount({ userError: e });
			expect(await status('AccountStatus')).toBe(e);
			expect(await status('SendSimple', simple())).toBe(e);
		}
		sb.setAccount({ userError: null });
		sb.setSwitches({ systemDisabled: true });
		expect(await status('AccountStatus', {}, sb.tokens.unknown)).toBe('System_Disabled');
		expect(sb.sent()).toHaveLength(0);
		expect(() => sb.setAccount({ userError: 'Token_Invalid' as never })).toThrow(/userError/);
	});
});

describe('AccountStatus', () => {
	it('returns the documented shape: credit and prices in Rial, lines', async () => {
		const r = await call('AccountStatus');
		expect(r.json()).toEqual({
			Status: 'Success',
			AccountName: 'Sandbox Shop',
			RemaindCredit: 25000000,
			BaseSMS_PersianPrice: 1000,
			BaseSMS_EnglishPrice: 5000,
			ServiceSMS_PersianPrice: 2050,
			ServiceSMS_EnglishPrice: 6670,
			AdsSMS_PersianPrice: 3870,
			AdsSMS_EnglishPrice: 11560,
			Avanak_SecondPrice: 23,
			ListLineNumbers: ['98', 'Public', 'Service', '50004000123'],
		});
	});

	it('answers errors with zeros, a null name and no lines; credit beyond 2^53 as a bare integer', async () => {
		expect((await call('AccountStatus', {}, { token: sb.tokens.unknown })).json()).toEqual({
			Status: 'Token_NotExists',
			AccountName: null,
			RemaindCredit: 0,
			BaseSMS_PersianPrice: 0,
			BaseSMS_EnglishPrice: 0,
			ServiceSMS_PersianPrice: 0,
			ServiceSMS_EnglishPrice: 0,
			AdsSMS_PersianPrice: 0,
			AdsSMS_EnglishPrice: 0,
			Avanak_SecondPrice: 0,
			ListLineNumbers: [],
		});
		sb.setCredit('9007199254740993');
		expect((await call('AccountStatus')).text).toContain('"RemaindCredit":9007199254740993,');
	});
});

describe('SendOTP (the seed method)', () => {
	it('sends the seed sample (C# en-US date) and returns Data {Status, MessageID, Mobile, Code}', async () => {
		sb.clock.set(tehran('2026-11-23T10:15:00'));
		const r = await call('SendOTP', otp());
		const body = r.json();
		expect(body.Status).toBe('Success');
		expect(Object.keys(body.Data)).toEqual(['Status', 'MessageID', 'Mobile', 'Code']);
		expect(body.Data).toMatchObject({
			Status: 'Success',
			MessageID: 600000001,
			Mobile: '9120000000',
		});
		expect(body.Data.Code).toMatch(/^[0-9]{4}$/);
		const [sent] = sb.sent();
		expect(sent).toMatchObject({
			method: 'SendOTP',
			mobile: '9120000000',
			lineNumber: 'Public',
			code: body.Data.Code,
		});
		expect(sent.text).toBe(`پیامک تستی من\n${body.Data.Code}`);
		expect(sb.otps()).toEqual([
			expect.objectContaining({ method: 'SendOTP', code: body.Data.Code, messageId: '600000001' }),
		]);
		expect(sb.credit()).toBe(25_000_000n - 1000n);
	});

	it('returns the code as a JSON string, leading zeros kept', async () => {
		sb.setNextOtpCode('00420017');
		const r = await call('SendOTP', otp({ CodeLength: '8' }));
		expect(r.text).toContain('"Code":"00420017"');
	});

	it('accepts CodeLength 4 to 8 only (Length_Invalid otherwise), nothing sent', async () => {
		for (const bad of ['3', '9', '0', '-4', 'x', '4.5', '']) {
			expect([bad, await status('SendOTP', otp({ CodeLength: bad }))]).toEqual([
				bad,
				'Length_Invalid',
			]);
		}
		const noLength = otp();
		delete noLength.CodeLength;
		expect(await status('SendOTP', noLength)).toBe('Length_Invalid');
		expect(sb.sent()).toHaveLength(0);
		expect(await status('SendOTP', otp({ CodeLength: '8' }))).toBe('Success');
		expect(sb.otps()[0].code).toHaveLength(8);
	});

	it('reports empty and invalid fields with their own status, and sends nothing', async () => {
		expect(await status('SendOTP', otp({ SMSMessageText: ' ' }))).toBe('SMSMessageText_Empty');
		expect(await status('SendOTP', otp({ LineNumber: '' }))).toBe('LineNumber_Empty');
		expect(await status('SendOTP', otp({ Mobile: '' }))).toBe('Mobile_Empty');
		expect(await status('SendOTP', otp({ Mobile: '0912' }))).toBe('Mobile_Invalid');
		expect(await status('SendOTP', otp({ Mobile: sb.blacklistedMobile }))).toBe('Mobile_Invalid');
		expect(await status('SendOTP', otp({ LineNumber: '3000999' }))).toBe('LineNumber_NotExist');
		expect(await status('SendOTP', otp({ SendDateTime: 'tomorrow' }))).toBe('Failed');
		expect(await status('SendOTP', otp({ SMSMessageText: 'x'.repeat(153 * 8) }))).toBe(
			'Length_Exceeded',
		);
		expect(await status('SendOTP', otp(), sb.tokens.demo)).toBe('AccountIsDemo');
		expect(await status('SendOTP', otp(), sb.tokens.noCredit)).toBe('CreditNotEnough');
		expect(sb.sent()).toHaveLength(0);
		expect(sb.otps()).toHaveLength(0);
		expect(sb.credit()).toBe(25_000_000n);
	});

	it('accepts the mobile forms 9…, 09…, 989…, +989…, 00989… and the line name in any case', async () => {
		for (const m of [
			'9121234567',
			'09121234567',
			'989121234567',
			'+989121234567',
			'00989121234567',
		]) {
			expect(await status('SendOTP', otp({ Mobile: m, LineNumber: 'PUBLIC' }))).toBe('Success');
		}
		expect(new Set(sb.sent().map((s) => s.mobile))).toEqual(new Set(['9121234567']));
	});

	it('schedules a future SendDateTime (ISO 8601 with +03:30): SentDateTime stays 0001-01-01 until then', async () => {
		sb.clock.set(tehran('2026-11-23T10:00:00'));
		const r = await call('SendOTP', otp({ SendDateTime: '2026-11-23T10:15:00+03:30' }));
		const id = String(r.json().Data.MessageID);
		const get = async () => (await call('GetMessage', { MessageID: id })).json().Data;
		expect(await get()).toMatchObject({
			RegDateTime: '2026-11-23T10:00:00',
			SentDateTime: '0001-01-01T00:00:00',
		});
		sb.clock.set(tehran('2026-11-23T10:15:00'));
		expect((await get()).SentDateTime).toBe('2026-11-23T10:15:00');
	});
});

describe('SendQuickOTP', () => {
	it('generates a code of CodeLength through the approved OTP pattern, or sends OptionalCode', async () => {
		const gen = (
			await call('SendQuickOTP', { Mobile: '09120000000', CodeLength: '6', OptionalCode: '' })
		).json();
		expect(gen).toEqual({
			Status: 'Success',
			Data: {
				Status: 'Success',
				MessageID: 600000001,
				Mobile: '09120000000',
				Code: expect.stringMatching(/^[0-9]{6}$/),
			},
		});
		const own = await call('SendQuickOTP', {
			Mobile: '09120000000',
			CodeLength: '5',
			OptionalCode: '01234',
		});
		expect(own.text).toContain('"Code":"01234"');
		const sent = sb.sent();
		expect(sent[1]).toMatchObject({
			text: 'کد تایید شما: 01234',
			lineNumber: 'Service',
			patternCodeId: 102,
			code: '01234',
		});
		expect(sent[1].price).toBe(2050n);
	});

	it('refuses OptionalCode whose length differs from CodeLength, non-digit codes, and bad mobiles', async () => {
		expect(
			await status('SendQuickOTP', {
				Mobile: '09120000000',
				CodeLength: '4',
				OptionalCode: '12345',
			}),
		).toBe('Length_Invalid');
		expect(
			await status('SendQuickOTP', {
				Mobile: '09120000000',
				CodeLength: '4',
				OptionalCode: '12a4',
			}),
		).toBe('Failed');
		expect(
			await status('SendQuickOTP', { Mobile: '09120000000', CodeLength: '9', OptionalCode: '' }),
		).toBe('Length_Invalid');
		expect(await status('SendQuickOTP', { Mobile: '', CodeLength: '4', OptionalCode: '' })).toBe(
			'Mobile_Empty',
		);
		expect(
			await status('SendQuickOTP', { Mobile: '02112345678', CodeLength: '4', OptionalCode: '' }),
		).toBe('Mobile_Invalid');
		expect(sb.sent()).toHaveLength(0);
	});
});

describe('SendSimple', () => {
	it('answers the spec sample with the documented shape: Mobile as a JSON number, ids, campaign, price', async () => {
		const r = await call('SendSimple', simple());
		expect(r.text).toBe(
			'{"MessageText":"سلام","SMSPagesCount":1,"CampaignID":12000001,"Price":2000,"Status":"Success",' +
				'"Data":[{"Mobile":9120000000,"MessageID":600000001,"Status":"Success"},{"Mobile":9150000000,"MessageID":600000002,"Status":"Success"}]}',
		);
		expect(sb.credit()).toBe(25_000_000n - 2000n);
		expect(sb.sent().map((m) => [m.messageId, m.campaignId, m.mobile])).toEqual([
			['600000001', '12000001', '9120000000'],
			['600000002', '12000001', '9150000000'],
		]);
	});

	it('answers failures with the documented failure shape and sends nothing', async () => {
		const r = await call('SendSimple', simple({ SMSMessageText: '' }));
		expect(r.text).toBe(
			'{"MessageText":null,"SMSPagesCount":1,"CampaignID":0,"Price":0,"Status":"SMSMessageText_Empty","Data":[]}',
		);
		expect(await status('SendSimple', simple({ LineNumber: '' }))).toBe('LineNumber_Empty');
		expect(await status('SendSimple', simple({ Mobiles: '' }))).toBe('Mobiles_Empty');
		expect(await status('SendSimple', simple({ Mobiles: ' , ' }))).toBe('Mobiles_Empty');
		expect(await status('SendSimple', simple({ Mobiles: '9120000000,12345' }))).toBe(
			'Mobiles_Invalid',
		);
		expect(await status('SendSimple', simple({ LineNumber: '5000' }))).toBe('LineNumber_NotExist');
		expect(await status('SendSimple', simple({ SendDateTime: '2026-13-01 10:00:00' }))).toBe(
			'Failed',
		);
		expect(sb.sent()).toHaveLength(0);
	});

	it('takes 100 recipients, refuses 101 with Length_Exceeded (limit switchable)', async () => {
		expect(await status('SendSimple', simple({ Mobiles: phones(101).join(',') }))).toBe(
			'Length_Exceeded',
		);
		expect(sb.sent()).toHaveLength(0);
		expect(await status('SendSimple', simple({ Mobiles: phones(100).join(',') }))).toBe('Success');
		expect(sb.sent()).toHaveLength(100);
		sb.setSwitches({ maxRecipients: 250 });
		expect(await status('SendSimple', simple({ Mobiles: phones(250).join(',') }))).toBe('Success');
		expect(sb.sent()).toHaveLength(350);
	});

	it('counts pages 70/67 (Persian) and 160/153 (GSM), prices them per line class, refuses more than 8 pages', async () => {
		const pages = async (text: string) =>
			(await call('SendSimple', simple({ SMSMessageText: text, Mobiles: '9120000000' }))).json();
		expect((await pages('س'.repeat(70))).SMSPagesCount).toBe(1);
		const two = await pages('س'.repeat(71));
		expect([two.SMSPagesCount, two.Price]).toEqual([2, 2000]);
		const en = await pages('a'.repeat(161));
		expect([en.SMSPagesCount, en.Price]).toEqual([2, 10000]);
		expect((await pages('a'.repeat(153 * 8))).SMSPagesCount).toBe(8);
		expect((await pages('a'.repeat(153 * 8 + 1))).Status).toBe('Length_Exceeded');
		const ads = (
			await call('SendSimple', simple({ LineNumber: '98', Mobiles: '9120000000' }))
		).json();
		expect(ads.Price).toBe(3870);
	});

	it('answers CreditNotEnough when short by one Rial, and sends when exact', async () => {
		sb.setCredit(1999);
		expect(await status('SendSimple', simple())).toBe('CreditNotEnough');
		expect(sb.sent()).toHaveLength(0);
		sb.setCredit(2000);
		expect(await status('SendSimple', simple())).toBe('Success');
		expect(sb.credit()).toBe(0n);
	});

	it('gives a blacklisted recipient its own Mobile_Invalid item, sends the rest, charges only them', async () => {
		const r = (
			await call('SendSimple', simple({ Mobiles: `9120000000,${sb.blacklistedMobile}` }))
		).json();
		expect(r.Status).toBe('Success');
		expect(r.Price).toBe(1000);
		expect(r.Data).toEqual([
			{ Mobile: 9120000000, MessageID: 600000001, Status: 'Success' },
			{ Mobile: 9199999999, MessageID: 0, Status: 'Mobile_Invalid' },
		]);
		const all = (await call('SendSimple', simple({ Mobiles: sb.blacklistedMobile }))).json();
		expect([all.Status, all.CampaignID, all.Price]).toEqual(['Mobiles_Invalid', 0, 0]);
		expect(sb.sent()).toHaveLength(1);
	});
});

describe('SendWithBackupLine', () => {
	it('routes a blacklisted recipient over the backup line (UsedLine "98", advertising price)', async () => {
		const r = (
			await call(
				'SendWithBackupLine',
				simple({ BackupLineNumber: '98', Mobiles: `9120000000,${sb.blacklistedMobile}` }),
			)
		).json();
		expect(r.Status).toBe('Success');
		expect(r.Data).toEqual([
			{ Mobile: 9120000000, MessageID: 600000001, Status: 'Success', UsedLine: 'Public' },
			{ Mobile: 9199999999, MessageID: 600000002, Status: 'Success', UsedLine: '98' },
		]);
		expect(r.Price).toBe(1000 + 3870);
		expect(sb.sent().map((s) => s.usedLine)).toEqual(['Public', '98']);
	});

	it('needs a backup line that exists', async () => {
		expect(await status('SendWithBackupLine', simple({ BackupLineNumber: '' }))).toBe(
			'BackupLineNumber_Empty',
		);
		expect(await status('SendWithBackupLine', simple({ BackupLineNumber: '9999' }))).toBe(
			'BackupLineNumber_NotExist',
		);
		expect(sb.sent()).toHaveLength(0);
	});
});

describe('SendWithPattern and SendWithPatternOWN', () => {
	it('fills the approved pattern and answers with MessageID as a string', async () => {
		const r = await call('SendWithPatternOWN', {
			Mobile: '09120000000',
			PatternCodeID: '101',
			PatternValues: 'علی,1234',
			LineNumber: 'public',
		});
		expect(r.json()).toEqual({
			Status: 'Success',
			MessageID: '600000001',
			Mobile: '09120000000',
			LineNumber: 'public',
			PatternCodeID: 101,
			PatternValues: ['علی', '1234'],
		});
		expect(sb.sent()[0].text).toBe('سلام علی، سفارش 1234 ثبت شد.');
		const plain = (
			await call('SendWithPattern', {
				Mobile: '09120000000',
				PatternCodeID: '102',
				PatternValues: '5555',
			})
		).json();
		expect(plain).toMatchObject({
			Status: 'Success',
			MessageID: '600000002',
			LineNumber: 'Service',
		});
	});

	it('answers Failed for an unknown or unapproved pattern, a wrong value count or a comma inside a value', async () => {
		const base = { Mobile: '09120000000', PatternCodeID: '101', PatternValues: 'a,b' };
		expect(await status('SendWithPattern', { ...base, PatternCodeID: '999' })).toBe('Failed');
		expect(
			await status('SendWithPattern', { ...base, PatternCodeID: '103', PatternValues: 'a' }),
		).toBe('Failed');
		expect(await status('SendWithPattern', { ...base, PatternCodeID: 'abc' })).toBe('Failed');
		expect(await status('SendWithPattern', { ...base, PatternValues: 'a' })).toBe('Failed');
		expect(await status('SendWithPattern', { ...base, PatternValues: 'a,b,c' })).toBe('Failed');
		expect(await status('SendWithPattern', { ...base, Mobile: '' })).toBe('Mobile_Empty');
		expect(await status('SendWithPatternOWN', { ...base, LineNumber: '' })).toBe(
			'LineNumber_Empty',
		);
		expect(await status('SendWithPatternOWN', { ...base, LineNumber: '3000' })).toBe(
			'LineNumber_NotExist',
		);
		const failed = (await call('SendWithPattern', { ...base, PatternCodeID: '999' })).json();
		expect(failed).toEqual({
			Status: 'Failed',
			MessageID: '0',
			Mobile: null,
			LineNumber: null,
			PatternCodeID: 0,
			PatternValues: [],
		});
		expect(sb.sent()).toHaveLength(0);
	});
});

describe('SendPeerToPeer (JSON body)', () => {
	const p2p = (body: unknown, contentType = 'application/json; charset=utf-8') =>
		http('POST', '/rest/SendPeerToPeer', {
			body: typeof body === 'string' ? body : JSON.stringify(body),
			contentType,
		});

	it('groups the inputs into one campaign per text and answers the documented shape', async () => {
		const r = await p2p({
			SendDateTime: '',
			LineNumber: 'public',
			Input: [
				{ Number: '09150000000', MessageText: 'پیامک شماره 1' },
				{ Number: '09120000000', MessageText: 'پیامک شماره 2' },
				{ Number: '09130000000', MessageText: 'پیامک شماره 1' },
			],
		});
		expect(r.json()).toEqual({
			Data: {
				CampaignsCreated: 2,
				TotalCampaignNumbersCreated: 3,
				FailedCount: 0,
				Campaigns: [
					{
						Numbers: [
							{ ID: 600000001, Number: '09150000000' },
							{ ID: 600000002, Number: '09130000000' },
						],
						Status: 'Success',
						MessageText: 'پیامک شماره 1',
						ID: 12000001,
						SMSPagesCount: 1,
					},
					{
						Numbers: [{ ID: 600000003, Number: '09120000000' }],
						Status: 'Success',
						MessageText: 'پیامک شماره 2',
						ID: 12000002,
						SMSPagesCount: 1,
					},
				],
			},
			Status: 'Success',
		});
		expect(sb.sent().map((s) => [s.mobile, s.text])).toEqual([
			['9150000000', 'پیامک شماره 1'],
			['9130000000', 'پیامک شماره 1'],
			['9120000000', 'پیامک شماره 2'],
		]);
	});

	it('counts bad numbers and empty texts in FailedCount and sends the rest; a number may be a JSON number', async () => {
		const r = await p2p(
			'{"LineNumber":"public","Input":[{"Number":9120000000,"MessageText":"a"},{"Number":"123","MessageText":"b"},{"Number":"09120000001","MessageText":""}]}',
		);
		expect(r.json().Data).toMatchObject({
			CampaignsCreated: 1,
			TotalCampaignNumbersCreated: 1,
			FailedCount: 2,
		});
		expect(sb.sent()).toHaveLength(1);
	});

	it('answers {Data: null, Status} for a form body, broken JSON, and the documented errors', async () => {
		expect((await p2p('LineNumber=public', 'application/x-www-form-urlencoded')).json()).toEqual({
			Data: null,
			Status: 'Failed',
		});
		expect((await p2p('{"LineNumber":')).json().Status).toBe('Failed');
		expect(
			(await p2p({ LineNumber: '', Input: [{ Number: '09120000000', MessageText: 'a' }] })).json()
				.Status,
		).toBe('LineNumber_Empty');
		expect((await p2p({ LineNumber: 'public', Input: [] })).json().Status).toBe('Mobiles_Empty');
		expect(
			(await p2p({ LineNumber: 'x1', Input: [{ Number: '09120000000', MessageText: 'a' }] })).json()
				.Status,
		).toBe('LineNumber_NotExist');
		const many = phones(101).map((n) => ({ Number: n, MessageText: 'a' }));
		expect((await p2p({ LineNumber: 'public', Input: many })).json().Status).toBe(
			'Length_Exceeded',
		);
		sb.setCredit(100);
		expect(
			(
				await p2p({ LineNumber: 'public', Input: [{ Number: '09120000000', MessageText: 'a' }] })
			).json().Status,
		).toBe('CreditNotEnough');
		expect(
			(
				await http('POST', '/rest/SendPeerToPeer', {
					body: '{}',
					contentType: 'application/json',
					token: sb.tokens.unknown,
				})
			).json(),
		).toEqual({ Data: null, Status: 'Token_NotExists' });
		expect(sb.sent()).toHaveLength(0);
	});
});

describe('GetMessage and GetMessages', () => {
	it('returns one sent message of the account; MessageID_Invalid with Data null otherwise', async () => {
		sb.clock.set(tehran('2025-10-25T15:16:59.590'));
		await call('SendSimple', simple({ Mobiles: '9120000000' }));
		expect((await call('GetMessage', { MessageID: '600000001' })).json()).toEqual({
			Status: 'Success',
			Data: {
				MessageID: 600000001,
				Mobile: '09120000000',
				LineNumber: 'Public',
				SMSMessageText: 'سلام',
				RegDateTime: '2025-10-25T15:16:59.59',
				SentDateTime: '2025-10-25T15:16:59.59',
			},
		});
		for (const id of ['600000002', 'abc', '', '0']) {
			expect((await call('GetMessage', { MessageID: id })).json()).toEqual({
				Status: 'MessageID_Invalid',
				Data: null,
			});
		}
		sb.setToken('FFFF0123456789ABCDEF0123456789AB', { account: 'empty' });
		expect(
			await status('GetMessage', { MessageID: '600000001' }, 'FFFF0123456789ABCDEF0123456789AB'),
		).toBe('MessageID_Invalid');
	});

	it('lists sent messages registered in [From, To] and validates the range', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		await call('SendSimple', simple({ Mobiles: '9120000000' }));
		sb.clock.set(tehran('2026-01-05T11:00:00'));
		await call('SendSimple', simple({ Mobiles: '9150000000' }));
		const list = async (from: string, to: string) =>
			(await call('GetMessages', { FromDateTime: from, ToDateTime: to })).json();
		expect(
			(await list('2026-01-05 09:00:00', '2026-01-05 10:30:00')).Data.map(
				(m: { Mobile: string }) => m.Mobile,
			),
		).toEqual(['09120000000']);
		expect((await list('2026-01-05T06:30:00Z', '2026-01-05T07:30:00Z')).Data).toHaveLength(2);
		expect((await list('2026-01-05 12:00:00', '2026-01-05 13:00:00')).Data).toEqual([]);
		expect((await list('x', '2026-01-05 13:00:00')).Status).toBe('FromDateTime_Invalid');
		expect((await list('2026-01-05 12:00:00', '')).Status).toBe('ToDateTime_Invalid');
		expect(await list('2026-01-05 12:00:00', '2026-01-05 11:00:00')).toEqual({
			Status: 'FromDateTimeIsAfterThanToDateTime',
			Data: [],
		});
	});
});

describe('deliveries', () => {
	it('GetDelivery: DeliveryType 0 then 1 after 30 s on the clock, an override wins, unknown → Failed/null', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		await call('SendSimple', simple());
		const get = async (id: string) => (await call('GetDelivery', { MessageID: id })).json();
		expect(await get('600000001')).toEqual({
			Status: 'Success',
			Data: {
				MessageID: 600000001,
				DeliveryType: 0,
				Cost: 0,
				RegDateTime: '2026-01-05T10:00:00',
				SendDateTime: '2026-01-05T10:00:00',
			},
		});
		sb.clock.advance(30_000);
		expect((await get('600000001')).Data.DeliveryType).toBe(1);
		sb.setDeliveryType('600000002', 35);
		expect((await get('600000002')).Data.DeliveryType).toBe(35);
		expect(await get('999')).toEqual({ Status: 'Failed', Data: null });
	});

	it('GetDeliveries: one item per id (unknown ids flagged), Failed for a bad list, at most 100 ids', async () => {
		await call('SendSimple', simple());
		const r = (await call('GetDeliveries', { ListMessageID: '600000001,600000002,123' })).json();
		expect(r.Status).toBe('Success');
		expect(
			r.Data.map((d: { MessageID: number; Status: string }) => [d.MessageID, d.Status]),
		).toEqual([
			[600000001, 'Success'],
			[600000002, 'Success'],
			[123, 'MessageID_Invalid'],
		]);
		expect((await call('GetDeliveries', { ListMessageID: '600000001,abc' })).json()).toEqual({
			Status: 'Failed',
			Data: [],
		});
		expect((await call('GetDeliveries', { ListMessageID: '' })).json()).toEqual({
			Status: 'Failed',
			Data: [],
		});
		const ids = (n: number) => Array.from({ length: n }, () => '600000001').join(',');
		expect(await status('GetDeliveries', { ListMessageID: ids(100) })).toBe('Success');
		expect(await status('GetDeliveries', { ListMessageID: ids(101) })).toBe('Length_Exceeded');
	});

	it('GetDeliveriesByCampaignID: the campaign with Number per item; BulkID_Invalid otherwise', async () => {
		const campaign = String((await call('SendSimple', simple())).json().CampaignID);
		const r = (await call('GetDeliveriesByCampaignID', { CampaignID: campaign })).json();
		expect(
			r.Data.map((d: { Number: string; MessageID: number }) => [d.Number, d.MessageID]),
		).toEqual([
			['09120000000', 600000001],
			['09150000000', 600000002],
		]);
		expect((await call('GetDeliveriesByCampaignID', { CampaignID: '42' })).json()).toEqual({
			Status: 'BulkID_Invalid',
			Data: [],
		});
	});
});

describe('ids', () => {
	it('bigIds: message and campaign ids above 2^53 as bare integers that a double would round', async () => {
		sb.setSwitches({ bigIds: true });
		const r = await call('SendSimple', simple());
		expect(r.text).toContain('"CampaignID":9007199354740993,');
		expect(r.text).toContain('"MessageID":9007199254740993,');
		expect(r.text).toContain('"MessageID":9007199254740995,');
		expect(String(Number('9007199254740993'))).not.toBe('9007199254740993');
		const rounded = String(Number('9007199254740995'));
		expect(await status('GetDelivery', { MessageID: '9007199254740995' })).toBe('Success');
		expect(await status('GetDelivery', { MessageID: rounded })).toBe('Failed');
	});

	it('stringIds: the same ids as JSON strings', async () => {
		sb.setSwitches({ stringIds: true });
		const r = await call('SendSimple', simple());
		expect(r.text).toContain('"CampaignID":"12000001"');
		expect(r.text).toContain('"MessageID":"600000001"');
		expect(r.text).toContain('"Mobile":9120000000');
	});
});

describe('inbox', () => {
	const recieve = async (from: string, to: string, line?: string) =>
		(
			await call('RecieveMessages', {
				FromDateTime: from,
				ToDateTime: to,
				...(line === undefined ? {} : { LineNumber: line }),
			})
		).json();

	it('RecieveMessages: every message in [From, To], oldest first, optional line filter, never consumed', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		sb.addInbound({
			mobile: '9121111111',
			text: 'second',
			receivedAt: tehran('2026-01-05T09:50:00'),
		});
		sb.addInbound({
			mobile: '09122222222',
			text: 'first',
			receivedAt: tehran('2026-01-05T09:40:00'),
			lineNumber: sb.secondReceivingLine,
		});
		sb.addInbound({
			mobile: '09123333333',
			text: 'old',
			receivedAt: tehran('2026-01-05T08:00:00'),
		});
		const r = await recieve('2026-01-05 09:00:00', '2026-01-05 10:01:00');
		expect(r).toEqual({
			Status: 'Success',
			Data: [
				{
					MessageID: '800000002',
					Mobile: '09122222222',
					LineNumber: '50004000999',
					MessageText: 'first',
					ReceiveDateTime: '2026-01-05T09:40:00',
				},
				{
					MessageID: '800000001',
					Mobile: '09121111111',
					LineNumber: '50004000123',
					MessageText: 'second',
					ReceiveDateTime: '2026-01-05T09:50:00',
				},
			],
		});
		expect(await recieve('2026-01-05 09:00:00', '2026-01-05 10:01:00')).toEqual(r);
		expect(
			(await recieve('2026-01-05T05:30:00Z', '2026-01-05T06:30:00Z', '50004000123')).Data.map(
				(m: { MessageText: string }) => m.MessageText,
			),
		).toEqual(['second']);
		expect(await recieve('2026-01-05 09:00:00', '2026-01-05 10:01:00', '3000')).toEqual({
			Status: 'LineNumber_NotExist',
			Data: [],
		});
		expect((await recieve('bad', '2026-01-05 10:01:00')).Status).toBe('FromDateTime_Invalid');
		expect((await recieve('2026-01-05 11:00:00', '2026-01-05 10:01:00')).Status).toBe(
			'FromDateTimeIsAfterThanToDateTime',
		);
		expect(sb.inbox().every((m) => !m.pulled)).toBe(true);
	});

	it('a late-indexed message appears in an already-polled window only once it is indexed, with its old time', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		const window = () => recieve('2026-01-05 09:50:00', '2026-01-05 10:10:00');
		expect((await window()).Data).toEqual([]);
		sb.clock.advance(60_000);
		sb.addInbound({ mobile: '09121111111', text: 'late', lateByMs: 5 * 60_000 });
		const after = (await window()).Data;
		expect(after).toEqual([
			expect.objectContaining({ MessageText: 'late', ReceiveDateTime: '2026-01-05T09:56:00' }),
		]);
	});

	it('receiveMaxRows caps a window at the oldest rows', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		for (let i = 0; i < 5; i++)
			sb.addInbound({ mobile: '09121111111', text: `m${i}`, lateByMs: (5 - i) * 1000 });
		sb.setSwitches({ receiveMaxRows: 3 });
		const d = (await recieve('2026-01-05 09:00:00', '2026-01-05 10:00:00')).Data;
		expect(d.map((m: { MessageText: string }) => m.MessageText)).toEqual(['m0', 'm1', 'm2']);
	});

	it('RecieveNewMessages consumes for the whole account: each message once, then the Persian "none" reply', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		sb.addInbound({ mobile: '09121111111', text: 'a' });
		sb.addInbound({ mobile: '09121111111', text: 'b' });
		sb.addInbound({ mobile: '09121111111', text: 'c' });
		const first = (await call('RecieveNewMessages', { Count: '2' })).json();
		expect(first.Status).toBe('Success');
		expect(first.Message).toBe('پیامک‌های جدید با موفقیت دریافت شدند');
		expect(first.Data.map((m: { MessageText: string }) => m.MessageText)).toEqual(['a', 'b']);
		expect(Object.keys(first.Data[0])).toEqual([
			'MessageID',
			'Mobile',
			'MessageText',
			'ReceiveDateTime',
		]);
		expect(
			(await call('RecieveNewMessages', { Count: '10' }))
				.json()
				.Data.map((m: { MessageText: string }) => m.MessageText),
		).toEqual(['c']);
		expect((await call('RecieveNewMessages', { Count: '10' })).json()).toEqual({
			Status: 'Success',
			Message: 'هیچ پیام جدیدی یافت نشد',
			Data: [],
		});
		expect(sb.inbox().map((m) => m.pulled)).toEqual([true, true, true]);
		expect((await recieve('2026-01-05 09:00:00', '2026-01-05 10:00:00')).Data).toHaveLength(3);
		for (const bad of ['0', '-1', 'x', ''])
			expect(await status('RecieveNewMessages', { Count: bad })).toBe('Count_Invalid');
	});
});

describe('relays (webhook registration)', () => {
	it('creates, refuses duplicates and bad URLs, lists, and answers SetActive with a bare JSON string', async () => {
		sb.clock.set(tehran('2026-01-05T10:00:00'));
		expect(
			(await call('RelayRecieveMessageCreate', { URLAddress: 'https://example.org/hook' })).json(),
		).toEqual({ Status: 'Success', RelayRecieveMessageID: 999 });
		expect(
			(await call('RelayRecieveMessageCreate', { URLAddress: 'https://example.org/hook' })).json(),
		).toEqual({ Status: 'URLAddress_Duplicate', RelayRecieveMessageID: 0 });
		expect(await status('RelayRecieveMessageCreate', { URLAddress: '' })).toBe('URLAddress_Empty');
		expect(await status('RelayRecieveMessageCreate', { URLAddress: 'ftp://example.org' })).toBe(
			'Failed',
		);
		expect(
			(await call('RelayMessageDeliveryCreate', { URLAddress: 'https://example.org/hook' })).json(),
		).toEqual({ Status: 'Success', RelayMessageDeliveryID: 1000 });
		const list = (await call('RelayRecieveMessageList')).json();
		expect(list).toEqual({
			Status: 'Success',
			Data: [
				{
					ID: 999,
					EncryptedID: expect.any(String),
					Active: true,
					RegDateTime: '2026-01-05T10:00:00',
					URLAddress: 'https://example.org/hook',
				},
			],
		});
		const set = await call('RelayRecieveMessageSetActive', {
			RelayRecieveMessageID: '999',
			Active: 'false',
		});
		expect(set.text).toBe('"Success"');
		expect(sb.relays()[0].active).toBe(false);
		expect(
			(
				await call('RelayRecieveMessageSetActive', {
					RelayRecieveMessageID: '1000',
					Active: 'true',
				})
			).text,
		).toBe('"Failed"');
		expect(
			(
				await call('RelayMessageDeliverySetActive', {
					RelayMessageDeliveryID: '1000',
					Active: 'maybe',
				})
			).text,
		).toBe('"Failed"');
		expect(
			(
				await call(
					'RelayMessageDeliverySetActive',
					{ RelayMessageDeliveryID: '1000', Active: 'true' },
					{ token: sb.tokens.unknown },
				)
			).text,
		).toBe('"Token_NotExists"');
	});
});

describe('forced statuses', () => {
	it("makes every status of the table reachable, by title or number, in the method's own shape, doing nothing", async () => {
		for (const [num, title] of STATUS_TABLE) {
			if (title === 'Success') continue;
			sb.forceStatus({ method: 'SendSimple', status: num });
			const r = (await call('SendSimple', simple())).json();
			expect([num, r.Status, r.CampaignID, r.Data]).toEqual([num, title, 0, []]);
		}
		sb.forceStatus({ status: 'ServerError', times: 2 });
		expect(await status('AccountStatus')).toBe('ServerError');
		expect((await call('GetMessage', { MessageID: '1' })).json()).toEqual({
			Status: 'ServerError',
			Data: null,
		});
		expect(await status('AccountStatus')).toBe('Success');
		expect(sb.sent()).toHaveLength(0);
		expect(() => sb.forceStatus({ status: 'Success' })).toThrow(/Success/);
		expect(() => sb.forceStatus({ status: 'Nope' })).toThrow(/Unknown status/);
		expect(() => sb.forceStatus({ status: 3 })).toThrow(/Unknown status/);
		expect(() => sb.forceStatus({ method: 'SendBank', status: 0 })).toThrow(/Unknown method/);
	});

	it('applies after authentication: a bad token still gets its own status', async () => {
		sb.forceStatus({ status: 'ServerError' });
		expect(await status('AccountStatus', {}, sb.tokens.disabled)).toBe('Token_Disabled');
		expect(sb.pendingForcedStatuses()).toHaveLength(1);
	});
});

describe('faults', () => {
	it('answers HTML 500 / 503 / 429 (with or without Retry-After) before doing anything', async () => {
		sb.injectFault({ route: 'SendSimple', kind: 'http500' });
		sb.injectFault({ route: 'SendSimple', kind: 'http503' });
		sb.injectFault({ route: 'SendSimple', kind: 'http429' });
		sb.injectFault({ route: '/rest/SendSimple', kind: 'http429RetryAfter', delayMs: 3000 });
		sb.injectFault({ route: 'SendSimple', kind: 'html500', status: 502 });
		const got: Array<[number, string | null, string | null]> = [];
		for (let i = 0; i < 5; i++) {
			const r = await call('SendSimple', simple());
			got.push([r.status, r.headers.get('retry-after'), r.headers.get('content-type')]);
		}
		expect(got.map((g) => g[0])).toEqual([500, 503, 429, 429, 502]);
		expect(got.map((g) => g[1])).toEqual([null, null, null, '3', null]);
		expect(got.every((g) => /text\/html/.test(g[2] ?? ''))).toBe(true);
		expect(sb.sent()).toHaveLength(0);
		expect(await status('SendSimple', simple())).toBe('Success');
	});

	it('resetBefore drops the connection with nothing sent; resetAfter sends, debits once, then drops it', async () => {
		sb.injectFault({ route: 'SendSimple', kind: 'resetBefore' });
		await expect(call('SendSimple', simple())).rejects.toThrow();
		expect(sb.sent()).toHaveLength(0);
		sb.injectFault({ route: 'SendSimple', kind: 'resetAfter' });
		await expect(call('SendSimple', simple())).rejects.toThrow();
		expect(sb.sent()).toHaveLength(2);
		expect(sb.credit()).toBe(25_000_000n - 2000n);
		sb.injectFault({ route: 'SendOTP', kind: 'resetAfter' });
		await expect(call('SendOTP', otp())).rejects.toThrow();
		expect(sb.otps()).toHaveLength(1);
	});

	it('damages the body: truncated after processing, malformed, empty, an HTML page with 200, a 200 failure', async () => {
		sb.injectFault({ route: 'SendSimple', kind: 'truncatedJson' });
		const trunc = await call('SendSimple', simple());
		expect(trunc.status).toBe(200);
		expect(trunc.text.startsWith('{"MessageText":')).toBe(true);
		expect(() => JSON.parse(trunc.text)).toThrow();
		expect(sb.sent()).toHaveLength(2);

		sb.injectFault({ kind: 'malformedJson' });
		const mal = await call('AccountStatus');
		expect(() => JSON.parse(mal.text)).toThrow();

		sb.injectFault({ kind: 'emptyBody' });
		const empty = await call('AccountStatus');
		expect([empty.status, empty.text]).toEqual([200, '']);

		sb.injectFault({ kind: 'htmlBody' });
		const page = await call('AccountStatus');
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);

		sb.injectFault({ kind: 'failure200' });
		expect((await call('AccountStatus')).json()).toEqual({ Status: 'ServerError', Data: null });
		sb.injectFault({ kind: 'failure200', code: -300 });
		expect((await call('AccountStatus')).json()).toEqual({ Status: 'System_Disabled', Data: null });
		expect(sb.sent()).toHaveLength(2);
	});

	it('delay: the client gives up, the server still sends', async () => {
		sb.injectFault({ route: 'SendSimple', kind: 'delay', delayMs: 600 });
		await expect(
			call('SendSimple', simple(), { signal: AbortSignal.timeout(100) }),
		).rejects.toThrow();
		expect(sb.sent()).toHaveLength(0);
		for (let i = 0; i < 40 && sb.sent().length === 0; i++)
			await new Promise((r) => setTimeout(r, 50));
		expect(sb.sent()).toHaveLength(2);
	});

	it('rejects unknown fault kinds and routes', () => {
		expect(() => sb.injectFault({ kind: 'nope' as never })).toThrow(/Unknown fault kind/);
		expect(() => sb.injectFault({ kind: 'http500', route: 'SendBank' })).toThrow(/Unknown route/);
	});
});

describe('request log', () => {
	it('records every API call with the token masked in the header, the query, a form field and JSON', async () => {
		await call('SendSimple', simple());
		await call('AccountStatus', {}, { token: `Bearer ${sb.token}` });
		await http('GET', `/rest/AccountStatus?Token=${sb.token}&x=1`, { token: null });
		await call('AccountStatus', { Token: sb.token }, { token: null });
		await http('POST', '/rest/SendPeerToPeer', {
			body: JSON.stringify({ Token: sb.token, LineNumber: 'public', Input: [] }),
			contentType: 'application/json',
		});
		await fetch(`${sb.url}/__sandbox/inbox`);
		const log = sb.requests();
		expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
			['POST', '/rest/SendSimple', 200],
			['POST', '/rest/AccountStatus', 200],
			['GET', '/rest/AccountStatus?Token=***&x=1', 200],
			['POST', '/rest/AccountStatus', 200],
			['POST', '/rest/SendPeerToPeer', 200],
		]);
		expect(log[0].headers.authorization).toBe('***');
		expect(log[0].headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
		expect(log[0].body).toContain('Mobiles=9120000000%2C9150000000');
		expect(log[1].headers.authorization).toBe('Bearer ***');
		expect(log[3].body).toBe('Token=***');
		expect(log[4].body).toContain('"Token":"***"');
		expect(JSON.stringify(log)).not.toContain(sb.token);
		sb.clearRequests();
		expect(sb.requests()).toEqual([]);
	});
});

describe('HTTP control surface', () => {
	const control = (method: string, p: string, body?: unknown) => callControl(sb.url, method, p, body);

	it('lists its routes and drives the emulator without auth', async () => {
		const help = await control('GET', '');
		expect(help.status).toBe(200);
		for (const route of [
			'/state',
			'/inbound',
			'/inbox',
			'/sent',
			'/otps',
			'/otp-code',
			'/credit',
			'/account',
			'/token',
			'/delivery',
			'/force-status',
			'/fault',
			'/requests',
			'/reset',
			'/clock',
			'/switches',
			'/relays',
		]) {
			expect(help.text).toContain(`/__sandbox${route}`);
		}
		expect(help.text).toContain(sb.token);
		expect((await control('POST', '/clock', { at: '2026-01-05T06:30:00Z' })).json().frozen).toBe(
			true,
		);
		const added = (
			await control('POST', '/inbound', {
				mobile: '09121234567',
				text: 'via http',
				lateByMs: 60000,
			})
		).json();
		expect(added).toMatchObject({
			messageId: '800000001',
			lineNumber: '50004000123',
			receivedAt: '2026-01-05T06:29:00.000Z',
			pulled: false,
		});
		expect((await control('GET', '/inbox')).json()).toHaveLength(1);
		expect((await control('POST', '/credit', '{"value": 9007199254740993}')).text).toContain(
			'9007199254740993',
		);
		expect(sb.credit()).toBe(9007199254740993n);
		expect(
			(await control('POST', '/account', { userError: 'User_Expired' })).json().userError,
		).toBe('User_Expired');
		expect(await status('AccountStatus')).toBe('User_Expired');
		expect((await control('POST', '/account', { userError: null })).status).toBe(200);
		expect((await control('POST', '/account', { userError: 'Nope' })).status).toBe(400);
		expect((await control('POST', '/otp-code', { code: '0007' })).status).toBe(200);
		expect((await call('SendOTP', otp())).json().Data.Code).toBe('0007');
		expect((await control('GET', '/otps')).json()[0].code).toBe('0007');
		expect(
			(await control('POST', '/delivery', '{"messageId": 600000001, "deliveryType": 2}')).status,
		).toBe(200);
		expect((await call('GetDelivery', { MessageID: '600000001' })).json().Data.DeliveryType).toBe(
			2,
		);
		expect((await control('GET', '/sent')).json()[0].messageId).toBe('600000001');
		expect(
			(
				await control('POST', '/force-status', {
					method: 'AccountStatus',
					status: 'System_Disabled',
				})
			).status,
		).toBe(200);
		expect(await status('AccountStatus')).toBe('System_Disabled');
		expect((await control('POST', '/force-status', { status: 'Success' })).status).toBe(400);
		expect(
			(
				await control('POST', '/token', {
					token: 'ABCDEF0123456789ABCDEF0123456789',
					active: false,
				})
			).status,
		).toBe(200);
		expect(await status('AccountStatus', {}, 'ABCDEF0123456789ABCDEF0123456789')).toBe(
			'Token_Disabled',
		);
		expect(
			(await control('POST', '/fault', { route: 'AccountStatus', kind: 'http503' })).status,
		).toBe(200);
		expect((await call('AccountStatus')).status).toBe(503);
		expect((await control('POST', '/fault', { route: 'Nope', kind: 'http503' })).status).toBe(400);
		expect((await control('POST', '/switches', { bigIds: 'yes' })).status).toBe(400);
		expect((await control('POST', '/switches', { maxRecipients: 500 })).json().maxRecipients).toBe(
			500,
		);
		expect((await control('GET', '/state')).json()).toMatchObject({
			baseUrl: sb.baseUrl,
			sentCount: 1,
			inboxCount: 1,
		});
		expect((await control('GET', '/requests')).json().length).toBeGreaterThan(0);
		expect((await control('DELETE', '/requests')).status).toBe(200);
		expect(sb.requests()).toHaveLength(0);
		expect((await control('POST', '/reset')).status).toBe(200);
		expect(sb.clockIsFrozen()).toBe(false);
		expect(sb.inbox()).toEqual([]);
		expect(sb.switches().maxRecipients).toBe(100);
		expect((await control('GET', '/nope')).status).toBe(404);
	});
});
