import { createHash, randomUUID } from 'node:crypto';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ProviderError, settle } from '../../nodes/shared/errors';
import { exactInteger } from '../../nodes/shared/json';
import type { ProviderApi, ProviderResponse, ReadContext } from '../../nodes/shared/transport';
import { bodySnippet, callProvider, normaliseBaseUrl, unexpectedAnswer } from '../../nodes/shared/transport';
import type { LoopbackServer } from './support/probe';
import { probeApi, runInProbe, startLoopbackServer, useLoopbackServer } from './support/probe';

describe('transport helpers', () => {
	it('normalises pasted base URLs', () => {
		expect(normaliseBaseUrl(' https://api.sepahansms.com/api/ ', ['/api', '/swagger'])).toBe('https://api.sepahansms.com');
		expect(normaliseBaseUrl('https://api.flashsms.ir/swagger', ['/api', '/swagger'])).toBe('https://api.flashsms.ir');
	});

	it('makes short, tag-free snippets without secrets', () => {
		const snippet = bodySnippet('<html><body><h1>502 Bad Gateway</h1> token=abcd1234secret</body></html>', ['abcd1234secret']);
		expect(snippet).toBe('502 Bad Gateway token=***');
	});
});

describe('callProvider against a loopback server, through n8n’s request helpers', () => {
	const loopback = useLoopbackServer({ status: 200, body: '{"ok":true,"id":639027944154527201}' });
	let server: LoopbackServer;
	beforeEach(() => {
		server = loopback();
	});

	const api = probeApi;
	/** Body auth: the credential's identifier and secret are added to the form body before it is serialised. */
	const bodyAuthApi: ProviderApi = {
		...api,
		authorize: (request, credentials) =>
			request.body && 'form' in request.body
				? { ...request, body: { form: { ...request.body.form, identifier: String(credentials.identifier), secret: String(credentials.secret) } } }
				: request,
	};
	const readJson = (response: ProviderResponse, context: ReadContext) => {
		if (response.statusCode === 200 && response.json && typeof response.json === 'object') return response.json as IDataObject;
		throw unexpectedAnswer(response, context);
	};
	const probe = async (run: (ctx: IExecuteFunctions) => Promise<IDataObject>) => {
		const result = await runInProbe(server, async (ctx) => [{ json: await run(ctx) }]);
		return { json: result.output?.[0][0].json, error: result.error };
	};

	it('sends a form body, with credentials added by the provider’s auth on structured fields', async () => {
		const { json, error } = await probe(
			async (ctx) =>
				await callProvider(ctx, bodyAuthApi, {
					prepare: () => ({ method: 'POST', path: '/includes/api.php', body: { form: { action: 'ResetPassword', email: 'a&b@example.com', ids: ['1', '2'] } } }),
					read: readJson,
					repeatable: false,
				}),
		);
		expect(error).toBeUndefined();
		// The 64-bit id keeps every digit.
		expect(json).toEqual({ ok: true, id: '639027944154527201' });
		const [request] = server.requests;
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
		expect(Object.fromEntries([...new URLSearchParams(request.body).entries()].filter(([key]) => key !== 'ids'))).toEqual({
			action: 'ResetPassword',
			email: 'a&b@example.com',
			identifier: 'probe-identifier',
			secret: 'probe-secret-value',
		});
		expect(new URLSearchParams(request.body).getAll('ids')).toEqual(['1', '2']);
	});

	it('sends raw XML with its content type, and a query string', async () => {
		server.fallback = { status: 200, headers: { 'content-type': 'text/xml' }, body: '<ok/>' };
		const { json, error } = await probe(
			async (ctx) =>
				await callProvider(ctx, api, {
					prepare: () => ({
						method: 'POST',
						path: '/soap',
						query: { op: 'Send', page: 2, skip: undefined },
						headers: { SOAPAction: '"http://tempuri.org/Send"' },
						body: { text: '<Envelope>&lt;x&gt;</Envelope>', contentType: 'text/xml; charset=utf-8' },
					}),
					read: (response) => ({ text: response.text, parsed: response.json === undefined }),
					repeatable: false,
				}),
		);
		expect(error).toBeUndefined();
		expect(json).toEqual({ text: '<ok/>', parsed: true });
		const [request] = server.requests;
		expect(request.url).toBe('/soap?op=Send&page=2');
		expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(request.headers.soapaction).toBe('"http://tempuri.org/Send"');
		expect(request.body).toBe('<Envelope>&lt;x&gt;</Envelope>');
	});

	it('writes exact integers in a JSON body as bare literals', async () => {
		await probe(
			async (ctx) =>
				await callProvider(ctx, api, {
					prepare: () => ({ method: 'POST', path: '/status', body: { json: ['639027944154527201', '5'].map(exactInteger) } }),
					read: readJson,
					repeatable: true,
				}),
		);
		expect(server.requests[0].body).toBe('[639027944154527201,5]');
		expect(server.requests[0].headers['content-type']).toBe('application/json; charset=utf-8');
	});

	it('prepares every attempt afresh, so a signature differs on each retry', async () => {
		server.queue.push({ status: 503, body: 'busy' }, { status: 503, body: 'busy' });
		const { error } = await probe(
			async (ctx) =>
				await callProvider(ctx, api, {
					prepare: (attempt) => {
						const nonce = randomUUID();
						const timestamp = String(Date.now() + attempt);
						const sign = createHash('md5').update(`${timestamp}${nonce}key`).digest('hex');
						return { method: 'POST', path: '/signed', body: { json: { timestamp, nonce, sign } } };
					},
					read: readJson,
					repeatable: true,
				}),
		);
		expect(error).toBeUndefined();
		const bodies = server.requests.map((request) => JSON.parse(request.body) as IDataObject);
		expect(bodies).toHaveLength(3);
		expect(new Set(bodies.map((body) => body.sign)).size).toBe(3);
		expect(new Set(bodies.map((body) => body.nonce)).size).toBe(3);
	});

	it('retries a read whose answer the provider declares retryable inside HTTP 200', async () => {
		server.queue.push({ status: 200, body: '{"status":"ServerBusy"}' });
		const { json, error } = await probe(
			async (ctx) =>
				await callProvider(ctx, api, {
					prepare: () => ({ method: 'GET', path: '/account' }),
					read: (response, context) => {
						const body = response.json as IDataObject;
						if (body?.status === 'ServerBusy') {
							throw new ProviderError({ provider: context.provider, message: 'Server busy', code: 'ServerBusy', outcome: 'refused', retryable: true, retryAfterMs: 10 });
						}
						return readJson(response, context);
					},
					repeatable: true,
				}),
		);
		expect(error).toBeUndefined();
		expect(json).toMatchObject({ ok: true });
		expect(server.requests).toHaveLength(2);
	});

	it('never resends a side effect without an idempotency key after bytes left, even after a refusal such as 429', async () => {
		server.queue.push({ status: 429, headers: { 'retry-after': '0' }, body: 'slow down' });
		const result = await runInProbe(server, async (ctx) => {
			const outcome = await settle(
				async () => await callProvider(ctx, api, { prepare: () => ({ method: 'POST', path: '/send' }), read: readJson, repeatable: false }),
			);
			return [{ json: { outcome: outcome instanceof ProviderError ? outcome.outcome : 'value', retryable: (outcome as ProviderError).retryable } }];
		});
		expect(result.output?.[0][0].json).toEqual({ outcome: 'refused', retryable: true });
		expect(server.requests).toHaveLength(1);
	});

	it('never resends a call that is unsafe to repeat once bytes left: the server processed it, then the connection reset', async () => {
		server.queue.push('reset');
		const { error } = await probe(
			async (ctx) =>
				await callProvider(ctx, api, {
					prepare: () => ({ method: 'POST', path: '/send', body: { json: { to: '09121234567' } } }),
					read: readJson,
					repeatable: false,
				}),
		);
		expect(server.requests).toHaveLength(1);
		expect(error?.message).toBe('Probe error: The connection was reset before the provider answered');
	});

	it.each([
		['a 5xx answer', { status: 502, body: '<html>Bad gateway</html>' }],
		['an empty 200 answer', { status: 200, body: '' }],
		['a garbled 200 answer', { status: 200, body: '{"ok":tru' }],
	] as const)('never resends an unsafe call after %s, and reports the outcome as unknown', async (_, reply) => {
		server.queue.push(reply, reply, reply);
		const result = await runInProbe(server, async (ctx) => {
			const outcome = await settle(
				async () => await callProvider(ctx, api, { prepare: () => ({ method: 'POST', path: '/send' }), read: readJson, repeatable: false }),
			);
			return [{ json: { outcome: outcome instanceof ProviderError ? outcome.outcome : 'value' } }];
		});
		expect(result.output?.[0][0].json).toEqual({ outcome: 'unknown' });
		expect(server.requests).toHaveLength(1);
	});

	it('resends an unsafe call when no byte left (connection refused)', async () => {
		const closed = await startLoopbackServer();
		await closed.close();
		const result = await runInProbe(server, async (ctx) => {
			const refusedApi: ProviderApi = { ...api, baseUrl: () => closed.url };
			const outcome = await settle(
				async () => await callProvider(ctx, refusedApi, { prepare: () => ({ method: 'POST', path: '/send' }), read: readJson, repeatable: false, attempts: 2 }),
			);
			return [{ json: { outcome: outcome instanceof ProviderError ? outcome.outcome : 'value', message: (outcome as Error).message } }];
		});
		expect(result.output?.[0][0].json).toEqual({ outcome: 'notSent', message: 'Probe error: The provider refused the connection' });
	});

	it('keeps secrets out of quoted answers', async () => {
		server.queue.push({ status: 500, body: 'error for probe-secret-value' }, { status: 500, body: 'error for probe-secret-value' }, { status: 500, body: 'x' });
		const { error } = await probe(
			async (ctx) => await callProvider(ctx, api, { prepare: () => ({ method: 'GET', path: '/x' }), read: readJson, repeatable: true, attempts: 2 }),
		);
		expect(error?.message).toBe('Probe error: Unexpected response: error for *** (HTTP 500)');
	});
});
