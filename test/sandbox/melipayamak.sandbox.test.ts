/**
 * Contract tests of the Melipayamak loopback emulator itself, through plain fetch: the legacy
 * REST, SOAP 1.1 and console surfaces, the fixture accounts, every documented code, limits,
 * faults, the masked request log and the control surface (spec §8).
 */
import { readReply, type Reply } from '../support/reply';
import { callControl } from '../support/control';
import { startMelipayamakSandbox } from '../../sandbox/melipayamak';
import { providers } from '../../manifest';
import type { MelipayamakSandbox } from '../../sandbox/melipayamak';

let sb: MelipayamakSandbox;

beforeAll(async () => {
	sb = await startMelipayamakSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

async function http(method: string, p: string, o: { body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Reply> {
	const res = await fetch(sb.url + p, { method, headers: o.headers ?? {}, body: o.body, signal: o.signal });
	return await readReply(res);
}

const GOOD = { username: 'good', password: 'good-pass-1234' };
const LINE = '50002710000000';
const NO_LINK_LINE = '50002710000001';

/** Legacy REST call, form-urlencoded (the node's way) unless `json` is set. */
function rest(method: string, fields: object, o: { json?: boolean; contentType?: string; httpMethod?: string } = {}): Promise<Reply> {
	const body = o.json ? JSON.stringify(fields) : new URLSearchParams(fields as Record<string, string>).toString();
	const contentType = o.contentType ?? (o.json ? 'application/json' : 'application/x-www-form-urlencoded; charset=UTF-8');
	return http(o.httpMethod ?? 'POST', `/api/SendSMS/${method}`, { body: o.httpMethod === 'GET' ? undefined : body, headers: { 'content-type': contentType } });
}

function expectEnvelope(r: Reply, value: string, retStatus = 1) {
	expect(r.status).toBe(200);
	expect(r.headers.get('content-type')).toMatch(/^application\/json/);
	expect(r.json()).toEqual({ Value: value, RetStatus: retStatus, StrRetStatus: retStatus === 1 ? 'Ok' : 'InvalidData' });
}

const sendSms = (f: Partial<Record<'to' | 'from' | 'text' | 'username' | 'password' | 'isFlash', string>> = {}) =>
	rest('SendSMS', { ...GOOD, to: '09121234567', from: LINE, text: 'Hello', isFlash: 'false', ...f });

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Parameter elements: strings escaped, arrays as <string>/<long> children, raw XML via {raw}. */
type Param = string | number | boolean | { strings: string[] } | { longs: string[] } | { raw: string };
function params(p: Record<string, Param>): string {
	return Object.entries(p)
		.map(([k, v]) => {
			if (typeof v === 'object' && 'strings' in v) return `<${k}>${v.strings.map((s) => `<string>${esc(s)}</string>`).join('')}</${k}>`;
			if (typeof v === 'object' && 'longs' in v) return `<${k}>${v.longs.map((s) => `<long>${s}</long>`).join('')}</${k}>`;
			if (typeof v === 'object' && 'raw' in v) return `<${k}>${v.raw}</${k}>`;
			return `<${k}>${esc(String(v))}</${k}>`;
		})
		.join('');
}

function envelope(op: string, inner: string): string {
	return (
		'<?xml version="1.0" encoding="utf-8"?>\n' +
		'<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
		`<soap:Body><${op} xmlns="http://tempuri.org/">${inner}</${op}></soap:Body></soap:Envelope>`
	);
}

function soap(
	service: string,
	op: string,
	p: Record<string, Param>,
	o: { action?: string | null; body?: string; contentType?: string; signal?: AbortSignal; path?: string } = {},
): Promise<Reply> {
	const headers: Record<string, string> = { 'content-type': o.contentType ?? 'text/xml; charset=utf-8' };
	const action = o.action === undefined ? `"http://tempuri.org/${op}"` : o.action;
	if (action !== null) headers.soapaction = action;
	return http('POST', o.path ?? `/post/${service}.asmx`, { body: o.body ?? envelope(op, params({ ...GOOD, ...p })), headers, signal: o.signal });
}

/** Text of `<{op}Result>` (undefined when absent = null result). */
function resultText(r: Reply, op: string): string | undefined {
	const m = new RegExp(`<${op}Result>([\\s\\S]*?)</${op}Result>|<${op}Result />`).exec(r.text);
	if (!m) return undefined;
	return m[1] === undefined ? '' : m[1];
}

function resultItems(r: Reply, op: string, item: string): string[] | undefined {
	const inner = resultText(r, op);
	if (inner === undefined) return undefined;
	return [...inner.matchAll(new RegExp(`<${item}>([\\s\\S]*?)</${item}>`, 'g'))].map((m) => m[1]);
}

function records(r: Reply, op: string): Array<Record<string, string>> {
	const inner = resultText(r, op) ?? '';
	return [...inner.matchAll(/<MessagesBL>([\s\S]*?)<\/MessagesBL>/g)].map((m) =>
		Object.fromEntries([...m[1].matchAll(/<(\w+)>([\s\S]*?)<\/\1>|<(\w+) \/>/g)].map((x) => (x[3] ? [x[3], ''] : [x[1], x[2]]))),
	);
}

function expectSoapOk(r: Reply) {
	expect(r.status).toBe(200);
	expect(r.headers.get('content-type')).toBe('text/xml; charset=utf-8');
}

function expectFault(r: Reply, code: 'soap:Client' | 'soap:Server', startsWith: string) {
	expect(r.status).toBe(500);
	expect(r.headers.get('content-type')).toBe('text/xml; charset=utf-8');
	expect(r.text).toContain(`<faultcode>${code}</faultcode>`);
	const fs = /<faultstring>([\s\S]*?)<\/faultstring>/.exec(r.text)![1];
	expect(fs.startsWith(esc(startsWith))).toBe(true);
	expect(r.text).toContain('<detail />');
}

function phones(n: number): string[] {
	return Array.from({ length: n }, (_, i) => `0912${String(1000000 + i).slice(-7)}`);
}

function consoleCall(op: string, body: unknown, o: { key?: string; method?: string; raw?: string } = {}): Promise<Reply> {
	const method = o.method ?? 'POST';
	return http(method, `/api/${op}/${o.key ?? sb.consoleKey}`, {
		body: method === 'GET' ? undefined : (o.raw ?? JSON.stringify(body)),
		headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
	});
}

const TWO_62 = 4611686018427387904n;

describe('legacy REST transport', () => {
	it('matches /api/SendSMS/{Method} case-insensitively and answers the ASP.NET objects for 404, 405 and 415', async () => {
		expectEnvelope(await http('POST', '/API/sendsms/getcredit', { body: new URLSearchParams(GOOD).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), '100000.5');
		const nf = await rest('Nope', GOOD);
		expect(nf.status).toBe(404);
		expect(nf.json().Message).toMatch(/^No HTTP resource was found/);
		const get = await rest('GetCredit', GOOD, { httpMethod: 'GET' });
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
		const plain = await rest('GetCredit', GOOD, { contentType: 'text/plain' });
		expect(plain.status).toBe(415);
		expect(plain.json().Message).toContain("'text/plain'");
	});

	it('accepts form-urlencoded and JSON bodies with field names in any case; Value is always a JSON string', async () => {
		expectEnvelope(await rest('GetCredit', { UserName: 'good', PassWord: 'good-pass-1234' }), '100000.5');
		expectEnvelope(await rest('GetCredit', GOOD, { json: true }), '100000.5');
		const r = await rest('SendSMS', { USERNAME: 'good', Password: 'good-pass-1234', TO: '09121234567', From: LINE, TEXT: 'Hi' }, { json: true });
		expect(typeof r.json().Value).toBe('string');
		expect(sb.sentMessages()).toHaveLength(1);
	});

	it('answers a malformed JSON body with the ASP.NET error object (HTTP 500) and sends nothing', async () => {
		const r = await http('POST', '/api/SendSMS/SendSMS', { body: '{"username": "good",', headers: { 'content-type': 'application/json' } });
		expect(r.status).toBe(500);
		expect(r.json()).toEqual({ Message: 'An error has occurred.' });
		expect(sb.sentMessages()).toHaveLength(0);
	});
});

describe('accounts and authentication', () => {
	it('wrong credentials: "0" for sends and delivery, "NULL" for GetCredit, all with RetStatus 35', async () => {
		const bad = { username: 'good', password: 'wrong' };
		expectEnvelope(await sendSms(bad), '0', 35);
		expectEnvelope(await rest('BaseServiceNumber', { ...bad, to: '09121234567', bodyId: '1001', text: '123' }), '0', 35);
		expectEnvelope(await rest('GetCredit', bad), 'NULL', 35);
		expectEnvelope(await rest('GetCredit', { username: 'nobody', password: 'x' }), 'NULL', 35);
		expectEnvelope(await rest('GetDeliveries2', { ...bad, recId: '5107391183294726719' }), '0', 35);
		expectEnvelope(await rest('GetCredit', {}), 'NULL', 35);
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('accepts the API key in place of the password', async () => {
		expectEnvelope(await rest('GetCredit', { username: 'good', password: sb.accounts.good.apiKey }), '100000.5');
	});

	it('apikeyonly refuses the real password with −110 and accepts its API key', async () => {
		expectEnvelope(await rest('GetCredit', sb.accounts.apikeyonly), '-110', 35);
		expectEnvelope(await sendSms(sb.accounts.apikeyonly), '-110', 35);
		expectEnvelope(await rest('GetCredit', { username: 'apikeyonly', password: sb.accounts.apikeyonly.apiKey }), '500');
		const s = await soap('Send', 'GetCredit', { username: 'apikeyonly', password: sb.accounts.apikeyonly.password });
		expect(resultText(s, 'GetCredit')).toBe('-110');
	});

	it('ipblocked gets −108 on every surface method, even with the right password', async () => {
		const acc = sb.accounts.ipblocked;
		expectEnvelope(await rest('GetCredit', acc), '-108', 35);
		expectEnvelope(await sendSms(acc), '-108', 35);
		expectEnvelope(await rest('GetCredit', { username: 'ipblocked', password: 'wrong' }), '-108', 35);
		expect(resultItems(await soap('Send', 'SendSimpleSMS', { ...acc, to: { strings: ['09121234567'] }, from: LINE, text: 'x', isflash: false }), 'SendSimpleSMS', 'string')).toEqual(['-108']);
		expect(resultText(await soap('Users', 'ForgotPassword', { ...acc, mobileNumber: '0912', emailAddress: 'a@b.c', targetUsername: 'x' }), 'ForgotPassword')).toBe('-108');
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('allowed-IP rules: −109 when a list is required but empty, −111 when 127.0.0.1 is not in it', async () => {
		sb.patchAccount('good', { requireAllowedIps: true });
		expectEnvelope(await rest('GetCredit', GOOD), '-109', 35);
		sb.patchAccount('good', { allowedIps: ['10.1.2.3'] });
		expectEnvelope(await rest('GetCredit', GOOD), '-111', 35);
		expectEnvelope(await sendSms(), '-111', 35);
		sb.patchAccount('good', { allowedIps: ['10.1.2.3', '127.0.0.1'] });
		expectEnvelope(await rest('GetCredit', GOOD), '100000.5');
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('inactive account: free-text sends → 10, pattern → −1, reads still work', async () => {
		const acc = sb.accounts.inactive;
		expectEnvelope(await sendSms(acc), '10', 35);
		expectEnvelope(await rest('BaseServiceNumber', { ...acc, to: '09121234567', bodyId: '1001', text: '123' }), '-1', 35);
		expectEnvelope(await rest('GetCredit', acc), '500');
		expect(sb.sentMessages()).toHaveLength(0);
	});
});

describe('REST SendSMS', () => {
	it('returns a 19-digit recId above 2^62 as a JSON string, records the send and debits parts', async () => {
		const r = await sendSms({ text: 'سلام' });
		const recId = r.json().Value as string;
		expect(recId).toMatch(/^[0-9]{19}$/);
		expect(BigInt(recId) > TWO_62).toBe(true);
		expect(String(Number(recId))).not.toBe(recId);
		expect(r.text).toContain(`"Value":"${recId}"`);
		expect(sb.sentMessages()).toMatchObject([{ recId, to: '09121234567', from: LINE, text: 'سلام', path: 'rest:SendSMS', parts: 1, isFlash: false }]);
		expect(sb.credit()).toBe('99999.5');
		const second = (await sendSms({ text: 'س'.repeat(71), isFlash: 'true' })).json().Value;
		expect(BigInt(second) > BigInt(recId)).toBe(true);
		expect(sb.sentMessages()[1]).toMatchObject({ parts: 2, isFlash: true });
		expect(sb.credit()).toBe('99997.5');
	});

	it.each([
		['empty text → 17', { text: '   ' }, '17'],
		['no credit → 2', { ...sb_acc('nocredit') }, '2'],
		['public line → 9', { from: '50001060' }, '9'],
		['a line the account does not own → 5', { from: '3000999' }, '5'],
		['link on a no-link line → 14', { from: NO_LINK_LINE, text: 'see https://example.com' }, '14'],
		['filtered word → 7', { text: 'متن قمار' }, '7'],
		['blacklisted recipient → 35', { to: '09120000035' }, '35'],
		['invalid recipient → 18', { to: '9121234567' }, '18'],
		['several comma-separated recipients → 18', { to: '09121234567,09121234568' }, '18'],
	])('%s, and nothing is sent', async (_name, f, code) => {
		const before = sb.credit();
		expectEnvelope(await sendSms(f as Record<string, string>), code, 35);
		expect(sb.sentMessages()).toHaveLength(0);
		expect(sb.credit()).toBe(before);
	});

	it('allows links on a line that may send them', async () => {
		expect((await sendSms({ text: 'see https://example.com' })).json().RetStatus).toBe(1);
	});

	it('enforces the daily limit (→ 3) per Tehran day', async () => {
		sb.clock.set('2026-03-01T10:00:00Z');
		sb.patchAccount('good', { dailyLimit: 2 });
		expect((await sendSms()).json().RetStatus).toBe(1);
		expect((await sendSms()).json().RetStatus).toBe(1);
		expectEnvelope(await sendSms(), '3', 35);
		sb.clock.advance(24 * 3600_000);
		expect((await sendSms()).json().RetStatus).toBe(1);
		expect(sb.sentMessages()).toHaveLength(3);
	});
});

function sb_acc(name: 'nocredit'): Record<string, string> {
	return { username: name, password: `${name}-pass-1234` };
}

describe('REST BaseServiceNumber (pattern)', () => {
	const pattern = (f: Record<string, string>) => rest('BaseServiceNumber', { ...GOOD, to: '09121234567', bodyId: '1001', text: '48213', ...f });

	it('renders approved templates from ;-joined variables and returns a recId', async () => {
		const one = await pattern({});
		expect(one.json()).toMatchObject({ RetStatus: 1, StrRetStatus: 'Ok' });
		expect(one.json().Value).toMatch(/^[0-9]{19}$/);
		const two = await pattern({ bodyId: '1002', text: 'علی;48213' });
		expect(two.json().RetStatus).toBe(1);
		expect(sb.sentMessages().map((m) => [m.text, m.bodyId, m.path])).toEqual([
			['کد تایید شما: 48213', 1001, 'rest:BaseServiceNumber'],
			['علی عزیز، کد ورود شما 48213 است.', 1002, 'rest:BaseServiceNumber'],
		]);
	});

	it('reaches a blacklisted number (the free-text path refuses it)', async () => {
		expect((await pattern({ to: '09120000035' })).json().RetStatus).toBe(1);
		expect(sb.sentMessages()).toHaveLength(1);
	});

	it.each([
		['two numbers → −2', { to: '09121234567,09121234568' }, '-2'],
		['unknown bodyId → −4', { bodyId: '999' }, '-4'],
		['unapproved template → −4', { bodyId: '1003' }, '-4'],
		['non-integer bodyId (binds to 0) → −4', { bodyId: 'abc' }, '-4'],
		['too few variables → −5', { bodyId: '1002', text: 'علی' }, '-5'],
		['too many variables → −5', { text: '1;2' }, '-5'],
		['an empty variable → −5', { text: '' }, '-5'],
		['a link in a variable → −10', { text: 'www.example.ir' }, '-10'],
		['invalid number → 18', { to: '0912' }, '18'],
		['no credit → 2', sb_acc('nocredit'), '2'],
	])('%s, nothing sent', async (_n, f, code) => {
		expectEnvelope(await pattern(f), code, 35);
		expect(sb.sentMessages()).toHaveLength(0);
	});
});

describe('REST GetDeliveries2, GetCredit, GetBasePrice, GetUserNumbers, GetMessages', () => {
	it('progresses 200 → 8 → 1 on the sandbox clock; an override wins', async () => {
		sb.clock.set('2026-03-01T10:00:00Z');
		const recId = (await sendSms()).json().Value;
		const status = () => rest('GetDeliveries2', { ...GOOD, recId });
		expectEnvelope(await status(), '200');
		sb.clock.advance(5_000);
		expectEnvelope(await status(), '8');
		sb.clock.advance(25_000);
		expectEnvelope(await status(), '1');
		sb.setDeliveryStatus(recId, 16);
		expectEnvelope(await status(), '16');
		expectEnvelope(await rest('GetDeliveries2', { ...GOOD, recID: recId }), '16');
	});

	it('answers 100 for an unknown recId (or another account\'s), switchable', async () => {
		const recId = (await sendSms()).json().Value;
		expectEnvelope(await rest('GetDeliveries2', { ...GOOD, recId: '5107391183294726000' }), '100');
		expectEnvelope(await rest('GetDeliveries2', { ...sb.accounts.reseller, recId }), '100');
		expectEnvelope(await rest('GetDeliveries2', { ...GOOD, recId: '99999999999999999999' }), '100');
		sb.setSwitches({ unknownRecIdCode: -1, unknownRecIdRetStatus: 35 });
		expectEnvelope(await rest('GetDeliveries2', { ...GOOD, recId: '1' }), '-1', 35);
	});

	it('credit as a decimal string, base price and user numbers as fixture strings', async () => {
		sb.setCredit('1520.5');
		expectEnvelope(await rest('GetCredit', GOOD), '1520.5');
		sb.setCredit(0);
		expectEnvelope(await rest('GetCredit', GOOD), '0');
		expectEnvelope(await rest('GetBasePrice', GOOD), '94.5');
		expectEnvelope(await rest('GetUserNumbers', GOOD), `${LINE},${NO_LINK_LINE}`);
	});

	it('GetMessages lists received messages newest first inside Value', async () => {
		sb.addInbound({ from: '09121234567', text: 'one' });
		sb.addInbound({ from: '09121234568', text: 'two' });
		const r = await rest('GetMessages', { ...GOOD, location: '1', index: '0', count: '10' });
		const rows = JSON.parse(r.json().Value);
		expect(rows.map((x: { Body: string }) => x.Body)).toEqual(['two', 'one']);
	});

	it('answers {"Message":"An unexpected error occured"} for switched methods, without processing', async () => {
		sb.setSwitches({ restUnexpectedErrorMethods: ['BaseServiceNumber'], restUnexpectedErrorStatus: 200 });
		const r = await rest('BaseServiceNumber', { ...GOOD, to: '09121234567', bodyId: '1001', text: '1' });
		expect(r.status).toBe(200);
		expect(r.json()).toEqual({ Message: 'An unexpected error occured' });
		expect(sb.sentMessages()).toHaveLength(0);
		expect((await sendSms()).json().RetStatus).toBe(1);
	});
});

describe('SOAP transport', () => {
	it('answers on Send/Receive/Users.asmx whatever the path case, SOAPAction with or without quotes', async () => {
		for (const [path, action] of [
			['/post/Send.asmx', '"http://tempuri.org/GetCredit"'],
			['/post/send.asmx', 'http://tempuri.org/GetCredit'],
			['/POST/SEND.ASMX', '"http://tempuri.org/GetCredit"'],
		]) {
			const r = await soap('Send', 'GetCredit', {}, { path, action });
			expectSoapOk(r);
			expect(resultText(r, 'GetCredit')).toBe('100000.5');
			expect(r.text).toContain('<GetCreditResponse xmlns="http://tempuri.org/">');
		}
	});

	it('unknown, missing or other-service SOAPAction → soap:Client "Server did not recognize the value of HTTP Header SOAPAction"', async () => {
		expectFault(await soap('Send', 'Nope', {}), 'soap:Client', 'Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/Nope.');
		expectFault(await soap('Send', 'GetCredit', {}, { action: null }), 'soap:Client', 'Server did not recognize the value of HTTP Header SOAPAction: .');
		expectFault(await soap('Send', 'GetMessagesAfterID', {}), 'soap:Client', 'Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/GetMessagesAfterID.');
		expectFault(await soap('Send', 'GetCredit', {}, { action: '"urn:other/GetCredit"' }), 'soap:Client', 'Server did not recognize');
	});

	it('body element not matching the action, malformed XML, DTDs and foreign envelopes → "Server was unable to read request."', async () => {
		expectFault(await soap('Send', 'GetCredit', {}, { body: envelope('SendSimpleSMS', params(GOOD)) }), 'soap:Client', 'Server was unable to read request.');
		expectFault(await soap('Send', 'GetCredit', {}, { body: envelope('GetCredit', '<username>good</username><password>x') }), 'soap:Client', 'Server was unable to read request.');
		expectFault(await soap('Send', 'GetCredit', {}, { body: '' }), 'soap:Client', 'Server was unable to read request.');
		expectFault(
			await soap('Send', 'GetCredit', {}, { body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + envelope('GetCredit', params(GOOD)).replace(/^<\?xml[^>]*>\n/, '') }),
			'soap:Client',
			'Server was unable to read request.',
		);
		expectFault(
			await soap('Send', 'GetCredit', {}, { body: envelope('GetCredit', params(GOOD)).replace(/schemas\.xmlsoap\.org\/soap\/envelope\//, 'www.w3.org/2003/05/soap-envelope') }),
			'soap:Client',
			'Server was unable to read request.',
		);
		expectFault(await soap('Send', 'GetCredit', {}, { body: envelope('GetCredit', '<username>good&nbsp;</username>') }), 'soap:Client', 'Server was unable to read request.');
	});

	it('refuses non-text/xml content (415), unknown services (404), and shows a help page on GET', async () => {
		expect((await soap('Send', 'GetCredit', {}, { contentType: 'application/soap+xml; charset=utf-8' })).status).toBe(415);
		expect((await soap('Nope', 'GetCredit', {})).status).toBe(404);
		const help = await http('GET', '/post/Users.asmx');
		expect(help.status).toBe(200);
		expect(help.text).toContain('ForgotPassword');
	});

	it('int, long and boolean elements with bad values are read faults, like XmlSerializer', async () => {
		expectFault(await soap('Send', 'SendSimpleSMS', { to: { strings: ['09121234567'] }, from: LINE, text: 'x', isflash: 'yes' }), 'soap:Client', 'Server was unable to read request.');
		expectFault(await soap('Send', 'GetDeliveries', { recIds: { longs: ['12a'] } }), 'soap:Client', 'Server was unable to read request.');
		expectFault(await soap('Send', 'GetDeliveries', { recIds: { longs: ['9223372036854775808'] } }), 'soap:Client', 'Server was unable to read request.');
		expectFault(await soap('Receive', 'GetMessagesAfterID', { location: 1, from: '', count: 100, msgId: '2147483648' }), 'soap:Client', 'Server was unable to read request.');
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('reads parameters only in the tempuri namespace: unqualified children are unknown (→ wrong credentials)', async () => {
		const body =
			'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
			'<t:GetCredit xmlns:t="http://tempuri.org/"><username>good</username><password>good-pass-1234</password></t:GetCredit></soap:Body></soap:Envelope>';
		expect(resultText(await soap('Send', 'GetCredit', {}, { body }), 'GetCredit')).toBe('0');
		const qualified = body.replace(/<(\/?)(username|password)>/g, '<$1t:$2>');
		expect(resultText(await soap('Send', 'GetCredit', {}, { body: qualified }), 'GetCredit')).toBe('100000.5');
	});
});

describe('SOAP Send.asmx sends', () => {
	it('SendSimpleSMS: 100 recipients → 100 recIds in request order; 101 → code 4 and nothing sent', async () => {
		const to = phones(100);
		const r = await soap('Send', 'SendSimpleSMS', { to: { strings: to }, from: LINE, text: `Hi\n${'لغو11'}`, isflash: false });
		expectSoapOk(r);
		const ids = resultItems(r, 'SendSimpleSMS', 'string')!;
		expect(ids).toHaveLength(100);
		expect(ids).toEqual(sb.sentMessages().map((m) => m.recId));
		expect(sb.sentMessages().map((m) => m.to)).toEqual(to);
		sb.reset();
		const over = await soap('Send', 'SendSimpleSMS', { to: { strings: phones(101) }, from: LINE, text: 'Hi لغو11', isflash: false });
		expect(resultItems(over, 'SendSimpleSMS', 'string')).toEqual(['4']);
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('more than one recipient needs "لغو11" (→ 15); Persian/Arabic digits count; one recipient does not', async () => {
		const send = (to: string[], text: string) => soap('Send', 'SendSimpleSMS', { to: { strings: to }, from: LINE, text, isflash: false });
		expect(resultItems(await send(['09121234567', '09121234568'], 'سلام'), 'SendSimpleSMS', 'string')).toEqual(['15']);
		expect(sb.sentMessages()).toHaveLength(0);
		expect(resultItems(await send(['09121234567', '09121234568'], 'سلام\nلغو۱۱'), 'SendSimpleSMS', 'string')).toHaveLength(2);
		expect(resultItems(await send(['09121234567', '09121234568'], 'سلام\nلغو١١'), 'SendSimpleSMS', 'string')).toHaveLength(2);
		expect(resultItems(await send(['09121234567'], 'سلام'), 'SendSimpleSMS', 'string')![0]).toMatch(/^[0-9]{19}$/);
		expect(sb.sentMessages()).toHaveLength(5);
	});

	it('per-recipient codes for invalid (18) and blacklisted (35) numbers; the others are sent and billed', async () => {
		const r = await soap('Send', 'SendSimpleSMS', { to: { strings: ['09121234567', '0912', '09120000035'] }, from: LINE, text: 'x لغو11', isflash: false });
		const items = resultItems(r, 'SendSimpleSMS', 'string')!;
		expect(items[0]).toMatch(/^[0-9]{19}$/);
		expect(items.slice(1)).toEqual(['18', '35']);
		expect(sb.sentMessages()).toHaveLength(1);
		expect(sb.credit()).toBe('99999.5');
	});

	it('whole-call failures: one element with the code, or the code per recipient when switched', async () => {
		const call = (acc = GOOD) => soap('Send', 'SendSimpleSMS', { ...acc, to: { strings: ['09121234567', '09121234568'] }, from: LINE, text: 'x لغو11', isflash: false });
		expect(resultItems(await call({ username: 'nocredit', password: 'nocredit-pass-1234' }), 'SendSimpleSMS', 'string')).toEqual(['2']);
		expect(resultItems(await call({ username: 'good', password: 'bad' }), 'SendSimpleSMS', 'string')).toEqual(['0']);
		sb.setSwitches({ soapSendFailureShape: 'perRecipient' });
		expect(resultItems(await call({ username: 'nocredit', password: 'nocredit-pass-1234' }), 'SendSimpleSMS', 'string')).toEqual(['2', '2']);
		sb.setCredit('1');
		expect(resultItems(await call(), 'SendSimpleSMS', 'string')).toEqual(['2', '2']);
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('escaped text arrives as literal text: tags, entities, "]]>" and forged elements stay inert', async () => {
		const nasty = 'a </text><to><string>09350000000</string></to> & "q" \'s\' ]]> <![CDATA[x]]>';
		const r = await soap('Send', 'SendSimpleSMS2', { to: '09121234567', from: LINE, text: nasty, isflash: false });
		expect(resultText(r, 'SendSimpleSMS2')).toMatch(/^[0-9]{19}$/);
		expect(sb.sentMessages()).toMatchObject([{ to: '09121234567', text: nasty }]);
		const refs = await soap('Send', 'SendSimpleSMS2', { to: '09121234567', from: LINE, text: { raw: '&#x633;&#1604;&#x627;&#x645; <![CDATA[<b>]]>' }, isflash: false });
		expect(resultText(refs, 'SendSimpleSMS2')).toMatch(/^[0-9]{19}$/);
		expect(sb.sentMessages()[1].text).toBe('سلام <b>');
	});

	it('SendSimpleSMS2 returns one recId or one code', async () => {
		expect(resultText(await soap('Send', 'SendSimpleSMS2', { to: '09121234567', from: LINE, text: 'x', isflash: true }), 'SendSimpleSMS2')).toMatch(/^[0-9]{19}$/);
		expect(resultText(await soap('Send', 'SendSimpleSMS2', { to: '09121234567', from: '50001060', text: 'x', isflash: false }), 'SendSimpleSMS2')).toBe('9');
		expect(sb.sentMessages()).toMatchObject([{ isFlash: true, path: 'soap:SendSimpleSMS2' }]);
	});

	it('SendByBaseNumber (string[]) and SendByBaseNumber2 (;-joined) send patterns', async () => {
		expect(resultText(await soap('Send', 'SendByBaseNumber', { text: { strings: ['علی', '123'] }, to: '09121234567', bodyId: 1002 }), 'SendByBaseNumber')).toMatch(/^[0-9]{19}$/);
		expect(resultText(await soap('Send', 'SendByBaseNumber2', { text: 'علی;123', to: '09121234567', bodyId: 1002 }), 'SendByBaseNumber2')).toMatch(/^[0-9]{19}$/);
		expect(resultText(await soap('Send', 'SendByBaseNumber2', { text: '123', to: '09121234567', bodyId: 1003 }), 'SendByBaseNumber2')).toBe('-4');
		expect(sb.sentMessages().map((m) => m.text)).toEqual(['علی عزیز، کد ورود شما 123 است.', 'علی عزیز، کد ورود شما 123 است.']);
	});
});

describe('SOAP GetDeliveries and GetCredit', () => {
	it('GetDeliveries: one code per recId in request order; unknown → 100; wrong credentials → no result element', async () => {
		sb.clock.set('2026-03-01T10:00:00Z');
		const a = (await sendSms()).json().Value;
		const b = (await sendSms()).json().Value;
		sb.setDeliveryStatus(b, 2);
		sb.clock.advance(6_000);
		const r = await soap('Send', 'GetDeliveries', { recIds: { longs: [b, '1', a] } });
		expect(resultItems(r, 'GetDeliveries', 'int')).toEqual(['2', '100', '8']);
		const bad = await soap('Send', 'GetDeliveries', { password: 'bad', recIds: { longs: [a] } });
		expectSoapOk(bad);
		expect(resultText(bad, 'GetDeliveries')).toBeUndefined();
		expect(bad.text).toContain('<GetDeliveriesResponse xmlns="http://tempuri.org/" />');
	});

	it('GetCredit: the credit as a double; wrong credentials → 0', async () => {
		sb.setCredit('1520.5');
		expect(resultText(await soap('Send', 'GetCredit', {}), 'GetCredit')).toBe('1520.5');
		expect(resultText(await soap('Send', 'GetCredit', { password: 'bad' }), 'GetCredit')).toBe('0');
	});
});

describe('inbox (read-only methods and the ones that change state)', () => {
	const afterId = (msgId: string | number, count = 100, from = '') =>
		soap('Receive', 'GetMessagesAfterID', { location: 1, from, count, msgId: String(msgId) });

	it('GetMessagesAfterID: MsgID > msgId, ascending, at most count; never changes read state', async () => {
		const ids = ['one', 'two', 'three'].map((text, i) => sb.addInbound({ from: `0912000000${i}`, text }).msgId);
		const all = records(await afterId(0), 'GetMessagesAfterID');
		expect(all.map((m) => m.MsgID)).toEqual(ids);
		expect(all[0]).toMatchObject({ Body: 'one', Sender: '09120000000', Receiver: LINE, FirstLocation: '1', CurrentLocation: '1', Parts: '1', IsFlash: 'false', Udh: '' });
		expect(records(await afterId(ids[0], 1), 'GetMessagesAfterID').map((m) => m.Body)).toEqual(['two']);
		expect(records(await afterId(ids[2]), 'GetMessagesAfterID')).toEqual([]);
		expect((await afterId(ids[2])).text).toContain('<GetMessagesAfterIDResult />');
		expect(sb.inbox().every((m) => !m.read)).toBe(true);
		expect(records(await afterId(0, 100, '50009999'), 'GetMessagesAfterID')).toEqual([]);
	});

	it('bigMsgIds: ids above 2^31 cannot be asked for with the int msgId (read fault)', async () => {
		sb.setSwitches({ bigMsgIds: true });
		const m = sb.addInbound({ from: '09121234567', text: 'big' });
		expect(BigInt(m.msgId) > 2147483647n).toBe(true);
		expect(records(await afterId(0), 'GetMessagesAfterID').map((x) => x.MsgID)).toEqual([m.msgId]);
		expectFault(await afterId(m.msgId), 'soap:Client', 'Server was unable to read request.');
	});

	it('getMessages pages newest first by index/count; location 2 lists sent messages; SendDate is Tehran time without offset', async () => {
		sb.clock.set('2026-11-23T06:45:42.170Z');
		for (const t of ['a', 'b', 'c', 'd']) sb.addInbound({ from: '09121234567', text: t });
		const page = (index: number, count: number, location = 1) => soap('Send', 'getMessages', { location, from: '', index, count });
		expect(records(await page(0, 2), 'getMessages').map((m) => m.Body)).toEqual(['d', 'c']);
		expect(records(await page(2, 2), 'getMessages').map((m) => m.Body)).toEqual(['b', 'a']);
		expect(records(await page(4, 2), 'getMessages')).toEqual([]);
		expect(records(await page(0, 1), 'getMessages')[0].SendDate).toBe('2026-11-23T10:15:42.17');
		await sendSms({ text: 'out' });
		const sent = records(await page(0, 10, 2), 'getMessages');
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ Body: 'out', Sender: LINE, Receiver: '09121234567', FirstLocation: '2' });
		expect(records(await page(0, 10, -1), 'getMessages')).toHaveLength(5);
		expect(resultText(await soap('Send', 'getMessages', { password: 'bad', location: 1, from: '', index: 0, count: 10 }), 'getMessages')).toBeUndefined();
		expect(sb.inbox().every((m) => !m.read)).toBe(true);
	});

	it('GetInboxCount counts by read flag (on Send.asmx and Receive.asmx); only ChangeIsRead / GetMessagesWithChangeIsRead(changeIsRead) / RemoveMessages2 change state', async () => {
		const ids = ['a', 'b', 'c'].map((t) => sb.addInbound({ from: '09121234567', text: t }).msgId);
		const count = async (isRead: boolean, service = 'Send') => resultText(await soap(service, 'GetInboxCount', { isRead }), 'GetInboxCount');
		expect([await count(false), await count(true), await count(false, 'Receive')]).toEqual(['3', '0', '3']);

		const peek = await soap('Receive', 'GetMessagesWithChangeIsRead', { location: 1, from: '', index: 0, count: 10, isRead: false, changeIsRead: false });
		expect(records(peek, 'GetMessagesWithChangeIsRead')).toHaveLength(3);
		expect(await count(false)).toBe('3');

		expect(resultText(await soap('Receive', 'ChangeIsRead', { msgIds: ids[0] }), 'ChangeIsRead')).toBe('1');
		expect([await count(false), await count(true)]).toEqual(['2', '1']);

		const take = await soap('Receive', 'GetMessagesWithChangeIsRead', { location: 1, from: '', index: 0, count: 1, isRead: false, changeIsRead: true });
		expect(records(take, 'GetMessagesWithChangeIsRead').map((m) => m.Body)).toEqual(['c']);
		expect([await count(false), await count(true)]).toEqual(['1', '2']);

		expect(resultText(await soap('Receive', 'RemoveMessages2', { msgIds: `${ids[1]},${ids[2]}` }), 'RemoveMessages2')).toBe('1');
		expect(sb.inbox().map((m) => m.body)).toEqual(['a']);
		expect(await count(false)).toBe('0');
	});
});

describe('Users.asmx ForgotPassword (the seed method)', () => {
	const forgot = (p: Record<string, Param> = {}, o: { body?: string } = {}) =>
		soap('Users', 'ForgotPassword', { ...sb.accounts.reseller, mobileNumber: '09121112233', emailAddress: 'agent@example.com', targetUsername: 'customer42', ...p }, o);

	it('1 for a sub-user of the reseller, recording the SMS to the reseller\'s mobile', async () => {
		const r = await forgot();
		expectSoapOk(r);
		expect(r.text).toContain('<ForgotPasswordResponse xmlns="http://tempuri.org/">');
		expect(resultText(r, 'ForgotPassword')).toBe('1');
		expect(sb.passwordRecoveries()).toMatchObject([
			{ reseller: 'reseller', targetUsername: 'customer42', mobileNumber: '09121112233', emailAddress: 'agent@example.com', sentTo: '09121112233' },
		]);
	});

	it('−1 for a wrong reseller login, or for the capitalised names of the seed table (unknown elements)', async () => {
		expect(resultText(await forgot({ password: 'wrong' }), 'ForgotPassword')).toBe('-1');
		const capitalised = envelope(
			'ForgotPassword',
			params({ Username: 'reseller', Password: 'reseller-pass-1234', MobileNumber: '09121112233', EmailAddress: 'agent@example.com', TargetUsername: 'customer42' }),
		);
		expect(resultText(await forgot({}, { body: capitalised }), 'ForgotPassword')).toBe('-1');
		expect(sb.passwordRecoveries()).toHaveLength(0);
	});

	it('0 (undocumented) for a target that is not a sub-user; a switch forces any result with no side effect', async () => {
		expect(resultText(await forgot({ targetUsername: 'stranger' }), 'ForgotPassword')).toBe('0');
		expect(resultText(await forgot({ ...GOOD }), 'ForgotPassword')).toBe('0');
		sb.setSwitches({ forgotPasswordResult: 7 });
		expect(resultText(await forgot(), 'ForgotPassword')).toBe('7');
		expect(sb.passwordRecoveries()).toHaveLength(0);
	});

	it('keeps escaped values as text: a username holding markup matches no sub-user and forges nothing', async () => {
		const forged = 'customer42</targetUsername><targetUsername>customer43';
		expect(resultText(await forgot({ targetUsername: forged }), 'ForgotPassword')).toBe('0');
		expect(resultText(await forgot({ emailAddress: 'a&b<c>@example.com', targetUsername: 'customer43' }), 'ForgotPassword')).toBe('1');
		expect(sb.passwordRecoveries()).toMatchObject([{ targetUsername: 'customer43', emailAddress: 'a&b<c>@example.com' }]);
	});
});

describe('console surface', () => {
	it('send/otp returns a 5-digit code as a string and records it; a queued code keeps its leading zero', async () => {
		const r = await consoleCall('send/otp', { to: '09121234567' });
		expect(r.status).toBe(200);
		const body = r.json();
		expect(body.status).toBe('عملیات موفق');
		expect(body.code).toMatch(/^[0-9]{5}$/);
		expect(sb.otpLog()).toMatchObject([{ to: '09121234567', code: body.code }]);
		expect(sb.sentMessages()).toHaveLength(1);
		sb.queueOtpCode('01234');
		expect((await consoleCall('send/otp', { to: '09121234567' })).text).toContain('"code":"01234"');
	});

	it('otpCodeAsNumber writes the code as a bare JSON number (a leading zero is lost on the wire)', async () => {
		sb.setSwitches({ otpCodeAsNumber: true });
		sb.queueOtpCode('04821');
		const r = await consoleCall('send/otp', { to: '09121234567' });
		expect(r.text).toContain('"code":4821');
		expect(sb.otpLog()[0].code).toBe('04821');
	});

	it('an invalid key answers the Persian "console key is not valid" (HTTP status switchable) and does nothing', async () => {
		const r = await consoleCall('send/otp', { to: '09121234567' }, { key: sb.invalidConsoleKey });
		expect(r.status).toBe(200);
		expect(r.json()).toEqual({ status: 'کلید کنسول معتبر نیست' });
		sb.setSwitches({ consoleBadKeyStatus: 401 });
		expect((await consoleCall('receive/credit', undefined, { key: 'nope', method: 'GET' })).status).toBe(401);
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('send/otp refuses an invalid number and an empty credit without sending', async () => {
		expect((await consoleCall('send/otp', { to: '0912' })).json()).toEqual({ status: 'شماره موبایل نامعتبر است' });
		sb.setCredit(0);
		expect((await consoleCall('send/otp', { to: '09121234567' })).json()).toEqual({ status: 'اعتبار کافی نیست' });
		expect(sb.sentMessages()).toHaveLength(0);
		expect(sb.otpLog()).toHaveLength(0);
	});

	it('send/simple and send/shared return recId as a bare JSON number beyond 2^53', async () => {
		const simple = await consoleCall('send/simple', { from: LINE, to: '09121234567', text: 'Hi' });
		const recId = sb.sentMessages()[0].recId;
		expect(simple.text).toContain(`"recId":${recId}`);
		expect(String(simple.json().recId)).not.toBe(recId); // JSON.parse damages it: the node must not use it
		const shared = await consoleCall('send/shared', { bodyId: 1001, to: '09121234567', args: ['48213'] });
		expect(shared.text).toContain(`"recId":${sb.sentMessages()[1].recId}`);
		expect((await consoleCall('send/shared', { bodyId: 1003, to: '09121234567', args: ['1'] })).json()).toMatchObject({ recId: null });
		expect(sb.sentMessages()).toHaveLength(2);
	});

	it('receive/credit (GET) and receive/status (bare integer recIds, -1 for unknown)', async () => {
		sb.setCredit('1520.5');
		const credit = await consoleCall('receive/credit', undefined, { method: 'GET' });
		expect(credit.json()).toEqual({ amount: 1520.5, status: 'عملیات موفق' });
		sb.clock.set('2026-03-01T10:00:00Z');
		await sendSms();
		const recId = sb.sentMessages()[0].recId;
		sb.clock.advance(60_000);
		const st = await consoleCall('receive/status', undefined, { raw: `{"recIds":[${recId},1]}` });
		expect(st.json()).toMatchObject({ resultsAsCode: [1, -1], status: 'عملیات موفق' });
	});
});

describe('faults', () => {
	const simple = () => soap('Send', 'SendSimpleSMS', { to: { strings: ['09121234567'] }, from: LINE, text: 'x', isflash: false });

	it('resetAfter: the SOAP send really happens (and is billed), then the connection drops', async () => {
		sb.injectFault({ route: 'soap:SendSimpleSMS', kind: 'resetAfter' });
		await expect(simple()).rejects.toThrow();
		expect(sb.sentMessages()).toHaveLength(1);
		expect(sb.credit()).toBe('99999.5');
		expect(sb.requests()[0].status).toBe(0);
	});

	it('resetBefore: nothing happens on the server', async () => {
		sb.injectFault({ route: 'rest:SendSMS', kind: 'resetBefore' });
		await expect(sendSms()).rejects.toThrow();
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('targets routes by surface, method or path; a bare name hits REST or SOAP alike', async () => {
		sb.injectFault({ route: 'rest:GetCredit', kind: 'http503' });
		expect(resultText(await soap('Send', 'GetCredit', {}), 'GetCredit')).toBe('100000.5');
		expect((await rest('GetCredit', GOOD)).status).toBe(503);
		sb.injectFault({ route: 'GetCredit', kind: 'http503', times: 2 });
		expect((await soap('Send', 'GetCredit', {})).status).toBe(503);
		expect((await rest('GetCredit', GOOD)).status).toBe(503);
		sb.injectFault({ route: '/post/Users.asmx', kind: 'http503' });
		expect((await soap('Send', 'GetCredit', {})).status).toBe(200);
		expect((await soap('Users', 'ForgotPassword', {})).status).toBe(503);
		sb.injectFault({ route: 'console', kind: 'http500' });
		expect((await consoleCall('receive/credit', undefined, { method: 'GET' })).status).toBe(500);
		expect(() => sb.injectFault({ route: 'soap:Nope', kind: 'http500' })).toThrow(/Unknown route/);
		expect(() => sb.injectFault({ kind: 'nope' as never })).toThrow(/Unknown fault kind/);
	});

	it('http500 speaks each surface: soap:Server fault, ASP.NET error object, console JSON; 503 and 429 are IIS pages', async () => {
		sb.injectFault({ route: 'soap', kind: 'http500' });
		expectFault(await soap('Send', 'GetCredit', {}), 'soap:Server', 'Server was unable to process request.');
		sb.injectFault({ route: 'rest', kind: 'http500' });
		const r500 = await rest('GetCredit', GOOD);
		expect(r500.status).toBe(500);
		expect(r500.json()).toEqual({ Message: 'An error has occurred.' });
		sb.injectFault({ kind: 'http503' });
		const r503 = await soap('Send', 'GetCredit', {});
		expect(r503.status).toBe(503);
		expect(r503.headers.get('content-type')).toMatch(/text\/html/);
		sb.injectFault({ kind: 'http429' });
		const r429 = await rest('GetCredit', GOOD);
		expect(r429.status).toBe(429);
		expect(r429.headers.get('retry-after')).toBeNull();
		sb.injectFault({ kind: 'http429RetryAfter', delayMs: 2500 });
		expect((await soap('Send', 'GetCredit', {})).headers.get('retry-after')).toBe('3');
		sb.injectFault({ kind: 'html500' });
		const h = await rest('GetCredit', GOOD);
		expect([h.status, h.text.startsWith('<!DOCTYPE html>')]).toEqual([500, true]);
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('broken bodies: truncated XML, malformed JSON, empty body, an HTML page with 200', async () => {
		sb.injectFault({ kind: 'truncatedJson', route: 'soap:GetCredit' });
		const t = await soap('Send', 'GetCredit', {});
		expect(t.status).toBe(200);
		expect(t.text.startsWith('<?xml')).toBe(true);
		expect(t.text).not.toContain('</soap:Envelope>');
		sb.injectFault({ kind: 'malformedJson' });
		const m = await rest('GetCredit', GOOD);
		expect(() => JSON.parse(m.text)).toThrow();
		sb.injectFault({ kind: 'emptyBody', status: 502 });
		const e = await soap('Send', 'GetCredit', {});
		expect([e.status, e.text]).toEqual([502, '']);
		sb.injectFault({ kind: 'htmlBody' });
		const html = await soap('Send', 'GetCredit', {});
		expect(html.status).toBe(200);
		expect(html.headers.get('content-type')).toMatch(/text\/html/);
	});

	it('failure200: the operation\'s own failure shape with the given code (default 6), nothing processed', async () => {
		sb.injectFault({ kind: 'failure200', route: 'rest:SendSMS', code: 11 });
		expectEnvelope(await sendSms(), '11', 35);
		sb.injectFault({ kind: 'failure200', route: 'soap:SendSimpleSMS' });
		expect(resultItems(await simple(), 'SendSimpleSMS', 'string')).toEqual(['6']);
		sb.injectFault({ kind: 'failure200', route: 'soap:ForgotPassword', code: 0 });
		expect(resultText(await soap('Users', 'ForgotPassword', {}), 'ForgotPassword')).toBe('0');
		sb.injectFault({ kind: 'failure200', route: 'console:send/otp' });
		expect((await consoleCall('send/otp', { to: '09121234567' })).json().code).toBeUndefined();
		expect(sb.sentMessages()).toHaveLength(0);
	});

	it('delay: the client gives up, the server still sends', async () => {
		sb.injectFault({ route: 'soap:SendSimpleSMS', kind: 'delay', delayMs: 600 });
		await expect(
			soap('Send', 'SendSimpleSMS', { to: { strings: ['09121234567'] }, from: LINE, text: 'slow', isflash: false }, { signal: AbortSignal.timeout(100) }),
		).rejects.toThrow();
		expect(sb.sentMessages()).toHaveLength(0);
		for (let i = 0; i < 40 && sb.sentMessages().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
		expect(sb.sentMessages()).toHaveLength(1);
	});
});

describe('request log', () => {
	it('masks passwords (form, JSON, SOAP, API key used as password) and console keys in paths', async () => {
		await sendSms();
		await rest('GetCredit', { username: 'good', password: sb.accounts.good.apiKey }, { json: true });
		await soap('Users', 'ForgotPassword', { ...sb.accounts.reseller, mobileNumber: '09121112233', emailAddress: 'a@b.c', targetUsername: 'customer42' });
		await consoleCall('send/otp', { to: '09121234567' });
		await consoleCall('send/otp', { to: '09121234567' }, { key: sb.invalidConsoleKey });
		await fetch(`${sb.url}/__sandbox/state`);
		const log = sb.requests();
		expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
			['POST', '/api/SendSMS/SendSMS', 200],
			['POST', '/api/SendSMS/GetCredit', 200],
			['POST', '/post/Users.asmx', 200],
			['POST', '/api/send/otp/***', 200],
			['POST', '/api/send/otp/***', 200],
		]);
		expect(log[0].body).toContain('password=***');
		expect(log[0].body).toContain('to=09121234567');
		expect(log[1].body).toContain('"password":"***"');
		expect(log[2].body).toContain('<password>***</password>');
		expect(log[2].body).toContain('<targetUsername>customer42</targetUsername>');
		expect(log[2].headers.soapaction).toBe('"http://tempuri.org/ForgotPassword"');
		const dump = JSON.stringify(log);
		for (const secret of [GOOD.password, sb.accounts.good.apiKey, sb.accounts.reseller.password, sb.consoleKey, sb.invalidConsoleKey]) {
			expect(dump).not.toContain(secret);
		}
		sb.clearRequests();
		expect(sb.requests()).toEqual([]);
	});
});

describe('HTTP control surface', () => {
	const control = (method: string, p: string, body?: unknown) => callControl(sb.url, method, p, body);

	it('lists its routes and drives the emulator without auth', async () => {
		const help = await control('GET', '');
		expect(help.status).toBe(200);
		for (const route of ['/state', '/inbound', '/inbox', '/sent', '/accounts', '/account', '/delivery', '/otp', '/password-recoveries', '/fault', '/routes', '/requests', '/reset', '/clock', '/switches']) {
			expect(help.text).toContain(`/__sandbox${route}`);
		}
		const state = (await control('GET', '/state')).json();
		expect(state.soapBaseUrl).toBe(`${sb.url}/post`);
		expect(JSON.stringify(state)).not.toContain(GOOD.password);

		const added = (await control('POST', '/inbound', { from: '09121234567', text: 'via http' })).json();
		expect(added).toMatchObject({ sender: '09121234567', receiver: LINE, body: 'via http', read: false });
		expect(typeof added.msgId).toBe('string');
		expect((await control('GET', '/inbox')).json()).toHaveLength(1);
		expect((await control('POST', '/inbound', { text: 'no sender' })).status).toBe(400);

		expect((await control('POST', '/account', { username: 'good', credit: '12.25', dailyLimit: 5 })).json()).toMatchObject({ credit: '12.25', dailyLimit: 5 });
		expect((await control('POST', '/account', { username: 'nobody' })).status).toBe(400);
		expect((await control('POST', '/account', { username: 'good', bogus: 1 })).status).toBe(400);

		const recId = (await sendSms()).json().Value;
		expect((await control('POST', '/delivery', `{"recId": ${recId}, "code": 300}`)).status).toBe(200);
		expectEnvelope(await rest('GetDeliveries2', { ...GOOD, recId }), '300');
		expect((await control('GET', '/sent')).json()[0].recId).toBe(recId);

		expect((await control('POST', '/otp', { code: '00042' })).status).toBe(200);
		await consoleCall('send/otp', { to: '09121234567' });
		expect((await control('GET', '/otp')).json()[0].code).toBe('00042');

		expect((await control('POST', '/switches', { forgotPasswordResult: 3 })).json().forgotPasswordResult).toBe(3);
		expect((await control('POST', '/switches', { soapSendFailureShape: 'sometimes' })).status).toBe(400);
		expect((await control('POST', '/switches', { nope: true })).status).toBe(400);
		expect((await control('GET', '/password-recoveries')).json()).toEqual([]);

		expect((await control('POST', '/fault', { route: 'soap:GetCredit', kind: 'http503' })).status).toBe(200);
		expect((await soap('Send', 'GetCredit', {})).status).toBe(503);
		expect((await control('POST', '/fault', { route: 'nope', kind: 'http503' })).status).toBe(400);
		expect((await control('GET', '/routes')).json()).toContain('soap:ForgotPassword');

		expect((await control('POST', '/clock', { at: '2026-01-05T06:30:00Z' })).json().frozen).toBe(true);
		expect((await control('GET', '/requests')).json().length).toBeGreaterThan(0);
		expect((await control('DELETE', '/requests')).status).toBe(200);
		expect(sb.requests()).toHaveLength(0);
		expect((await control('POST', '/reset')).status).toBe(200);
		expect(sb.clockIsFrozen()).toBe(false);
		expect(sb.inbox()).toEqual([]);
		expect(sb.credit()).toBe('100000.5');
		expect((await control('GET', '/nope')).status).toBe(404);
	});
});

describe('manifest row', () => {
	it('starts the sandbox with port 0; its credential and inbound-SMS command work against it', async () => {
		const row = providers.find((x) => x.id === 'melipayamak')!;
		expect(row.sandbox.defaultPort).toBe(47812);
		const running = (await row.sandbox.start({ port: 0 })) as MelipayamakSandbox;
		try {
			expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const data = row.credentials[0].sandbox.data(running) as Record<string, string>;
			expect(data.soapBaseUrl).toBe(`${running.url}/post`);
			const credit = await fetch(`${data.restBaseUrl}/api/SendSMS/GetCredit`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ username: data.username, password: data.password }).toString(),
			});
			expect(await credit.json()).toEqual({ Value: '100000.5', RetStatus: 1, StrRetStatus: 'Ok' });
			const command = row.capabilities.inboundSms!(running);
			const body = /-d '([^']*)'/.exec(command)![1];
			const add = await fetch(`${running.url}/__sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			expect(add.status).toBe(200);
			expect(running.inbox()).toMatchObject([{ sender: '09121234567', receiver: '50002710000000', body: 'Hello from the sandbox' }]);
			const setCredit = /-d '([^']*)'/.exec(row.capabilities.credit!(running))![1];
			await fetch(`${running.url}/__sandbox/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: setCredit });
			expect(running.credit()).toBe('500');
		} finally {
			await running.close();
		}
	});
});
