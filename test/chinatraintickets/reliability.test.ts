import * as net from 'node:net';

import { MAY_HAVE_BEEN_ACCEPTED } from '../../nodes/shared/errors';
import { chinaTrainTicketsApi } from '../../nodes/ChinaTrainTickets/transport/client';
import {
	MESSAGES,
	startChinaTrainTicketsSandbox,
	type ChinaTrainTicketsSandbox,
	type FaultSpec,
} from '../../sandbox/chinatraintickets';
import {
	apiRequests,
	expectedSign,
	freezeDate,
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

const description = (error: Error | undefined) =>
	(error as { description?: string } | undefined)?.description ?? '';

describe('a code is never sent twice after an answer that leaves the outcome unknown', () => {
	const ambiguous: Array<[string, FaultSpec]> = [
		['connection reset after the code was sent', { route: 'sendcode', kind: 'resetAfter' }],
		['connection reset before processing', { route: 'sendcode', kind: 'resetBefore' }],
		['HTTP 500 {"Message"}', { route: 'sendcode', kind: 'http500' }],
		['HTTP 500 IIS page', { route: 'sendcode', kind: 'html500' }],
		['HTTP 503 page', { route: 'sendcode', kind: 'http503' }],
		['HTML page with 200', { route: 'sendcode', kind: 'htmlBody' }],
		['empty body', { route: 'sendcode', kind: 'emptyBody' }],
		['malformed JSON', { route: 'sendcode', kind: 'malformedJson' }],
		['truncated JSON after processing', { route: 'sendcode', kind: 'truncatedJson' }],
	];

	it.each(ambiguous)(
		'%s: one request, and the error says it may have been accepted',
		async (_title, fault) => {
			sandbox.injectFault(fault);
			const { error } = await run(sandbox, sendCodeParams());
			expect(error).toBeDefined();
			expect(description(error)).toContain(MAY_HAVE_BEEN_ACCEPTED);
			expect(apiRequests(sandbox)).toHaveLength(1);
			expect(sandbox.outbox().length).toBeLessThanOrEqual(1);
		},
	);

	it('reset after processing: the member got the code once, the item says it may have been sent (Continue On Fail)', async () => {
		sandbox.injectFault({ route: 'sendcode', kind: 'resetAfter' });
		const { output } = await run(sandbox, sendCodeParams(), { continueOnFail: true });
		expect(output![0][0]).toMatchObject({
			json: { mayHaveBeenAccepted: true },
			pairedItem: { item: 0 },
		});
		expect(output![0][0].json.error).toBe(
			'ChinaTrainTickets error: The connection was reset before the provider answered',
		);
		expect(sandbox.outbox()).toHaveLength(1);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('a slow answer past the Timeout option: not sent again, the code arrives once', async () => {
		sandbox.injectFault({ route: 'sendcode', kind: 'delay', delayMs: 2500 });
		const { error } = await run(sandbox, sendCodeParams({ options: { timeout: 1000 } }));
		expect(error?.message).toBe('ChinaTrainTickets error: The provider did not answer in time');
		expect(description(error)).toContain(MAY_HAVE_BEEN_ACCEPTED);
		for (let i = 0; i < 60 && sandbox.outbox().length === 0; i++)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(sandbox.outbox()).toHaveLength(1);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('the same for Reset Password: a lost answer is not repeated (the password did change)', async () => {
		await run(sandbox, sendCodeParams());
		const code = sandbox.latestCode('traveller01')!;
		sandbox.injectFault({ route: 'updatepwd', kind: 'resetAfter' });
		const { error } = await run(
			sandbox,
			resetParams({ verificationCode: code, newPassword: 'Changed-1' }),
		);
		expect(description(error)).toContain(MAY_HAVE_BEEN_ACCEPTED);
		expect(apiRequests(sandbox, 'updatepwd')).toHaveLength(1);
		expect(sandbox.passwordOf('traveller01')).toBe('Changed-1');
		expect(JSON.stringify([error?.message, description(error)])).not.toContain(code);
	});

	it('in a batch, an ambiguous item does not stop the others and is not resent (Continue On Fail)', async () => {
		sandbox.injectFault({ route: 'sendcode', kind: 'http500' });
		const input = items({ user: 'traveller01' }, { user: 'traveller02' });
		const { output } = await run(sandbox, sendCodeParams({ username: '={{ $json.user }}' }), {
			items: input,
			continueOnFail: true,
		});
		expect(
			output![0].map((item) => [item.json.mayHaveBeenAccepted, item.json.code, item.pairedItem]),
		).toEqual([
			[true, undefined, { item: 0 }],
			[undefined, 1, { item: 1 }],
		]);
		expect(apiRequests(sandbox)).toHaveLength(2);
	});
});

describe('refusals are not resent either, and say nothing was accepted', () => {
	it('429 is a refusal, but a code has no idempotency key: it is not resent by the node, and the item says nothing was accepted', async () => {
		sandbox.injectFault({ route: 'sendcode', kind: 'http429RetryAfter', delayMs: 1000 });
		const { output } = await run(sandbox, sendCodeParams(), { continueOnFail: true });
		expect(output![0][0].json).toMatchObject({ httpCode: '429', mayHaveBeenAccepted: false });
		expect(apiRequests(sandbox)).toHaveLength(1);
		expect(sandbox.outbox()).toHaveLength(0);
	});

	it('"server busy" inside HTTP 200 (code 0) is a refusal with its code', async () => {
		sandbox.injectFault({ route: 'sendcode', kind: 'failure200' });
		const { error } = await run(sandbox, sendCodeParams());
		expect(error?.message).toBe(
			`ChinaTrainTickets error 0: The service refused the request: ${MESSAGES.busy}`,
		);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('signature refusals as HTTP 401 or 403: one request (no n8n resend after 401), code and status kept', async () => {
		for (const status of [401, 403] as const) {
			sandbox.reset();
			sandbox.setSwitches({ signatureFailureStatus: status });
			const { error } = await run(sandbox, sendCodeParams(), {
				credentials: { signingKey: 'wrong-key' },
			});
			expect(error?.message).toBe(
				`ChinaTrainTickets error -1: The service refused the request: ${MESSAGES.signMismatch} (HTTP ${status})`,
			);
			expect(description(error)).toContain('Check the Signing Key');
			expect(apiRequests(sandbox)).toHaveLength(1);
		}
	});

	it('a stale host clock is refused (the time stamp is checked), with a hint about the clock', async () => {
		freezeDate('2026-03-01T08:00:00Z');
		sandbox.clock.set('2026-03-01T08:10:00Z');
		const { error } = await run(sandbox, sendCodeParams());
		expect(error?.message).toBe(
			`ChinaTrainTickets error -2: The service refused the request: ${MESSAGES.timestamp}`,
		);
		expect(description(error)).toContain('clock');
	});

	it('a wrong Base URL path answers 404: refused, with a hint', async () => {
		const { error } = await run(sandbox, sendCodeParams(), {
			credentials: { baseUrl: `${sandbox.url}/v2` },
		});
		expect(error?.message).toMatch(
			/^ChinaTrainTickets error: No such endpoint: check the Base URL: .* \(HTTP 404\)$/,
		);
		expect(description(error)).toContain('Check the Base URL');
		expect(sandbox.outbox()).toHaveLength(0);
	});

	it('accepts a pasted Base URL with a trailing /api/ or /Help', async () => {
		for (const suffix of ['/api/', '/Help', '/']) {
			sandbox.reset();
			const { error } = await run(sandbox, sendCodeParams(), {
				credentials: { baseUrl: `${sandbox.url}${suffix}` },
			});
			expect(error).toBeUndefined();
		}
	});

	it('an XML answer, even one saying <code>1</code>, is never read as success: it may have been accepted', async () => {
		sandbox.setSwitches({ alwaysXml: true });
		const { error } = await run(sandbox, sendCodeParams());
		expect(error?.message).toMatch(/^ChinaTrainTickets error: Unexpected response: /);
		expect(description(error)).toContain('The service answered in XML instead of JSON.');
		expect(description(error)).toContain(MAY_HAVE_BEEN_ACCEPTED);
		expect(sandbox.outbox()).toHaveLength(1);
		expect(apiRequests(sandbox)).toHaveLength(1);
	});

	it('asks for JSON, so a server that defaults to XML still answers JSON', async () => {
		sandbox.setSwitches({ xmlWhenNoAccept: true });
		const { output } = await run(sandbox, sendCodeParams());
		expect(output![0][0].json.code).toBe(1);
	});
});

describe('fresh signing', () => {
	it('signs every attempt anew: the core calls authorize per attempt, and no two attempts share a random', () => {
		const request = { method: 'POST' as const, path: '/x', body: { json: { username: 'u' } } };
		const signed = Array.from({ length: 50 }, () =>
			chinaTrainTicketsApi.authorize!(request, { signingKey: 'k' }),
		);
		const randoms = new Set(
			signed.map((r) => (r.body as { json: { random: number } }).json.random),
		);
		expect(randoms.size).toBeGreaterThan(40);
		for (const r of signed) {
			const json = (
				r.body as { json: { username: string; random: number; time_stamp: string; sign: string } }
			).json;
			expect(json.username).toBe('u');
			expect(json.sign).toBe(expectedSign('k', json.random, json.time_stamp));
		}
		expect(request.body.json).toEqual({ username: 'u' });
	});

	it("a re-run in the same second after a refusal (n8n's Retry On Fail, or the user running again) is signed anew: replay detection accepts it", async () => {
		freezeDate('2026-03-01T08:00:00Z');
		sandbox.clock.set('2026-03-01T08:00:00Z');
		sandbox.setSwitches({ rejectReplays: true });
		sandbox.injectFault({ route: 'sendcode', kind: 'http429' });
		const first = await run(sandbox, sendCodeParams(), { executionId: 'exec-9' });
		expect(first.error?.message).toContain('(HTTP 429)');
		const second = await run(sandbox, sendCodeParams(), { executionId: 'exec-9' });
		expect(second.error).toBeUndefined();
		expect(second.output![0][0].json.code).toBe(1);
		const bodies = apiRequests(sandbox).map((request) => JSON.parse(request.body));
		expect(bodies.map((body) => body.time_stamp)).toEqual(['20260301080000', '20260301080000']);
		expect(bodies[0].random).not.toBe(bodies[1].random);
		expect(bodies[0].sign).not.toBe(bodies[1].sign);
		for (const body of bodies)
			expect(body.sign).toBe(expectedSign(sandbox.signingKey, body.random, body.time_stamp));
		expect(sandbox.outbox()).toHaveLength(1);
	});

	it('many items in the same second: one request per item (the API has no batch call), each with its own signature, accepted with replay detection on', async () => {
		freezeDate('2026-03-01T08:00:00Z');
		sandbox.clock.set('2026-03-01T08:00:00Z');
		sandbox.setSwitches({ rejectReplays: true, cooldownSec: 0 });
		const input = items(...Array.from({ length: 8 }, () => ({})));
		const { output, error } = await run(sandbox, sendCodeParams(), { items: input });
		expect(error).toBeUndefined();
		expect(output![0].every((item) => item.json.code === 1)).toBe(true);
		expect(apiRequests(sandbox)).toHaveLength(8);
		expect(output![0].map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(
			new Set(apiRequests(sandbox).map((request) => JSON.parse(request.body).random)).size,
		).toBe(8);
		expect(sandbox.outbox()).toHaveLength(8);
	});

	it('connection refused (no byte left) fails as not sent, nothing recorded anywhere', async () => {
		const free = net.createServer();
		await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
		const port = (free.address() as net.AddressInfo).port;
		await new Promise<void>((resolve) => free.close(() => resolve()));
		const { output } = await run(sandbox, sendCodeParams(), {
			credentials: { baseUrl: `http://127.0.0.1:${port}` },
			continueOnFail: true,
		});
		expect(output![0][0].json).toMatchObject({
			error: 'ChinaTrainTickets error: The provider refused the connection',
			mayHaveBeenAccepted: false,
		});
		expect(sandbox.outbox()).toHaveLength(0);
	});
});

describe('secrets', () => {
	it('the Signing Key never appears in items, errors or logs, on success or failure', async () => {
		const key = sandbox.signingKey;
		const ok = await run(sandbox, sendCodeParams());
		sandbox.injectFault({ route: 'sendcode', kind: 'malformedJson' });
		const garbled = await run(sandbox, sendCodeParams({ username: 'traveller02' }), {
			continueOnFail: true,
		});
		const refused = await run(sandbox, sendCodeParams({ username: 'nobody' }));
		for (const result of [ok, garbled, refused]) {
			const text = JSON.stringify([
				result.output,
				result.error?.message,
				description(result.error),
				result.logs,
			]);
			expect(text).not.toContain(key);
			expect(text).not.toMatch(/"sign"|time_stamp/);
		}
		expect(JSON.stringify(sandbox.requests())).not.toContain(key);
	});

	it('an empty Signing Key stops before any request, naming the credential field', async () => {
		const { error } = await run(sandbox, sendCodeParams(), { credentials: { signingKey: '' } });
		expect(error?.message).toBe('ChinaTrainTickets error: The credential has no Signing Key');
		expect(apiRequests(sandbox)).toHaveLength(0);
	});
});
