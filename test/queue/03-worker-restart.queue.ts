/**
 * A worker killed mid-run (SIGKILL: no graceful hand-back) and started again. Production executions
 * come from a webhook (main → Redis queue → workers) and each sends one SMS through SepahanGostar,
 * whose sandbox holds every send request for a few seconds: the killed worker has sends in flight
 * (their requests reached the provider), the other worker too, and further jobs wait in the queue.
 *
 * n8n does not run a job again when its worker dies (its Bull queue has `maxStalledCount: 0`): the
 * main fails that execution as stalled. So: the executions the killed worker held end in an error,
 * every other one completes, nothing stays running, and the provider's ledger holds each SMS whose
 * request reached it exactly once — no SMS is lost and none is sent twice.
 */
import { randomUUID } from 'node:crypto';

import { credentialRef, connect, createWorkflow, readExecution, waitFor, type E2eContext } from '../e2e/helpers';
import { readState } from '../e2e/state';
import { WORKER_CONCURRENCY, executionsByWorker, killWorker, startWorker } from './queue';

const SEND = 'Send SMS';
const SENDER = '3000123456';
/** Enough for both workers' slots plus some jobs left waiting in the queue. */
const COUNT = 2 * WORKER_CONCURRENCY + 4;
const HOLD_MS = 6000;

interface SentSms {
	id: string;
	to: string;
	text: string;
	requestId?: string;
}

let base: E2eContext;
beforeAll(async () => {
	base = await connect();
});

test(`a worker killed while ${COUNT} webhook executions send SMS: the rest complete, every SMS sent once`, async () => {
	const sb = base.sandbox('sepahanGostar');
	await sb.reset();
	const path = `queue-restart-${randomUUID()}`;
	const workflowId = await createWorkflow(base.rest, {
		name: 'queue: webhook → send, across a worker restart',
		nodes: [
			{
				id: 'queue-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'queue-send',
				name: SEND,
				type: 'n8n-nodes-sms-otp.sepahanGostar',
				typeVersion: 1,
				position: [300, 0],
				parameters: { resource: 'sms', operation: 'send', from: SENDER, to: '={{ $json.body.to }}', message: '={{ $json.body.text }}', options: {} },
				credentials: { sepahanGostarApi: credentialRef('sepahanGostar', 'sepahanGostarApi') },
			},
		],
		connections: { Webhook: { main: [[{ node: SEND, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	await base.rest.activateWorkflow(workflowId);
	const isSend = (r: Record<string, unknown>) => /\/api\/Sms\/Send$/i.test(String(r.path));
	try {
		// Every send request of this test is held by the sandbox, then processed (a slow provider).
		await sb.call('POST', '/fault', { kind: 'delay', route: 'send', delayMs: HOLD_MS, times: 1000 });
		const messages = Array.from({ length: COUNT }, (_, i) => ({ to: `0912000${String(i).padStart(4, '0')}`, text: `queue restart ${i}` }));
		for (const body of messages) {
			const response = await fetch(`${base.state.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			expect(response.status).toBe(200);
		}

		// Both workers' slots are busy with held sends; the remaining jobs wait in the queue.
		const ours = async () => new Set((await base.rest.listExecutions(workflowId)).map((e) => String(e.id)));
		const busy = await waitFor(
			'both workers to have their sends held by the sandbox',
			async () => {
				const ids = await ours();
				const worker1 = [...(executionsByWorker(readState()).get('worker-1') ?? [])].filter((id) => ids.has(id));
				const held = (await sb.requests()).filter((r) => isSend(r) && r.status === 0).length;
				return { worker1, held };
			},
			(v) => v.held >= 2 * WORKER_CONCURRENCY && v.worker1.length === WORKER_CONCURRENCY,
			60_000,
		);
		const killedAt = Date.now();
		await killWorker('worker-1');
		await startWorker('worker-1');

		// Nothing stays running: every execution ends.
		const finished = await waitFor(
			`${COUNT} executions to end`,
			async () => await base.rest.listExecutions(workflowId),
			(list) => list.length === COUNT && list.every((e) => !['running', 'new', 'waiting'].includes(String(e.status))),
			150_000,
		);
		const sent = await sb.sent<SentSms[]>();
		const requests = (await sb.requests()).filter(isSend);
		const killed = new Set(busy.worker1);
		const byStatus = (status: string) => finished.filter((e) => e.status === status).map((e) => String(e.id));
		process.stdout.write(
			`[queue] worker restart: ${COUNT} executions, worker-1 killed holding ${killed.size}; ${byStatus('success').length} success, ` +
				`${finished.length - byStatus('success').length} not (${JSON.stringify(finished.filter((e) => e.status !== 'success').map((e) => e.status))}), ` +
				`${requests.length} send requests, ${sent.length} SMS in the ledger, all ended ${Math.round((Date.now() - killedAt) / 1000)}s after the kill\n`,
		);

		// The killed worker's executions failed (n8n does not run them again); all others succeeded.
		expect(byStatus('success').sort()).toEqual(finished.map((e) => String(e.id)).filter((id) => !killed.has(id)).sort());
		for (const id of killed) {
			const result = readExecution(base.install, await base.rest.getExecution(id));
			expect({ id, status: result.execution.status, error: result.error?.message }).toEqual({
				id,
				status: 'error',
				error: expect.stringMatching(/processed too many times and will no longer retry/),
			});
		}

		// Every request reached the sandbox once (none repeated), and each SMS is in the ledger once.
		expect(requests).toHaveLength(COUNT);
		expect(new Set(requests.map((r) => (r.headers as Record<string, string>)['request-id'])).size).toBe(COUNT);
		expect(sent.map((s) => `${s.to} ${s.text}`).sort()).toEqual(messages.map((m) => `${m.to} ${m.text}`).sort());

		// Each completed execution's item is the SMS the ledger holds, with its Request-Id.
		for (const id of byStatus('success')) {
			const result = readExecution(base.install, await base.rest.getExecution(id));
			const [item] = result.output(SEND);
			expect(item.json).toEqual(expect.objectContaining({ from: SENDER, status: 'accepted' }));
			const match = sent.filter((s) => s.to === item.json.to);
			expect(match).toHaveLength(1);
			expect(item.json.requestId).toBe(match[0].requestId);
		}
	} finally {
		await sb.reset();
		await base.rest.deactivateWorkflow(workflowId);
	}
});
