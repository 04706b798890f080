import { startSepahanGostarSandbox, type SepahanGostarSandbox } from '../../sandbox/sepahangostar';
import { apiRequests, items, run } from './setup';

let sandbox: SepahanGostarSandbox;
beforeAll(async () => {
	sandbox = await startSepahanGostarSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const send = { resource: 'sms', operation: 'send', from: '3000123456', to: '09121234567, 09351234567', message: 'Hi', options: {} };

describe('retry-safe sending', () => {
	it("n8n's Retry On Fail (same execution) re-sending a batch is answered as already accepted, never sent twice", async () => {
		const first = await run(sandbox, send, { executionId: 'exec-42' });
		expect(first.output![0].every((item) => item.json.status === 'accepted')).toBe(true);
		const second = await run(sandbox, send, { executionId: 'exec-42' });
		expect(second.error).toBeUndefined();
		expect(second.output![0].map((item) => item.json)).toEqual([
			expect.objectContaining({ status: 'alreadyAccepted', messageId: null, to: '09121234567' }),
			expect.objectContaining({ status: 'alreadyAccepted', messageId: null, to: '09351234567' }),
		]);
		expect(second.output![0][0].json.note).toContain('cannot be retrieved');
		expect(sandbox.sentMessages()).toHaveLength(2);
		const ids = apiRequests(sandbox, '/api/Sms/Send').map((request) => request.headers['request-id']);
		expect(ids).toHaveLength(2);
		expect(ids[0]).toBe(ids[1]);
	});

	it('a new execution gets new request ids and sends again', async () => {
		await run(sandbox, send, { executionId: 'exec-1' });
		await run(sandbox, send, { executionId: 'exec-2' });
		expect(sandbox.sentMessages()).toHaveLength(4);
	});

	it('"Treat Duplicate Request as Error" fails with code -20', async () => {
		await run(sandbox, send, { executionId: 'exec-7' });
		const { error } = await run(sandbox, { ...send, options: { treatDuplicateAsError: true } }, { executionId: 'exec-7' });
		expect(error?.message).toBe(
			'SepahanGostar error -20: The request id is a duplicate (a request with this Request-Id was already received) (HTTP 401)',
		);
	});

	it('a user-given Request ID is sent as is', async () => {
		const { output } = await run(sandbox, { ...send, options: { requestId: 'order-1001' } });
		expect(output![0][0].json.requestId).toBe('order-1001');
		expect(apiRequests(sandbox, '/api/Sms/Send')[0].headers['request-id']).toBe('order-1001');
	});

	it.each([
		['the connection resets after processing', 'resetAfter'],
		['its answer arrives garbled', 'truncatedJson'],
	] as const)('an accepted send whose %s is checked with checkRequestId, never sent again', async (_, kind) => {
		sandbox.injectFault({ route: '/api/Sms/Send', kind, times: 1 });
		const { output, error } = await run(sandbox, send);
		expect(error).toBeUndefined();
		expect(output![0].map((item) => item.json.status)).toEqual(['alreadyAccepted', 'alreadyAccepted']);
		expect(sandbox.sentMessages()).toHaveLength(2);
		expect(apiRequests(sandbox).map((request) => request.path.split('/').slice(0, 4).join('/'))).toEqual([
			'/api/Sms/Send',
			'/api/Requests/checkRequestId',
		]);
	});

	it.each(['htmlBody', 'emptyBody', 'malformedJson'] as const)(
		'a send answered by %s (HTTP 200) may have been accepted: it is checked, and resent only because it did not arrive',
		async (kind) => {
			sandbox.injectFault({ route: '/api/Sms/Send', kind, times: 1 });
			const { output, error } = await run(sandbox, send);
			expect(error).toBeUndefined();
			expect(output![0].map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
			expect(sandbox.sentMessages()).toHaveLength(2);
			const paths = apiRequests(sandbox).map((request) => request.path.split('/').slice(0, 4).join('/'));
			expect(paths).toEqual(['/api/Sms/Send', '/api/Requests/checkRequestId', '/api/Sms/Send']);
		},
	);

	it('Timeout and Treat Duplicate Request as Error are honoured per item', async () => {
		const input = items({ strict: false }, { strict: true });
		const perItem = { ...send, to: '09121234567', options: { treatDuplicateAsError: '={{ $json.strict }}', timeout: '={{ $json.strict ? 5000 : 30000 }}' } };
		await run(sandbox, perItem, { executionId: 'exec-per-item', items: input });
		// Items with different settings never share a request.
		expect(apiRequests(sandbox, '/api/Sms/Send')).toHaveLength(2);
		const again = await run(sandbox, perItem, { executionId: 'exec-per-item', items: input, continueOnFail: true });
		expect(again.output![0].map((item) => item.json.status)).toEqual(['alreadyAccepted', 'failed']);
		expect(again.output![0][1].json).toMatchObject({ errorCode: -20, httpCode: '401', mayHaveBeenAccepted: false });
		expect(sandbox.sentMessages()).toHaveLength(2);
	});

	it('after a reset before processing it asks, learns nothing arrived, and resends with the same id', async () => {
		sandbox.injectFault({ route: '/api/Sms/Send', kind: 'resetBefore', times: 1 });
		const { output, error } = await run(sandbox, send);
		expect(error).toBeUndefined();
		expect(output![0].map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
		expect(sandbox.sentMessages()).toHaveLength(2);
		const sends = apiRequests(sandbox, '/api/Sms/Send');
		expect(sends).toHaveLength(2);
		expect(sends[0].headers['request-id']).toBe(sends[1].headers['request-id']);
		expect(apiRequests(sandbox, 'checkRequestId')).toHaveLength(1);
	});

	it('after a timeout it checks before resending', async () => {
		sandbox.injectFault({ route: '/api/Sms/Send', kind: 'delay', delayMs: 2500, times: 1 });
		const { output, error } = await run(sandbox, { ...send, options: { timeout: 1000 } });
		expect(error).toBeUndefined();
		expect(apiRequests(sandbox, 'checkRequestId')).toHaveLength(1);
		// Whatever the sandbox decided about the delayed request, exactly one send happened.
		expect(sandbox.sentMessages()).toHaveLength(2);
		expect(output![0]).toHaveLength(2);
	});

	it('retries a 503 with the same request id and sends once', async () => {
		sandbox.injectFault({ route: '/api/Sms/Send', kind: 'http503', times: 1 });
		const { output, error } = await run(sandbox, send);
		expect(error).toBeUndefined();
		expect(output![0][0].json.status).toBe('accepted');
		const sends = apiRequests(sandbox, '/api/Sms/Send');
		expect(sends).toHaveLength(2);
		expect(sends[0].headers['request-id']).toBe(sends[1].headers['request-id']);
		expect(sandbox.sentMessages()).toHaveLength(2);
	});

	it('honours Retry-After on 429', async () => {
		sandbox.injectFault({ route: '/api/SmsReport/credit', kind: 'http429RetryAfter', times: 1 });
		const { output, error } = await run(sandbox, { resource: 'account', operation: 'getCredit' });
		expect(error).toBeUndefined();
		expect(typeof output![0][0].json.credit).toBe('number');
		expect(apiRequests(sandbox, 'credit')).toHaveLength(2);
	});

	it('gives up after three 5xx answers with a clear error', async () => {
		sandbox.injectFault({ route: '/api/SmsReport/credit', kind: 'http500', times: 5 });
		const { error } = await run(sandbox, { resource: 'account', operation: 'getCredit' });
		expect(error?.message).toMatch(/^SepahanGostar error( \d+)?: The provider had a server error \(HTTP 500\)$/);
		expect(apiRequests(sandbox, 'credit')).toHaveLength(3);
		// Nothing retries it later, so the error must not promise that.
		expect(String((error as { description?: string }).description ?? '')).not.toMatch(/retried again|later/);
	});

	it('a proxy error page (HTML 500) is retried as often as it says, and promises no later retry', async () => {
		sandbox.injectFault({ route: '/api/SmsReport/credit', kind: 'html500', times: 5 });
		const { error } = await run(sandbox, { resource: 'account', operation: 'getCredit' });
		expect(error?.message).toMatch(/^SepahanGostar error: Unexpected response: .*\(HTTP 500\)$/);
		expect(apiRequests(sandbox, 'credit')).toHaveLength(3);
		expect(String((error as { description?: string }).description)).toBe('The provider had a server error.');
	});

	it('a send that keeps failing with 5xx says plainly that it may have been accepted', async () => {
		sandbox.injectFault({ route: '/api/Sms/Send', kind: 'http500', times: 20 });
		sandbox.injectFault({ route: 'checkRequestId', kind: 'http500', times: 20 });
		const { output } = await run(sandbox, send, { continueOnFail: true });
		expect(output![0][0].json).toMatchObject({ status: 'unknown', mayHaveBeenAccepted: true, httpCode: '500' });
		expect(String(output![0][0].json.errorDescription)).toContain('may have accepted');
	});
});
