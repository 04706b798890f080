/**
 * OTP Verification in the real n8n, with its real store: the data tables of the suite's own n8n,
 * reached through the public API with the key the setup created (manifest row, afterStart).
 */
import { listApiKeys, OTP_STORE_CREDENTIAL, OTP_TABLE, SANDBOX_HASHING_KEY } from '../../../manifest/otpVerification';
import { runNode, type E2eContext, type NodeUnderTest } from '../helpers';
import type { CaseContext, ProviderE2e } from './types';

const NODE_TYPE = 'n8n-nodes-sms-otp.otpVerification';
const credentials = { otpVerificationApi: OTP_STORE_CREDENTIAL };

/** A number no other case uses (the store is n8n's own table, kept for the whole suite). */
function freshPhone(): string {
	return `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

function otpNode(parameters: Record<string, unknown>): NodeUnderTest {
	return { type: NODE_TYPE, parameters: { resource: 'challenge', ...parameters }, credentials };
}

async function issueCode(ctx: E2eContext, phone: string): Promise<Record<string, unknown>> {
	const result = await runNode(ctx, 'e2e: issue for a verify case', otpNode({ operation: 'issue', phone, limits: { resendCooldownSeconds: 0 } }));
	return result.output()[0].json;
}

async function post(ctx: CaseContext, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(`${ctx.state.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** The code in the last SMS the SepahanGostar sandbox "sent" to `phone`. */
async function codeSentTo(ctx: CaseContext, phone: string): Promise<string> {
	const sent = await ctx.sandbox('sepahanGostar').sent<Array<{ to: string; text: string }>>();
	const mine = sent.filter((m) => m.to.replace(/^(\+?98|0)/, '') === phone.replace(/^0/, ''));
	const match = /code is ([0-9]{6})/.exec(mine[mine.length - 1]?.text ?? '');
	if (!match) throw new Error(`no code sent to ${phone}: ${JSON.stringify(sent.slice(-3))}`);
	return match[1];
}

/**
 * The store's row for `phone`, read from the real n8n's data table through its public API with a
 * read-only API key made for this look-up (and removed after it).
 */
async function storedRow(ctx: CaseContext, phone: string): Promise<Record<string, unknown>> {
	const key = await ctx.rest.request<{ id: string; rawApiKey: string }>('POST', '/api-keys', {
		label: `e2e store reader ${Date.now()}`,
		expiresAt: null,
		scopes: ['dataTable:list', 'dataTableRow:read'],
	});
	try {
		const get = async (path: string): Promise<{ data: Array<Record<string, unknown>> }> => {
			const response = await fetch(`${ctx.state.url}/api/v1${path}`, { headers: { 'x-n8n-api-key': key.rawApiKey }, signal: AbortSignal.timeout(30_000) });
			if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
			return (await response.json()) as { data: Array<Record<string, unknown>> };
		};
		const table = (await get(`/data-tables?filter=${encodeURIComponent(JSON.stringify({ name: OTP_TABLE }))}`)).data.find((t) => t.name === OTP_TABLE);
		if (!table) throw new Error(`no data table ${OTP_TABLE}`);
		const filter = JSON.stringify({ type: 'and', filters: [{ columnName: 'phone', condition: 'eq', value: phone }] });
		const rows = (await get(`/data-tables/${String(table.id)}/rows?filter=${encodeURIComponent(filter)}`)).data;
		expect(rows).toHaveLength(1);
		return rows[0];
	} finally {
		const keys = await listApiKeys(ctx.rest);
		if (keys.some((k) => k.id === key.id)) await ctx.rest.request('DELETE', `/api-keys/${key.id}`);
	}
}

function report(line: string): void {
	process.stdout.write(`[e2e otpVerification] ${line}\n`);
}

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'Issue: a challenge in the real data table, a 6-digit code to send',
			covers: 'challenge.issue',
			node: otpNode({ operation: 'issue', phone: '={{ $json.phone }}', limits: {} }),
			input: () => [{ phone: freshPhone() }, { phone: freshPhone() }],
			check: (result) => {
				const out = result.output();
				expect(out).toHaveLength(2);
				for (const [i, item] of out.entries()) {
					expect(item.json).toMatchObject({ status: 'issued', issued: true, attemptsLeft: 5, sendsLeft: 4 });
					expect(item.json.code).toMatch(/^[0-9]{6}$/);
					expect(item.pairedItem).toEqual({ item: i });
				}
			},
		},
		{
			title: 'Verify: the right code is valid once, then alreadyUsed; an unknown number is notFound',
			covers: 'challenge.verify',
			node: otpNode({ operation: 'verify', phone: '={{ $json.phone }}', code: '={{ $json.code }}', options: {} }),
			before: async (ctx) => {
				const phone = freshPhone();
				const issued = await issueCode(ctx, phone);
				return { phone, code: issued.code };
			},
			input: (p) => [p, p, { phone: '09350000001', code: '123456' }],
			check: (result) => {
				expect(result.output().map((i) => i.json.status)).toEqual(['valid', 'alreadyUsed', 'notFound']);
				expect(result.output()[0].json.valid).toBe(true);
			},
		},
		{
			title: 'Verify: beyond the checks per number per window the answer is rateLimited, the code not compared',
			covers: 'challenge.verify',
			node: otpNode({ operation: 'verify', phone: '={{ $json.phone }}', code: '={{ $json.code }}', limits: { maxChecks: 1, checkWindowMinutes: 15 }, options: {} }),
			before: async (ctx) => {
				const phone = freshPhone();
				const issued = await issueCode(ctx, phone);
				const code = String(issued.code);
				return { phone, code, wrong: code.replace(/^./, (d) => String((Number(d) + 1) % 10)) };
			},
			input: (p) => [
				{ phone: p.phone, code: p.wrong },
				{ phone: p.phone, code: p.code },
			],
			check: (result) => {
				const [first, second] = result.output().map((i) => i.json);
				expect(first).toMatchObject({ status: 'wrong', attemptsLeft: 4, retryAfterSeconds: 0 });
				expect(second).toMatchObject({ valid: false, status: 'rateLimited', attemptsLeft: 4 });
				expect(second.retryAfterSeconds).toBeGreaterThan(14 * 60);
			},
		},
	],
	errorCases: [
		{
			title: 'a bad phone number names the item and the field',
			covers: 'challenge.issue',
			node: otpNode({ operation: 'issue', phone: '={{ $json.phone }}' }),
			input: [{ phone: 'not a number' }],
			check: (result) => {
				expect(result.error?.message).toBe('Item 1: "Phone Number or Email" is not a phone number or an email address: "not a number"');
			},
		},
		{
			title: 'Continue On Fail: an empty code becomes an error item naming the field',
			covers: 'challenge.verify',
			node: { ...otpNode({ operation: 'verify', phone: '={{ $json.phone }}', code: '={{ $json.code }}' }), onError: 'continueRegularOutput' },
			input: [{ phone: '09350000002', code: '' }],
			check: (result) => {
				expect(result.output()[0].json.error).toBe('Item 1: "Code" is empty');
			},
		},
	],
	credentialTests: [
		{ title: 'the store credential (API key made by the setup) lists data tables', type: 'otpVerificationApi', expectStatus: 'OK' },
		{ title: 'a wrong API key fails the test', type: 'otpVerificationApi', override: { apiKey: 'n8n-api-key-that-does-not-exist' }, expectStatus: 'Error' },
	],
	demos: [
		{
			title: 'request a code → SMS through the SepahanGostar sandbox → check it; cooldown; 10 parallel checks of the right code give one 200; 5 parallel wrong guesses count 5 attempts',
			workflowId: 'otpDemoRequestCode',
			run: async (ctx) => {
				for (const id of ['otpDemoRequestCode', 'otpDemoCheckCode']) await ctx.rest.activateWorkflow(id);
				try {
					const phone = freshPhone();
					const requested = await post(ctx, 'otp/request', { phone });
					expect(requested.status).toBe(200);
					expect(requested.json.challengeId).toMatch(/^[0-9a-f]{32}$/);
					expect(JSON.stringify(requested.json)).not.toMatch(/"code"/);
					const code = await codeSentTo(ctx, phone);
					const pending = await storedRow(ctx, phone);
					expect(pending).toMatchObject({ state: 'pending', attempts: 0, sends: 1 });
					expect(pending.codeHash).toMatch(/^[0-9a-f]{64}$/);
					expect(JSON.stringify(pending)).not.toContain(code);

					const again = await post(ctx, 'otp/request', { phone });
					expect(again.status).toBe(429);
					expect(again.json.reason).toBe('resendCooldown');

					expect((await post(ctx, 'otp/request', { phone: 'nope' })).status).toBe(400);

					const parallel = 10;
					const checks = await Promise.all(Array.from({ length: parallel }, () => post(ctx, 'otp/check', { phone, code })));
					const ok = checks.filter((c) => c.status === 200);
					const used = checks.filter((c) => c.status === 401 && c.json.status === 'alreadyUsed');
					report(`${parallel} parallel checks of the right code: ${ok.length} valid (200), ${used.length} alreadyUsed (401)`);
					expect(ok).toHaveLength(1);
					expect(used).toHaveLength(parallel - 1);
					expect(await storedRow(ctx, phone)).toMatchObject({ state: 'used', codeHash: '', attempts: 1 });

					const phone2 = freshPhone();
					expect((await post(ctx, 'otp/request', { phone: phone2 })).status).toBe(200);
					const code2 = await codeSentTo(ctx, phone2);
					const wrong = code2.replace(/^./, (d) => String((Number(d) + 1) % 10));
					const guesses = await Promise.all(Array.from({ length: 5 }, () => post(ctx, 'otp/check', { phone: phone2, code: wrong })));
					const left = guesses.map((g) => g.json.attemptsLeft as number).sort();
					report(`5 parallel wrong guesses: statuses ${guesses.map((g) => `${g.status}/${String(g.json.status)}`).join(', ')}; attempts left ${left.join(',')}`);
					expect(guesses.map((g) => g.json.status)).toEqual(Array(5).fill('wrong'));
					expect(left).toEqual([0, 1, 2, 3, 4]);
					const counted = await storedRow(ctx, phone2);
					report(`attempts recorded in the data table after the 5 parallel wrong guesses: ${String(counted.attempts)}`);
					expect(counted.attempts).toBe(5);
					const late = await post(ctx, 'otp/check', { phone: phone2, code: code2 });
					report(`right code after the 5 wrong guesses: ${late.status}/${String(late.json.status)}`);
					expect(late.status).toBe(401);
					expect(late.json.status).toBe('tooManyAttempts');
				} finally {
					for (const id of ['otpDemoRequestCode', 'otpDemoCheckCode']) await ctx.rest.deactivateWorkflow(id);
				}
			},
		},
	],
	secrets: () => [SANDBOX_HASHING_KEY],
};
