/**
 * Contract tests of the ChinaTrainTickets loopback emulator itself, through plain fetch.
 * (The node's own tests use this sandbox; these make sure the sandbox says what the spec says.)
 * Signatures here are computed with node:crypto directly, not with the emulator's code.
 */
import { readReply, type Reply } from '../support/reply';
import { callControl } from '../support/control';
import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';

import {
	computeSign,
	DEFAULT_SIGNING_KEY,
	MESSAGES,
	signingPlainText,
	startChinaTrainTicketsSandbox,
	VECTOR_A,
} from '../../sandbox/chinatraintickets';
import type { ChinaTrainTicketsSandbox } from '../../sandbox/chinatraintickets';

const SENDCODE = '/api/member/retrievepwd/sendcode';
const UPDATEPWD = '/api/member/retrievepwd/updatepwd';
const HELP = '/Help/Api/POST-api-member-retrievepwd-sendcode';
const CLIENT = 'c395c016-ad85-40d9-963b-9255d4957d4c';
const IMG = '7K3P';

let sb: ChinaTrainTicketsSandbox;

beforeAll(async () => {
	sb = await startChinaTrainTicketsSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

function md5(s: string): string {
	return createHash('md5').update(s, 'utf8').digest('hex');
}

function hmac(key: string, msg: string): string {
	return createHmac('sha256', key).update(msg).digest('hex');
}

/** Independent implementation of spec §3.2. */
function signOf(key: string, random: number, ts: string): string {
	return hmac(key, md5(`random=${random}&timestamp=${ts}&terminal=1`));
}

function utcStamp(d: Date): string {
	return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

let randomSeq = 10000;
function nextRandom(): number {
	randomSeq = randomSeq >= 19999 ? 10000 : randomSeq + 1;
	return randomSeq;
}

/** Valid signing fields for the sandbox clock (overridable). */
function signing(o: { key?: string; random?: number; at?: Date; ts?: string } = {}) {
	const random = o.random ?? nextRandom();
	const ts = o.ts ?? utcStamp(o.at ?? sb.clock.now());
	return { terminal: 1, time_stamp: ts, random, sign: signOf(o.key ?? sb.signingKey, random, ts) };
}

async function post(
	p: string,
	o: {
		json?: unknown;
		raw?: string;
		contentType?: string | null;
		accept?: string | null;
		signal?: AbortSignal;
	} = {},
): Promise<Reply> {
	const headers: Record<string, string> = {};
	if (o.accept !== null) headers.accept = o.accept ?? 'application/json';
	const body =
		o.raw !== undefined ? o.raw : o.json !== undefined ? JSON.stringify(o.json) : undefined;
	if (body !== undefined && o.contentType !== null)
		headers['content-type'] = o.contentType ?? 'application/json; charset=utf-8';
	const res = await fetch(sb.url + p, { method: 'POST', headers, body, signal: o.signal });
	return await readReply(res);
}

/** A POST through node:http, which (unlike fetch) can leave out the Accept header. */
function rawPost(
	p: string,
	body: string,
	headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			sb.url + p,
			{ method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function get(p: string, headers: Record<string, string> = {}): Promise<Reply> {
	const res = await fetch(sb.url + p, { headers });
	return await readReply(res);
}

const captcha = { client: CLIENT, img_code: IMG };

const sendCode = (fields: Record<string, unknown>, sig: Record<string, unknown> = signing()) =>
	post(SENDCODE, { json: { ...fields, ...sig } });

const updatePwd = (fields: Record<string, unknown>, sig: Record<string, unknown> = signing()) =>
	post(UPDATEPWD, { json: { ...fields, ...sig } });

function expectEnvelope(r: Reply, code: number, message?: string, status = 200) {
	expect(r.status).toBe(status);
	expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
	const body = r.json();
	expect(Object.keys(body)).toEqual(['code', 'message', 'data']);
	expect(body.code).toBe(code);
	if (message !== undefined) expect(body.message).toBe(message);
	if (code !== 1) expect(body.data).toBeNull();
	return body;
}

describe('signing scheme (spec §3)', () => {
	it('reproduces test vector A step by step', () => {
		expect(signingPlainText(VECTOR_A.random, VECTOR_A.timeStamp, VECTOR_A.terminal)).toBe(
			VECTOR_A.plain,
		);
		expect(md5(VECTOR_A.plain)).toBe('2d013bf067b59289926c270465d34985');
		expect(computeSign('abc@123!', 12345, '20240101120000', 1)).toBe(
			'4c807e5a8fab27506acce3e258c37286e6a9a42c5580f8a27cbd345caa12c86e',
		);
		expect(signOf(VECTOR_A.key, VECTOR_A.random, VECTOR_A.timeStamp)).toBe(VECTOR_A.sign);
	});

	it('differs for the classic mistakes: uppercase MD5, HMAC over the plain text, label time_stamp', () => {
		expect(hmac(VECTOR_A.key, md5(VECTOR_A.plain).toUpperCase())).not.toBe(VECTOR_A.sign);
		expect(hmac(VECTOR_A.key, VECTOR_A.plain)).not.toBe(VECTOR_A.sign);
		expect(hmac(VECTOR_A.key, md5('random=12345&time_stamp=20240101120000&terminal=1'))).not.toBe(
			VECTOR_A.sign,
		);
	});

	it('accepts the vector A request itself at 2024-01-01T12:00:00Z with key abc@123!', async () => {
		sb.setSigningKey(VECTOR_A.key);
		sb.clock.set('2024-01-01T12:00:00Z');
		const sig = {
			terminal: 1,
			time_stamp: VECTOR_A.timeStamp,
			random: VECTOR_A.random,
			sign: VECTOR_A.sign,
		};
		const r = await sendCode({ username: 'traveller01', ...captcha }, sig);
		expectEnvelope(r, 1, MESSAGES.codeSent);
		expect(sb.outbox()).toHaveLength(1);
	});

	it('uses its own default key, not the vector A key, and takes one from the options', async () => {
		expect(sb.signingKey).toBe(DEFAULT_SIGNING_KEY);
		expect(sb.signingKey).not.toBe(VECTOR_A.key);
		const r = await sendCode(
			{ username: 'traveller01', ...captcha },
			signing({ key: VECTOR_A.key }),
		);
		expectEnvelope(r, -1, MESSAGES.signMismatch);
		const other = await startChinaTrainTicketsSandbox({ signingKey: 'k-2' });
		try {
			expect(other.signingKey).toBe('k-2');
			expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(other.port).toBe(Number(new URL(other.url).port));
		} finally {
			await other.close();
		}
	});
});

describe('routing and media types', () => {
	it('matches paths case-insensitively, with or without a trailing slash', async () => {
		sb.setSwitches({ cooldownSec: 0 });
		for (const p of [SENDCODE, SENDCODE.toUpperCase(), `${SENDCODE}/`]) {
			expectEnvelope(
				await post(p, { json: { username: 'traveller01', ...captcha, ...signing() } }),
				1,
			);
		}
		expect(sb.outbox()).toHaveLength(3);
	});

	it('answers 404 {"Message"} under /api, an IIS page elsewhere, and 405 with Allow for a wrong method', async () => {
		const api404 = await post('/api/member/retrievepwd/nothing', { json: {} });
		expect(api404.status).toBe(404);
		expect(api404.json().Message).toMatch(
			/^No HTTP resource was found that matches the request URI 'http:\/\/127\.0\.0\.1:\d+\/api\/member\/retrievepwd\/nothing'\.$/,
		);
		const page404 = await get('/nothing');
		expect(page404.status).toBe(404);
		expect(page404.headers.get('content-type')).toMatch(/text\/html/);
		const r405 = await get(SENDCODE);
		expect(r405.status).toBe(405);
		expect(r405.headers.get('allow')).toBe('POST');
		expect(r405.json()).toEqual({
			Message: "The requested resource does not support http method 'GET'.",
		});
		const helpPost = await post(HELP, { json: {} });
		expect(helpPost.status).toBe(405);
		expect(helpPost.headers.get('allow')).toBe('GET');
	});

	it('serves the seed help page unsigned on GET (what a credential test may reach)', async () => {
		const r = await get(HELP);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^text\/html/);
		expect(r.text).toContain('POST api/member/retrievepwd/sendcode');
		expect((await get(HELP.toLowerCase())).status).toBe(200);
		expect(sb.outbox()).toHaveLength(0);
	});

	it('reads application/json, text/json, form-encoded (as the web front-end posts) and XML bodies', async () => {
		sb.setSwitches({ cooldownSec: 0 });
		expectEnvelope(
			await post(SENDCODE, {
				json: { username: 'traveller01', ...captcha, ...signing() },
				contentType: 'text/json',
			}),
			1,
		);

		const s = signing();
		const form = new URLSearchParams({
			username: 'traveller01',
			...captcha,
			terminal: '1',
			time_stamp: s.time_stamp,
			random: String(s.random),
			sign: s.sign,
		});
		expectEnvelope(
			await post(SENDCODE, {
				raw: form.toString(),
				contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
			}),
			1,
		);

		const x = signing();
		const xml =
			'<MemberRetrievePwdSendCodRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Areas.webApi.Models">' +
			`<random xmlns="http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Models">${x.random}</random>` +
			`<sign xmlns="http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Models">${x.sign}</sign>` +
			'<terminal xmlns="http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Models">WEBPAGEEnum</terminal>' +
			`<time_stamp xmlns="http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Models">${x.time_stamp}</time_stamp>` +
			`<client>${CLIENT}</client><img_code>${IMG}</img_code><username>traveller01</username>` +
			'</MemberRetrievePwdSendCodRequest>';
		expectEnvelope(
			await post(SENDCODE, {
				raw: xml,
				contentType: 'application/xml',
				accept: 'application/json',
			}),
			1,
		);
		// DataContract writes the enum by name: the number is not a Terminal in XML.
		const xmlNumeric = xml.replace('>WEBPAGEEnum<', '>1<');
		expectEnvelope(
			await post(SENDCODE, {
				raw: xmlNumeric,
				contentType: 'text/xml',
				accept: 'application/json',
			}),
			-1,
			MESSAGES.signFields,
		);
		expect(sb.outbox()).toHaveLength(3);
	});

	it('answers 415 {"Message"} for another or a missing Content-Type', async () => {
		const body = JSON.stringify({ username: 'traveller01', ...captcha, ...signing() });
		const plain = await post(SENDCODE, { raw: body, contentType: 'text/plain' });
		expect(plain.status).toBe(415);
		expect(plain.json()).toMatchObject({
			Message: "The request entity's media type 'text/plain' is not supported for this resource.",
			ExceptionType: 'System.Net.Http.UnsupportedMediaTypeException',
		});
		const res = await fetch(sb.url + SENDCODE, {
			method: 'POST',
			headers: { accept: 'application/json' },
			body: new TextEncoder().encode(body),
		});
		const none = {
			status: res.status,
			json: async () => (await res.json()) as { Message: string },
		};
		expect(none.status).toBe(415);
		expect((await none.json()).Message).toContain("'application/octet-stream'");
		expect(sb.outbox()).toHaveLength(0);
	});

	it('answers 400 {"Message","ModelState"} for malformed JSON, a non-object body and a client that is no GUID', async () => {
		const bad = await post(SENDCODE, { raw: '{"username": "traveller01",' });
		expect(bad.status).toBe(400);
		expect(bad.json().Message).toBe('The request is invalid.');
		expect(bad.json().ModelState.request[0]).toMatch(/parsing value/);
		expect((await post(SENDCODE, { raw: '[1,2]' })).status).toBe(400);
		const guid = await sendCode({ username: 'traveller01', client: 'not-a-guid', img_code: IMG });
		expect(guid.status).toBe(400);
		expect(guid.json().ModelState['request.client'][0]).toContain("'System.Guid'");
		const objectName = await sendCode({ username: { first: 'a' }, ...captcha });
		expect(objectName.status).toBe(400);
		expect(sb.outbox()).toHaveLength(0);
	});

	it('refuses an empty body through the signature check (HTTP 200, code -1)', async () => {
		expectEnvelope(await post(SENDCODE, { raw: '' }), -1, MESSAGES.signFields);
	});

	it('binds member names case-insensitively and converts JSON numbers in string fields, as Json.NET does', async () => {
		const r = await post(SENDCODE, {
			json: { Phone_Number: 13800000000, CLIENT: CLIENT, Img_Code: IMG, ...signing() },
		});
		expectEnvelope(r, 1);
		expect(sb.outbox()[0].username).toBe('traveller01');
	});
});

describe('content negotiation', () => {
	it('answers the seed XML envelope when Accept asks for XML', async () => {
		const r = await post(SENDCODE, {
			json: { username: 'traveller01', ...captcha, ...signing() },
			accept: 'application/xml',
		});
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		expect(r.text).toBe(
			'<ApiResultOfMemberSendCodeResponseWjQ9Dvjw xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/ChinaTrainTickets.Web.Areas.webApi.Models">' +
				`<code>1</code><data><state>sent</state></data><message>${MESSAGES.codeSent}</message></ApiResultOfMemberSendCodeResponseWjQ9Dvjw>`,
		);
		const fail = await post(UPDATEPWD, {
			json: { username: 'traveller01', code: '000000', new_password: 'x', ...signing() },
			accept: 'text/xml',
		});
		expect(fail.text).toContain('<code>0</code><data i:nil="true" /><message>');
		expect(fail.text.startsWith('<ApiResultOfstring ')).toBe(true);
	});

	it('takes an explicit JSON or XML type by q; wildcards or no Accept follow the request format', async () => {
		const sig = () => ({ username: 'nobody', ...captcha, ...signing() });
		const type = (r: Reply) => r.headers.get('content-type');
		expect(type(await post(SENDCODE, { json: sig(), accept: '*/*' }))).toMatch(/json/);
		expect(
			type(
				await post(SENDCODE, { json: sig(), accept: 'application/xml;q=0.5, application/json' }),
			),
		).toMatch(/json/);
		expect(
			type(await post(SENDCODE, { json: sig(), accept: 'application/json;q=0.2, text/xml' })),
		).toMatch(/xml/);
		const xmlBody =
			'<MemberRetrievePwdSendCodRequest><username>x</username></MemberRetrievePwdSendCodRequest>';
		const xmlReq = await post(SENDCODE, { raw: xmlBody, contentType: 'text/xml', accept: '*/*' });
		expect(type(xmlReq)).toMatch(/xml/);
		expect(xmlReq.text).toContain('<code>-1</code>');
		const noAccept = await rawPost(SENDCODE, JSON.stringify(sig()), {
			'content-type': 'application/json',
		});
		expect(noAccept.headers['content-type']).toMatch(/json/);
	});

	it('xmlWhenNoAccept: XML comes back when Accept is missing or only wildcards', async () => {
		sb.setSwitches({ xmlWhenNoAccept: true });
		const body = () => JSON.stringify({ username: 'traveller01', ...captcha, ...signing() });
		const r = await rawPost(SENDCODE, body(), { 'content-type': 'application/json' });
		expect(r.headers['content-type']).toMatch(/^application\/xml/);
		expect(r.text).toContain('<code>1</code>');
		sb.setSwitches({ cooldownSec: 0 });
		expect(
			(await post(SENDCODE, { raw: body(), accept: '*/*' })).headers.get('content-type'),
		).toMatch(/^application\/xml/);
		const j = await post(SENDCODE, { json: { username: 'traveller02', ...captcha, ...signing() } });
		expect(j.json().code).toBe(1);
	});

	it('alwaysXml: XML whatever Accept says', async () => {
		sb.setSwitches({ alwaysXml: true });
		const r = await post(SENDCODE, {
			json: { username: 'traveller01', ...captcha, ...signing() },
			accept: 'application/json',
		});
		expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
		expect(r.text).toMatch(/^<ApiResultOfMemberSendCodeResponseWjQ9Dvjw .*<code>1<\/code>/);
		expect(sb.outbox()).toHaveLength(1);
	});
});

describe('signature verification (spec §8, in order)', () => {
	const base = { username: 'traveller01', ...captcha };

	it('rejects missing or mistyped signing fields with -1 before anything else', async () => {
		const good = signing();
		const cases: Array<Record<string, unknown>> = [
			{ ...good, terminal: undefined },
			{ ...good, terminal: '1' },
			{ ...good, terminal: 2 },
			{ ...good, terminal: 'WEBPAGEEnum' },
			{ ...good, time_stamp: undefined },
			{ ...good, time_stamp: Number(good.time_stamp) },
			{ ...good, time_stamp: good.time_stamp.slice(0, 13) },
			{ ...good, time_stamp: '20240230120000' },
			{ ...good, time_stamp: '20240101240000' },
			{ ...good, random: undefined },
			{ ...good, random: String(good.random) },
			{ ...good, random: 9999 },
			{ ...good, random: 20000 },
			{ ...good, random: 12345.5 },
			{ ...good, sign: undefined },
			{ ...good, sign: good.sign.toUpperCase() },
			{ ...good, sign: good.sign.slice(1) },
		];
		for (const sig of cases) {
			const r = await sendCode(base, sig);
			expectEnvelope(r, -1, MESSAGES.signFields);
		}
		expect(sb.outbox()).toHaveLength(0);
	});

	it('rejects a signature made with another key, uppercase MD5, another order or the time_stamp label (-1)', async () => {
		const random = 15555;
		const ts = utcStamp(sb.clock.now());
		const variants = [
			signOf('wrong-key', random, ts),
			hmac(sb.signingKey, md5(`random=${random}&timestamp=${ts}&terminal=1`).toUpperCase()),
			hmac(sb.signingKey, md5(`timestamp=${ts}&random=${random}&terminal=1`)),
			hmac(sb.signingKey, md5(`random=${random}&time_stamp=${ts}&terminal=1`)),
			hmac(sb.signingKey, `random=${random}&timestamp=${ts}&terminal=1`),
		];
		for (const sign of variants) {
			expectEnvelope(
				await sendCode(base, { terminal: 1, time_stamp: ts, random, sign }),
				-1,
				MESSAGES.signMismatch,
			);
		}
		expectEnvelope(
			await sendCode(base, {
				terminal: 1,
				time_stamp: ts,
				random,
				sign: signOf(sb.signingKey, random, ts),
			}),
			1,
		);
	});

	it('checks freshness against its clock: 300 s either way by default, configurable', async () => {
		sb.clock.set('2026-03-01T08:00:00Z');
		sb.setSwitches({ cooldownSec: 0 });
		const at = (iso: string) => signing({ at: new Date(iso) });
		expectEnvelope(await sendCode(base, at('2026-03-01T07:55:00Z')), 1);
		expectEnvelope(await sendCode(base, at('2026-03-01T08:05:00Z')), 1);
		expectEnvelope(await sendCode(base, at('2026-03-01T07:54:59Z')), -2, MESSAGES.timestamp);
		expectEnvelope(await sendCode(base, at('2026-03-01T08:05:01Z')), -2, MESSAGES.timestamp);
		// Beijing wall time (UTC+8) instead of UTC: the classic mistake.
		expectEnvelope(await sendCode(base, at('2026-03-01T16:00:00Z')), -2);
		sb.setSwitches({ timestampWindowSec: 30 });
		expectEnvelope(await sendCode(base, at('2026-03-01T07:59:29Z')), -2);
		expectEnvelope(await sendCode(base, at('2026-03-01T07:59:30Z')), 1);
		expect(sb.outbox()).toHaveLength(3);
	});

	it('checks the signature before the time: a stale request with a wrong sign is a signature error', async () => {
		sb.clock.set('2026-03-01T08:00:00Z');
		const stale = signing({ at: new Date('2026-03-01T06:00:00Z'), key: 'wrong' });
		expectEnvelope(await sendCode(base, stale), -1, MESSAGES.signMismatch);
	});

	it('lets a replay through by default, refuses it with -3 when rejectReplays is on', async () => {
		sb.setSwitches({ cooldownSec: 0 });
		const sig = signing();
		expectEnvelope(await sendCode(base, sig), 1);
		expectEnvelope(await sendCode(base, sig), 1);
		sb.setSwitches({ rejectReplays: true });
		const sig2 = signing();
		expectEnvelope(await sendCode(base, sig2), 1);
		expectEnvelope(await sendCode(base, sig2), -3, MESSAGES.replay);
		// The signature does not cover the endpoint: the same fields on updatepwd are a replay too.
		expectEnvelope(
			await updatePwd({ username: 'traveller01', code: '1', new_password: 'x' }, sig2),
			-3,
		);
		expectEnvelope(await sendCode(base, signing()), 1);
		expect(sb.outbox()).toHaveLength(4);
	});

	it('signatureFailureStatus answers signing rejections with 401 or 403, business failures stay 200', async () => {
		sb.setSwitches({ signatureFailureStatus: 401 });
		expectEnvelope(await sendCode(base, signing({ key: 'wrong' })), -1, MESSAGES.signMismatch, 401);
		sb.clock.set('2026-03-01T08:00:00Z');
		expectEnvelope(
			await sendCode(base, signing({ at: new Date('2026-03-01T07:00:00Z') })),
			-2,
			undefined,
			401,
		);
		sb.setSwitches({ signatureFailureStatus: 403 });
		expectEnvelope(
			await sendCode({ username: 'nobody', ...captcha }, signing({ key: 'wrong' })),
			-1,
			undefined,
			403,
		);
		expectEnvelope(
			await sendCode({ username: 'nobody', ...captcha }),
			0,
			MESSAGES.memberNotFound,
			200,
		);
	});
});

describe('sendcode (the seed method)', () => {
	it('sends a 6-digit code to the member found by username, records it in the outbox, answers {code:1,data:{state}}', async () => {
		sb.clock.set('2026-03-01T08:00:00Z');
		const r = await sendCode({ username: 'traveller01', ...captcha });
		expect(r.json()).toEqual({ code: 1, message: MESSAGES.codeSent, data: { state: 'sent' } });
		const [entry] = sb.outbox();
		expect(entry).toMatchObject({
			username: 'traveller01',
			phone_number: '13800000000',
			used: false,
		});
		expect(entry.code).toMatch(/^[0-9]{6}$/);
		expect(entry.sentAt.toISOString()).toBe('2026-03-01T08:00:00.000Z');
		expect(entry.expiresAt.toISOString()).toBe('2026-03-01T08:10:00.000Z');
		expect(sb.latestCode('traveller01')).toBe(entry.code);
		expect(sb.latestCode('13800000000')).toBe(entry.code);
	});

	it('finds the member by phone number, or by both when they belong together', async () => {
		expectEnvelope(await sendCode({ phone_number: '+447700900123', ...captcha }), 1);
		expectEnvelope(
			await sendCode({ username: '旅客三', phone_number: '13900000003', ...captcha }),
			1,
		);
		expect(sb.outbox().map((e) => e.username)).toEqual(['traveller02', '旅客三']);
	});

	it('refuses (code 0) an unknown member, a mismatched pair and a request naming nobody', async () => {
		expectEnvelope(await sendCode({ username: 'nobody', ...captcha }), 0, MESSAGES.memberNotFound);
		expectEnvelope(
			await sendCode({ phone_number: '13000000000', ...captcha }),
			0,
			MESSAGES.memberNotFound,
		);
		expectEnvelope(
			await sendCode({ username: 'traveller01', phone_number: '13900000003', ...captcha }),
			0,
			MESSAGES.accountMismatch,
		);
		expectEnvelope(await sendCode({ username: '  ', ...captcha }), 0, MESSAGES.accountRequired);
		expect(sb.outbox()).toHaveLength(0);
	});

	it('requires the captcha by default: missing, wrong, or for an unknown client; image code case-insensitive', async () => {
		expectEnvelope(await sendCode({ username: 'traveller01' }), 0, MESSAGES.imgCodeRequired);
		expectEnvelope(
			await sendCode({ username: 'traveller01', img_code: IMG }),
			0,
			MESSAGES.imgCodeRequired,
		);
		expectEnvelope(
			await sendCode({ username: 'traveller01', client: CLIENT }),
			0,
			MESSAGES.imgCodeRequired,
		);
		expectEnvelope(
			await sendCode({ username: 'traveller01', client: CLIENT, img_code: 'ZZZZ' }),
			0,
			MESSAGES.imgCodeWrong,
		);
		expectEnvelope(
			await sendCode({
				username: 'traveller01',
				client: '11111111-2222-3333-4444-555555555555',
				img_code: IMG,
			}),
			0,
			MESSAGES.imgCodeWrong,
		);
		expect(sb.outbox()).toHaveLength(0);
		expectEnvelope(
			await sendCode({
				username: 'traveller01',
				client: CLIENT.toUpperCase(),
				img_code: IMG.toLowerCase(),
			}),
			1,
		);
	});

	it('checks the captcha before the member (no member enumeration without it)', async () => {
		expectEnvelope(
			await sendCode({ username: 'nobody', client: CLIENT, img_code: 'ZZZZ' }),
			0,
			MESSAGES.imgCodeWrong,
		);
	});

	it('fixedCode: every code is the given one (for one-click demos), null goes back to random codes', async () => {
		sb.setSwitches({ fixedCode: '246810', cooldownSec: 0 });
		expectEnvelope(await sendCode({ username: 'traveller01', ...captcha }), 1);
		expectEnvelope(await sendCode({ username: 'traveller02', ...captcha }), 1);
		expect(sb.outbox().map((e) => e.code)).toEqual(['246810', '246810']);
		expect(() => sb.setSwitches({ fixedCode: '12345' })).toThrow(/6 digits/);
		sb.setSwitches({ fixedCode: null });
		expect(sb.switches().fixedCode).toBeNull();
	});

	it('requireImgCode off: codes go out without a captcha', async () => {
		sb.setSwitches({ requireImgCode: false });
		expectEnvelope(await sendCode({ username: 'traveller01' }), 1);
		sb.setCaptcha(CLIENT, null);
		expect(sb.captchas()[CLIENT]).toBeUndefined();
	});

	it('enforces a 60 s cooldown per member (configurable, 0 = none)', async () => {
		sb.clock.set('2026-03-01T08:00:00Z');
		expectEnvelope(await sendCode({ username: 'traveller01', ...captcha }), 1);
		sb.clock.advance(59_000);
		expectEnvelope(
			await sendCode({ phone_number: '13800000000', ...captcha }),
			0,
			MESSAGES.cooldown,
		);
		expectEnvelope(await sendCode({ username: 'traveller02', ...captcha }), 1);
		sb.clock.advance(1_000);
		expectEnvelope(await sendCode({ username: 'traveller01', ...captcha }), 1);
		sb.setSwitches({ cooldownSec: 0 });
		expectEnvelope(await sendCode({ username: 'traveller01', ...captcha }), 1);
		expect(sb.outbox()).toHaveLength(4);
	});
});

describe('updatepwd (the second step)', () => {
	async function codeFor(username: string): Promise<string> {
		expectEnvelope(await sendCode({ username, ...captcha }), 1);
		return sb.latestCode(username)!;
	}

	it('sets the password exactly as sent with the latest code, consumes the code, answers {code:1,data:string}', async () => {
		sb.clock.set('2026-03-01T08:00:00Z');
		const code = await codeFor('traveller01');
		const pwd = '  new pass 新密码 ';
		const r = await updatePwd({ username: 'traveller01', code, new_password: pwd });
		expect(r.json()).toEqual({ code: 1, message: MESSAGES.passwordChanged, data: 'ok' });
		expect(sb.passwordOf('traveller01')).toBe(pwd);
		expect(sb.outbox()[0].used).toBe(true);
		expect(sb.passwordChanges()).toEqual([
			{ username: 'traveller01', at: new Date('2026-03-01T08:00:00Z') },
		]);
		expectEnvelope(
			await updatePwd({ username: 'traveller01', code, new_password: 'again' }),
			0,
			MESSAGES.codeUsed,
		);
		expect(sb.passwordOf('traveller01')).toBe(pwd);
	});

	it('refuses a wrong code, an older code once a newer one was sent, and an expired code', async () => {
		sb.clock.set('2026-03-01T08:00:00Z');
		const first = await codeFor('traveller01');
		const wrong = first === '000000' ? '000001' : '000000';
		expectEnvelope(
			await updatePwd({ username: 'traveller01', code: wrong, new_password: 'x' }),
			0,
			MESSAGES.codeWrong,
		);
		sb.clock.advance(60_000);
		const second = await codeFor('traveller01');
		if (second !== first) {
			expectEnvelope(
				await updatePwd({ username: 'traveller01', code: first, new_password: 'x' }),
				0,
				MESSAGES.codeWrong,
			);
		}
		sb.clock.advance(600_001);
		expectEnvelope(
			await updatePwd({ username: 'traveller01', code: second, new_password: 'x' }, signing()),
			0,
			MESSAGES.codeExpired,
		);
		expect(sb.passwordOf('traveller01')).toBe('Initial-Pass-01');
	});

	it('refuses missing fields, an unknown member and a member without a code', async () => {
		expectEnvelope(
			await updatePwd({ code: '123456', new_password: 'x' }),
			0,
			MESSAGES.usernameRequired,
		);
		expectEnvelope(
			await updatePwd({ username: 'traveller01', new_password: 'x' }),
			0,
			MESSAGES.codeRequired,
		);
		expectEnvelope(
			await updatePwd({ username: 'traveller01', code: '123456' }),
			0,
			MESSAGES.passwordRequired,
		);
		expectEnvelope(
			await updatePwd({ username: 'traveller01', code: '123456', new_password: '   ' }),
			0,
			MESSAGES.passwordRequired,
		);
		expectEnvelope(
			await updatePwd({ username: 'nobody', code: '123456', new_password: 'x' }),
			0,
			MESSAGES.memberNotFound,
		);
		expectEnvelope(
			await updatePwd({ username: 'traveller02', code: '123456', new_password: 'x' }),
			0,
			MESSAGES.noCode,
		);
		expect(sb.passwordChanges()).toEqual([]);
	});

	it('works for a Chinese user name sent as UTF-8', async () => {
		const code = await codeFor('旅客三');
		expectEnvelope(await updatePwd({ username: '旅客三', code, new_password: 'p' }), 1);
		expect(sb.passwordOf('旅客三')).toBe('p');
	});

	it('is signed too: a bad signature changes nothing', async () => {
		const code = await codeFor('traveller01');
		expectEnvelope(
			await updatePwd(
				{ username: 'traveller01', code, new_password: 'x' },
				signing({ key: 'wrong' }),
			),
			-1,
		);
		expect(sb.outbox()[0].used).toBe(false);
		expect(sb.passwordOf('traveller01')).toBe('Initial-Pass-01');
	});
});

describe('faults', () => {
	const send = (signal?: AbortSignal) =>
		post(SENDCODE, { json: { username: 'traveller01', ...captcha, ...signing() }, signal });

	it('resetAfter: the code is sent and recorded, but the reply is lost', async () => {
		sb.injectFault({ route: 'sendcode', kind: 'resetAfter' });
		await expect(send()).rejects.toThrow();
		expect(sb.outbox()).toHaveLength(1);
		expect(sb.requests()[0].status).toBe(0);
		// A repeat within the cooldown is refused: the member already got the code.
		expectEnvelope(await send(), 0, MESSAGES.cooldown);
		expect(sb.outbox()).toHaveLength(1);
	});

	it('resetAfter on updatepwd: the password is changed although the reply is lost', async () => {
		await send();
		const code = sb.latestCode('traveller01')!;
		sb.injectFault({ route: '/api/member/retrievepwd/updatepwd', kind: 'resetAfter' });
		await expect(
			updatePwd({ username: 'traveller01', code, new_password: 'changed' }),
		).rejects.toThrow();
		expect(sb.passwordOf('traveller01')).toBe('changed');
	});

	it('resetBefore: nothing happens on the server', async () => {
		sb.injectFault({ route: SENDCODE, kind: 'resetBefore' });
		await expect(send()).rejects.toThrow();
		expect(sb.outbox()).toHaveLength(0);
	});

	it('targets only the named route, for the given number of calls', async () => {
		sb.injectFault({ route: 'updatepwd', kind: 'http500', times: 2 });
		expectEnvelope(await send(), 1);
		const code = sb.latestCode('traveller01')!;
		expect((await updatePwd({ username: 'traveller01', code, new_password: 'a' })).status).toBe(
			500,
		);
		expect((await updatePwd({ username: 'traveller01', code, new_password: 'b' })).status).toBe(
			500,
		);
		expectEnvelope(await updatePwd({ username: 'traveller01', code, new_password: 'c' }), 1);
		expect(sb.passwordOf('traveller01')).toBe('c');
	});

	it('produces 500 {"Message"} or IIS HTML, 503 HTML, 429 with and without Retry-After, broken bodies, failure200', async () => {
		sb.injectFault({ kind: 'http500' });
		const e500 = await send();
		expect(e500.status).toBe(500);
		expect(e500.json()).toEqual({ Message: 'An error has occurred.' });

		sb.injectFault({ kind: 'html500' });
		const h500 = await send();
		expect(h500.status).toBe(500);
		expect(h500.text).toMatch(/^<!DOCTYPE html>/);

		sb.injectFault({ kind: 'http503' });
		const e503 = await send();
		expect(e503.status).toBe(503);
		expect(e503.text).toContain('HTTP Error 503. The service is unavailable.');

		sb.injectFault({ kind: 'http429' });
		const r429 = await send();
		expect(r429.status).toBe(429);
		expect(r429.headers.get('retry-after')).toBeNull();
		sb.injectFault({ kind: 'http429RetryAfter', delayMs: 2500 });
		expect((await send()).headers.get('retry-after')).toBe('3');

		sb.injectFault({ kind: 'malformedJson' });
		const mal = await send();
		expect(() => JSON.parse(mal.text)).toThrow();

		sb.injectFault({ kind: 'emptyBody', status: 502 });
		const empty = await send();
		expect(empty.status).toBe(502);
		expect(empty.text).toBe('');

		sb.injectFault({ kind: 'htmlBody' });
		const html = await send();
		expect(html.status).toBe(200);
		expect(html.headers.get('content-type')).toMatch(/text\/html/);

		sb.injectFault({ kind: 'failure200', code: 7 });
		expectEnvelope(await send(), 7, MESSAGES.busy);
		sb.injectFault({ kind: 'failure200' });
		expectEnvelope(await send(), 0, MESSAGES.busy);

		expect(sb.outbox()).toHaveLength(0);
		expectEnvelope(await send(), 1);
	});

	it('truncatedJson: processed (the code is sent), the reply is cut', async () => {
		sb.injectFault({ route: 'sendcode', kind: 'truncatedJson' });
		const r = await send();
		expect(r.status).toBe(200);
		expect(r.text.startsWith('{"code":1')).toBe(true);
		expect(() => JSON.parse(r.text)).toThrow();
		expect(sb.outbox()).toHaveLength(1);
	});

	it('a fault on the help page (for credential tests)', async () => {
		sb.injectFault({ route: 'help', kind: 'html500' });
		expect((await get(HELP)).status).toBe(500);
		expect((await get(HELP)).status).toBe(200);
	});

	it('delay: the client times out, the server still sends the code', async () => {
		sb.injectFault({ route: 'sendcode', kind: 'delay', delayMs: 800 });
		await expect(send(AbortSignal.timeout(150))).rejects.toThrow();
		expect(sb.outbox()).toHaveLength(0);
		for (let i = 0; i < 40 && sb.outbox().length === 0; i++)
			await new Promise((r) => setTimeout(r, 50));
		expect(sb.outbox()).toHaveLength(1);
	});

	it('rejects unknown fault kinds and routes', () => {
		expect(() => sb.injectFault({ kind: 'nope' as never })).toThrow(/Unknown fault kind/);
		expect(() => sb.injectFault({ kind: 'http500', route: 'login' })).toThrow(/Unknown route/);
	});
});

describe('request log', () => {
	it('shows sign, masks new_password and code in JSON, form and XML bodies, never holds the key', async () => {
		await post(SENDCODE, { json: { username: 'traveller01', ...captcha, ...signing() } });
		const code = sb.latestCode('traveller01')!;
		const s1 = signing();
		await post(UPDATEPWD, {
			json: { username: 'traveller01', code, new_password: 'Secret-Pass-1', ...s1 },
		});
		await post(UPDATEPWD, {
			raw: `{"username":"traveller01","Code":${code.replace(/^0+/, '') || '0'},"NEW_PASSWORD":"Secret-Pass-2"}`,
		});
		const form = new URLSearchParams({
			username: 'traveller01',
			code,
			new_password: 'Secret-Pass-3',
		});
		await post(UPDATEPWD, {
			raw: form.toString(),
			contentType: 'application/x-www-form-urlencoded',
		});
		await post(UPDATEPWD, {
			raw: `<MemberRetrievePwdUpdateRequest><code>${code}</code><new_password>Secret-Pass-4</new_password><username>traveller01</username></MemberRetrievePwdUpdateRequest>`,
			contentType: 'application/xml',
		});
		await fetch(`${sb.url}/__sandbox/outbox`);
		const log = sb.requests();
		expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
			['POST', SENDCODE, 200],
			['POST', UPDATEPWD, 200],
			['POST', UPDATEPWD, 200],
			['POST', UPDATEPWD, 200],
			['POST', UPDATEPWD, 200],
		]);
		expect(log[1].body).toContain(`"sign":"${s1.sign}"`);
		expect(log[1].body).toContain('"code":"***"');
		expect(log[1].body).toContain('"new_password":"***"');
		expect(log[2].body).toBe('{"username":"traveller01","Code":"***","NEW_PASSWORD":"***"}');
		expect(log[3].body).toBe('username=traveller01&code=***&new_password=***');
		expect(log[4].body).toContain('<code>***</code><new_password>***</new_password>');
		const dump = JSON.stringify(log);
		for (const secret of [
			'Secret-Pass-1',
			'Secret-Pass-2',
			'Secret-Pass-3',
			'Secret-Pass-4',
			sb.signingKey,
		])
			expect(dump).not.toContain(secret);
		expect(dump).not.toContain(`"${code}"`);
		expect(log[0].at).toBeInstanceOf(Date);
		expect(log[0].headers['content-type']).toBe('application/json; charset=utf-8');
		sb.clearRequests();
		expect(sb.requests()).toEqual([]);
	});
});

describe('HTTP control surface', () => {
	const control = (method: string, p: string, body?: unknown) => callControl(sb.url, method, p, body);

	it('lists its routes', async () => {
		const help = await control('GET', '');
		expect(help.status).toBe(200);
		for (const route of [
			'/state',
			'/sign',
			'/members',
			'/captchas',
			'/outbox',
			'/password-changes',
			'/fault',
			'/requests',
			'/reset',
			'/clock',
			'/switches',
			'/key',
		]) {
			expect(help.text).toContain(`/__sandbox${route}`);
		}
		expect(help.text).toContain('POST /api/member/retrievepwd/sendcode');
		expect((await control('GET', '/nope')).status).toBe(404);
	});

	it('signs, drives members, captchas, clock, switches, key and faults, and reads outbox and state', async () => {
		expect((await control('POST', '/clock', { at: '2026-03-01T08:00:00Z' })).json().frozen).toBe(
			true,
		);
		const fields = (await control('POST', '/sign', {})).json();
		expect(fields.time_stamp).toBe('20260301080000');
		expect(fields.terminal).toBe(1);
		expect(fields.random).toBeGreaterThanOrEqual(10000);
		expect(fields.random).toBeLessThanOrEqual(19999);
		expect(fields.sign).toBe(signOf(sb.signingKey, fields.random, fields.time_stamp));
		expect(
			(await control('POST', '/sign', { random: 12345, time_stamp: '20240101120000' })).json()
				.random,
		).toBe(12345);

		expect(
			(
				await control('POST', '/members', {
					username: 'traveller09',
					phone_number: '13800000009',
					password: 'p9',
				})
			).status,
		).toBe(200);
		expect((await control('POST', '/members', { username: 'x' })).status).toBe(400);
		expect(
			(
				await control('POST', '/captchas', {
					client: '0f8fad5b-d9cb-469f-a165-70867728950e',
					img_code: 'AB12',
				})
			).status,
		).toBe(200);
		expect((await control('POST', '/captchas', { client: 'nope', img_code: 'AB12' })).status).toBe(
			400,
		);
		expect(
			(
				await post(SENDCODE, {
					json: {
						username: 'traveller09',
						client: '0f8fad5b-d9cb-469f-a165-70867728950e',
						img_code: 'ab12',
						...fields,
					},
				})
			).json().code,
		).toBe(1);
		const outbox = (await control('GET', '/outbox')).json();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({
			username: 'traveller09',
			phone_number: '13800000009',
			used: false,
			sentAt: '2026-03-01T08:00:00.000Z',
		});

		expect((await control('POST', '/switches', { rejectReplays: 'yes' })).status).toBe(400);
		expect((await control('POST', '/switches', { signatureFailureStatus: 500 })).status).toBe(400);
		expect((await control('POST', '/switches', { nope: 1 })).status).toBe(400);
		expect(
			(await control('POST', '/switches', { rejectReplays: true, timestampWindowSec: 60 })).json(),
		).toMatchObject({ rejectReplays: true, timestampWindowSec: 60 });

		expect((await control('POST', '/key', { signingKey: 'abc@123!' })).status).toBe(200);
		expect(sb.signingKey).toBe('abc@123!');
		expect((await control('POST', '/fault', { route: 'sendcode', kind: 'http503' })).status).toBe(
			200,
		);
		expect((await control('POST', '/fault', { route: 'nowhere', kind: 'http503' })).status).toBe(
			400,
		);
		expect((await control('GET', '/state')).json()).toMatchObject({
			signingKey: 'abc@123!',
			outboxCount: 1,
			clock: { frozen: true },
		});
		expect((await control('DELETE', '/fault')).status).toBe(200);
		expect(sb.pendingFaults()).toEqual([]);
		expect(
			(await control('GET', '/members'))
				.json()
				.some((m: { username: string }) => m.username === 'traveller09'),
		).toBe(true);
		expect((await control('GET', '/password-changes')).json()).toEqual([]);

		expect((await control('GET', '/requests')).json()).toHaveLength(1);
		expect((await control('DELETE', '/requests')).status).toBe(200);
		expect(sb.requests()).toHaveLength(0);
		expect((await control('POST', '/reset')).status).toBe(200);
		expect(sb.clockIsFrozen()).toBe(false);
		expect(sb.signingKey).toBe(DEFAULT_SIGNING_KEY);
		expect(sb.outbox()).toEqual([]);
		expect(sb.switches().rejectReplays).toBe(false);
		expect(sb.members().some((m) => m.username === 'traveller09')).toBe(false);
	});
});
