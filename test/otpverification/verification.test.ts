/**
 * OTP Verification through n8n's engine against the data-table emulator: every outcome and limit,
 * and the concurrent cases (each round of compare-and-set has one winner).
 */
import { NodeOperationError } from 'n8n-workflow';

import { OtpVerificationApi } from '../../credentials/OtpVerificationApi.credentials';
import { OtpVerification } from '../../nodes/OtpVerification/OtpVerification.node';

import { HASHING_KEY, TABLE, credentialData, issue, items, otherCode, run, startDataTablesSandbox, testStoreCredential, verify, type DataTablesSandbox } from './setup';

let sb: DataTablesSandbox;
beforeAll(async () => {
	sb = await startDataTablesSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const PHONE = '09121234567';
const row = (phone = PHONE) => sb.rows(TABLE).find((r) => r.phone === phone)!;

describe('issue', () => {
	test('creates the table on first use and stores a keyed hash, never the code', async () => {
		const out = await issue(sb, PHONE);
		expect(out).toMatchObject({ phone: PHONE, status: 'issued', issued: true, reason: '', retryAfterSeconds: 0, attemptsLeft: 5, sendsLeft: 4 });
		expect(out.code).toMatch(/^[0-9]{6}$/);
		expect(out.challengeId).toMatch(/^[0-9a-f]{32}$/);
		expect(Date.parse(out.expiresAt as string) - Date.now()).toBeGreaterThan(9 * 60_000);
		expect(sb.tables().map((t) => t.name)).toEqual([TABLE]);
		const stored = row();
		expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(sb.rows(TABLE))).not.toContain(String(out.code));
		expect(JSON.stringify(sb.requests())).not.toContain(HASHING_KEY);
	});

	test('code length and lifetime are the user’s', async () => {
		const out = await issue(sb, PHONE, { codeLength: 8, lifetimeMinutes: 2 });
		expect(out.code).toMatch(/^[0-9]{8}$/);
		const ms = Date.parse(out.expiresAt as string) - Date.now();
		expect(ms).toBeGreaterThan(60_000);
		expect(ms).toBeLessThanOrEqual(120_000);
	});

	test('a resend within the lifetime keeps the challenge and its attempts, and replaces the code', async () => {
		const first = await issue(sb, PHONE);
		expect((await verify(sb, PHONE, otherCode(first.code as string))).status).toBe('wrong');
		const second = await issue(sb, PHONE);
		expect(second).toMatchObject({ status: 'resent', challengeId: first.challengeId, attemptsLeft: 4, sendsLeft: 3 });
		expect(second.code).not.toBe('');
		if (second.code !== first.code) expect((await verify(sb, PHONE, first.code as string)).status).toBe('wrong');
		expect(await verify(sb, PHONE, second.code as string)).toMatchObject({ valid: true, status: 'valid', challengeId: first.challengeId });
	});

	test('the resend cooldown refuses a second code too soon and says when to retry', async () => {
		const first = await issue(sb, PHONE, { limits: {} });
		const second = await issue(sb, PHONE, { limits: {} });
		expect(second).toMatchObject({ status: 'rateLimited', issued: false, reason: 'resendCooldown', code: '', expiresAt: '', challengeId: first.challengeId });
		expect(second.retryAfterSeconds).toBeGreaterThan(0);
		expect(second.retryAfterSeconds).toBeLessThanOrEqual(30);
		expect(row().sends).toBe(1);
	});

	test('sends per number per window are limited; a new window allows sending again', async () => {
		const limits = { maxSends: 2, resendCooldownSeconds: 0 };
		expect((await issue(sb, PHONE, { limits })).status).toBe('issued');
		expect((await issue(sb, PHONE, { limits })).status).toBe('resent');
		const third = await issue(sb, PHONE, { limits });
		expect(third).toMatchObject({ status: 'rateLimited', reason: 'sendLimit', sendsLeft: 0, code: '' });
		expect(third.retryAfterSeconds).toBeGreaterThan(3000);
		sb.patchRows(TABLE, { filters: [{ columnName: 'phone', value: PHONE }] }, { windowStart: Date.now() - 61 * 60_000 });
		expect(await issue(sb, PHONE, { limits })).toMatchObject({ status: 'resent', sendsLeft: 1 });
	});

	test('after a used, expired or exhausted challenge, a new challenge starts', async () => {
		const first = await issue(sb, PHONE);
		await verify(sb, PHONE, first.code as string);
		const second = await issue(sb, PHONE);
		expect(second.status).toBe('issued');
		expect(second.challengeId).not.toBe(first.challengeId);
		expect(row().attempts).toBe(0);
	});

	test('+98 912…, 912…, Persian digits and 0912… are the same number', async () => {
		const first = await issue(sb, '+98 912 123 4567');
		expect(first.phone).toBe(PHONE);
		expect((await verify(sb, '۰۹۱۲۱۲۳۴۵۶۷', first.code as string)).status).toBe('valid');
		expect(sb.rows(TABLE)).toHaveLength(1);
	});

	test('an email address is a key too, in lower case; a malformed one is refused before any request', async () => {
		const out = await issue(sb, ' Jane.Doe@Example.COM ');
		expect(out.phone).toBe('jane.doe@example.com');
		expect((await verify(sb, 'jane.doe@example.com', out.code as string)).status).toBe('valid');
		const requests = sb.requests().length;
		const bad = await run(sb, { resource: 'challenge', operation: 'issue', phone: 'jane@doe' });
		expect(bad.error!.message).toBe('Item 1: "Phone Number or Email" is not a phone number or an email address: "jane@doe"');
		expect(sb.requests()).toHaveLength(requests);
	});

	test('numbers of other countries are kept as digits', async () => {
		const out = await issue(sb, '+86 138 0013 8000');
		expect(out.phone).toBe('+8613800138000');
		expect((await verify(sb, '+8613800138000', out.code as string)).status).toBe('valid');
	});
});

describe('verify', () => {
	test('the right code is valid once; then alreadyUsed', async () => {
		const { code, challengeId } = await issue(sb, PHONE);
		expect(await verify(sb, PHONE, code as string)).toEqual({ phone: PHONE, valid: true, status: 'valid', challengeId, attemptsLeft: 0, retryAfterSeconds: 0 });
		expect(row()).toMatchObject({ state: 'used', codeHash: '', attempts: 1 });
		expect(await verify(sb, PHONE, code as string)).toMatchObject({ valid: false, status: 'alreadyUsed' });
	});

	test('wrong codes count attempts; after the limit even the right code is refused', async () => {
		const { code } = await issue(sb, PHONE, { limits: { maxAttempts: 3, resendCooldownSeconds: 0 } });
		const wrong = otherCode(code as string);
		expect(await verify(sb, PHONE, wrong)).toMatchObject({ valid: false, status: 'wrong', attemptsLeft: 2 });
		expect(await verify(sb, PHONE, wrong)).toMatchObject({ status: 'wrong', attemptsLeft: 1 });
		expect(await verify(sb, PHONE, wrong)).toMatchObject({ status: 'wrong', attemptsLeft: 0 });
		expect(await verify(sb, PHONE, code as string)).toMatchObject({ valid: false, status: 'tooManyAttempts', attemptsLeft: 0 });
		expect(row().attempts).toBe(3);
	});

	test('an expired code is refused without counting an attempt', async () => {
		const { code } = await issue(sb, PHONE);
		sb.patchRows(TABLE, { filters: [{ columnName: 'phone', value: PHONE }] }, { expiresAt: Date.now() - 1 });
		expect(await verify(sb, PHONE, code as string)).toMatchObject({ valid: false, status: 'expired' });
		expect(row().attempts).toBe(0);
	});

	test('notFound for a number without a challenge, and for a replaced challenge id', async () => {
		expect(await verify(sb, '09350000000', '123456')).toEqual({ phone: '09350000000', valid: false, status: 'notFound', challengeId: '', attemptsLeft: 0, retryAfterSeconds: 0 });
		const { code } = await issue(sb, PHONE);
		expect((await verify(sb, PHONE, code as string, { challengeId: 'f'.repeat(32) })).status).toBe('notFound');
		expect(row().attempts).toBe(0);
	});

	test('checks per number per window are limited across challenges: rateLimited, the code not compared, nothing counted', async () => {
		const checkLimits = { maxChecks: 3, checkWindowMinutes: 15 };
		const first = await issue(sb, PHONE);
		const wrong = otherCode(first.code as string);
		expect((await verify(sb, PHONE, wrong, {}, checkLimits)).status).toBe('wrong');
		expect((await verify(sb, PHONE, wrong, {}, checkLimits)).status).toBe('wrong');
		expect((await verify(sb, PHONE, wrong, {}, checkLimits)).status).toBe('wrong');
		const limited = await verify(sb, PHONE, first.code as string, {}, checkLimits);
		expect(limited).toMatchObject({ valid: false, status: 'rateLimited', challengeId: first.challengeId, attemptsLeft: 2 });
		expect(limited.retryAfterSeconds).toBeGreaterThan(14 * 60);
		expect(limited.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
		expect(row()).toMatchObject({ attempts: 3, checks: 3, state: 'pending' });
		// A resend gives a new code but not new checks: the window is the number's.
		const second = await issue(sb, PHONE);
		expect(second.status).toBe('resent');
		expect((await verify(sb, PHONE, second.code as string, {}, checkLimits)).status).toBe('rateLimited');
		// Once the window is over, the number may check again.
		sb.patchRows(TABLE, { filters: [{ columnName: 'phone', value: PHONE }] }, { checkWindowStart: Date.now() - 16 * 60_000 });
		expect(await verify(sb, PHONE, second.code as string, {}, checkLimits)).toMatchObject({ status: 'valid', retryAfterSeconds: 0 });
		expect(row()).toMatchObject({ attempts: 4, checks: 1 });
	});

	test('the default check limit: 10 checks per number per 60 minutes', async () => {
		const limits = { maxAttempts: 20, resendCooldownSeconds: 0 };
		const { code } = await issue(sb, PHONE, { limits });
		const wrong = otherCode(code as string);
		for (let i = 0; i < 10; i++) expect((await verify(sb, PHONE, wrong)).status).toBe('wrong');
		const limited = await verify(sb, PHONE, code as string);
		expect(limited).toMatchObject({ status: 'rateLimited', attemptsLeft: 10 });
		expect(limited.retryAfterSeconds).toBeGreaterThan(59 * 60);
	});

	test('a check limit outside 1–1000 is refused before any request', async () => {
		const result = await run(sb, { resource: 'challenge', operation: 'verify', phone: PHONE, code: '123456', limits: { maxChecks: 0 } });
		expect(result.error!.message).toBe('Item 1: "Max Checks per Window" must be a whole number from 1 to 1000, got 0');
		expect(sb.requests()).toHaveLength(0);
	});

	test('a code typed with Persian digits and spaces is compared as its digits', async () => {
		const { code } = await issue(sb, PHONE);
		const persian = (code as string).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
		expect((await verify(sb, PHONE, ` ${persian.slice(0, 3)} ${persian.slice(3)} `)).status).toBe('valid');
	});

	test('a code made with another hashing key never matches', async () => {
		const { code } = await issue(sb, PHONE);
		const result = await run(sb, { resource: 'challenge', operation: 'verify', phone: PHONE, code: code as string }, { credentials: { hashingKey: 'another-key-0123456789abcdef' } });
		expect(result.output![0][0].json.status).toBe('wrong');
	});
});

describe('concurrency (one n8n engine, executions interleaved at every request)', () => {
	test('ten executions verifying the same right code at once: exactly one valid', async () => {
		const { code } = await issue(sb, PHONE, { limits: { maxAttempts: 20, resendCooldownSeconds: 0 } });
		const answers = await Promise.all(Array.from({ length: 10 }, () => verify(sb, PHONE, code as string)));
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 'valid')).toHaveLength(1);
		expect(statuses.filter((s) => s === 'alreadyUsed')).toHaveLength(9);
		expect(row()).toMatchObject({ state: 'used', attempts: 1 });
		// Losers of a round read again: more update requests than rows changed.
		expect(sb.counters().updatesApplied).toBe(1);
	});

	test('five concurrent wrong guesses count five attempts, each answer with its own attempts left', async () => {
		const { code } = await issue(sb, PHONE);
		const wrong = otherCode(code as string);
		const answers = await Promise.all(Array.from({ length: 5 }, () => verify(sb, PHONE, wrong)));
		expect(answers.map((a) => a.status)).toEqual(Array(5).fill('wrong'));
		expect(answers.map((a) => a.attemptsLeft).sort()).toEqual([0, 1, 2, 3, 4]);
		expect(row().attempts).toBe(5);
		expect((await verify(sb, PHONE, code as string)).status).toBe('tooManyAttempts');
	});

	test('five concurrent wrong guesses against a limit of three checks: three wrong, two rateLimited, three attempts', async () => {
		const { code } = await issue(sb, PHONE);
		const wrong = otherCode(code as string);
		const answers = await Promise.all(Array.from({ length: 5 }, () => verify(sb, PHONE, wrong, {}, { maxChecks: 3 })));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses).toEqual(['rateLimited', 'rateLimited', 'wrong', 'wrong', 'wrong']);
		expect(row()).toMatchObject({ attempts: 3, checks: 3 });
	});

	test('guesses racing the right code: attempts all counted, at most one valid', async () => {
		const { code } = await issue(sb, PHONE, { limits: { maxAttempts: 10, resendCooldownSeconds: 0 } });
		const wrong = otherCode(code as string);
		const answers = await Promise.all([...Array(4).fill(wrong), code, ...Array(4).fill(wrong)].map((c) => verify(sb, PHONE, c as string)));
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 'valid')).toHaveLength(1);
		const wrongs = statuses.filter((s) => s === 'wrong').length;
		expect(wrongs + statuses.filter((s) => s === 'alreadyUsed').length).toBe(8);
		expect(row().attempts).toBe(1 + wrongs);
	});

	test('six concurrent first issues for a new number: one row, one code issued, five refused by the cooldown', async () => {
		const answers = await Promise.all(Array.from({ length: 6 }, () => issue(sb, PHONE, { limits: {} })));
		expect(answers.filter((a) => a.status === 'issued')).toHaveLength(1);
		expect(answers.filter((a) => a.status === 'rateLimited')).toHaveLength(5);
		expect(sb.rows(TABLE)).toHaveLength(1);
		const issued = answers.find((a) => a.status === 'issued')!;
		expect((await verify(sb, PHONE, issued.code as string)).status).toBe('valid');
	});

	test('concurrent issues without a cooldown respect the send limit exactly', async () => {
		const answers = await Promise.all(Array.from({ length: 8 }, () => issue(sb, PHONE, { limits: { maxSends: 3, resendCooldownSeconds: 0 } })));
		expect(answers.filter((a) => a.issued === true)).toHaveLength(3);
		expect(answers.filter((a) => a.reason === 'sendLimit')).toHaveLength(5);
		expect(sb.rows(TABLE)).toHaveLength(1);
		expect(row().sends).toBe(3);
	});
});

describe('node behaviour', () => {
	test('several items in one execution; pairedItem on each', async () => {
		const result = await run(sb, { resource: 'challenge', operation: 'issue', phone: '={{ $json.phone }}', limits: { resendCooldownSeconds: 0 } }, { items: items({ phone: '09121111111' }, { phone: '09122222222' }) });
		expect(result.output![0].map((i) => [i.json.phone, i.json.status, i.pairedItem])).toEqual([
			['09121111111', 'issued', { item: 0 }],
			['09122222222', 'issued', { item: 1 }],
		]);
	});

	test('a bad phone number fails before any request, naming the item and the field', async () => {
		const result = await run(sb, { resource: 'challenge', operation: 'issue', phone: '={{ $json.phone }}' }, { items: items({ phone: '09121111111' }, { phone: 'abc' }) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toBe('Item 2: "Phone Number or Email" is not a phone number or an email address: "abc"');
		expect(sb.requests()).toHaveLength(0);
	});

	test('an empty code fails before any request', async () => {
		const result = await run(sb, { resource: 'challenge', operation: 'verify', phone: PHONE, code: '  ' });
		expect(result.error!.message).toBe('Item 1: "Code" is empty');
		expect(sb.requests()).toHaveLength(0);
	});

	test('a short hashing key is refused before any request', async () => {
		const result = await run(sb, { resource: 'challenge', operation: 'issue', phone: PHONE }, { credentials: { hashingKey: 'short' } });
		expect(result.error!.message).toMatch(/"Code Hashing Key" must be at least 16 characters/);
		expect(sb.requests()).toHaveLength(0);
	});

	test('Continue On Fail: a refused API key becomes an error item without the key', async () => {
		const result = await run(sb, { resource: 'challenge', operation: 'verify', phone: PHONE, code: '123456' }, { continueOnFail: true, credentials: { apiKey: 'n8n_api_wrong_key_0000000000' } });
		const [item] = result.output![0];
		expect(item.json.error).toBe('n8n data table error: unauthorized (HTTP 401)');
		expect(item.json.errorDescription).toMatch(/API key/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(JSON.stringify(item)).not.toContain('n8n_api_wrong_key');
	});

	test('a compare-and-set whose answer is lost is not sent again, and the item says it may have counted', async () => {
		const { code } = await issue(sb, PHONE);
		sb.injectFault({ route: 'updateRows', kind: 'resetAfter' });
		const before = sb.counters().updateRequests;
		const result = await run(sb, { resource: 'challenge', operation: 'verify', phone: PHONE, code: otherCode(code as string) }, { continueOnFail: true });
		expect(sb.counters().updateRequests - before).toBe(1);
		expect(result.output![0][0].json).toMatchObject({ mayHaveBeenAccepted: true });
		expect(String(result.output![0][0].json.errorDescription)).toMatch(/may have accepted/);
		expect(row().attempts).toBe(1);
	});

	test('a read that fails with a 503 is read again', async () => {
		const { code } = await issue(sb, PHONE);
		sb.injectFault({ route: 'getRows', kind: 'http503' });
		expect((await verify(sb, PHONE, code as string)).status).toBe('valid');
	});

	test('a table of that name without the columns is reported, not written to', async () => {
		await fetch(`${sb.url}/api/v1/data-tables`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': sb.apiKey },
			body: JSON.stringify({ name: TABLE, columns: [{ name: 'phone', type: 'string' }] }),
		});
		const result = await run(sb, { resource: 'challenge', operation: 'issue', phone: PHONE });
		expect(result.error!.message).toMatch(/lacks the columns challengeId, codeHash/);
	});

	test('as an AI agent’s tool: Issue is refused before any request (the model would see the code); Verify works', async () => {
		const { code } = await issue(sb, PHONE);
		const before = sb.requests().length;
		const refused = await run(sb, { resource: 'challenge', operation: 'issue', phone: PHONE }, { asTool: true });
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error!.message).toBe('Issue is not available to AI agents directly: the model would see the code');
		expect(sb.requests()).toHaveLength(before);
		expect(row().sends).toBe(1);
		const checked = await run(sb, { resource: 'challenge', operation: 'verify', phone: PHONE, code: code as string, options: {}, limits: {} }, { asTool: true });
		expect(checked.output![0][0].json).toMatchObject({ valid: true, status: 'valid' });
	});

	test('the node is usable as a tool and keeps the hashing key a password field', () => {
		expect(new OtpVerification().description.usableAsTool).toBe(true);
		const key = new OtpVerificationApi().properties.find((p) => p.name === 'hashingKey')!;
		expect(key.typeOptions?.password).toBe(true);
	});

	test('the credential test lists data tables with the key', async () => {
		expect((await testStoreCredential(sb)).status).toBe('OK');
		const bad = await testStoreCredential(sb, { apiKey: 'n8n_api_wrong' });
		expect(bad.status).toBe('Error');
	});

	test('the credential data used by tests points at the emulator', () => {
		expect(credentialData(sb).n8nUrl).toBe(sb.url);
	});
});
