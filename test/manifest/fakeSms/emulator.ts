/**
 * A tiny provider emulator for the manifest tests, on the shared sandbox core: one API route that
 * "sends" an SMS with identifier/secret in a form body (no API key), and a reset control route.
 */
import { SandboxClock } from '../../../sandbox/core/clock';
import { FaultQueue } from '../../../sandbox/core/faults';
import { RequestLog } from '../../../sandbox/core/log';
import { startHttpSandbox } from '../../../sandbox/core/server';

export interface FakeSmsSandbox {
	url: string;
	identifier: string;
	secret: string;
	sent(): string[];
	close(): Promise<void>;
}

export async function startFakeSmsSandbox(
	options: { port?: number } = {},
): Promise<FakeSmsSandbox> {
	const identifier = 'fake-identifier';
	const secret = 'fake-secret-0123456789';
	const sent: string[] = [];
	const json = (status: number, value: unknown) => ({
		status,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(value),
	});
	const http = await startHttpSandbox({
		title: 'FakeSms',
		port: options.port,
		clock: new SandboxClock(),
		log: new RequestLog(),
		faults: new FaultQueue(),
		resolve: (req) =>
			req.method === 'POST' && req.pathname === '/send'
				? {
						names: ['send'],
						run: () => {
							const form = new URLSearchParams(req.body);
							if (form.get('identifier') !== identifier || form.get('secret') !== secret)
								return json(403, { result: 'error' });
							sent.push(form.get('text') ?? '');
							return json(200, { result: 'success', id: String(sent.length) });
						},
					}
				: { run: () => json(404, { result: 'error', message: 'unknown route' }) },
		faultResponse: (_kind, status) => json(status, { result: 'error' }),
		control: [
			{
				method: 'POST',
				path: '/reset',
				summary: 'forget what was sent',
				handle: () => void sent.splice(0),
			},
			{ method: 'GET', path: '/sent', summary: 'texts sent', handle: () => [...sent] },
		],
	});
	return { url: http.url, identifier, secret, sent: () => [...sent], close: () => http.close() };
}
