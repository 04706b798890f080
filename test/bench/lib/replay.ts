/**
 * The contenders beside the node: the same HTTP requests sent by a plain keep-alive `fetch` loop
 * (the floor: no n8n, no validation, no output items), and one request per recipient (what n8n's
 * own SMS nodes do). The requests are recorded once from the node through a loopback proxy, so the
 * floor sends exactly the bytes the node sends.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Buffer;
}

/** Headers the client computes itself: not replayed. */
const CLIENT_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

export interface RecordingProxy {
	url: string;
	/** Takes what was recorded since the last call. */
	take(): RecordedRequest[];
	close(): Promise<void>;
}

/** A loopback proxy to `target` that keeps every request it forwards. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
	const upstream = new URL(target);
	let recorded: RecordedRequest[] = [];
	const agent = new http.Agent({ keepAlive: true });
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers)) {
				if (value !== undefined && !CLIENT_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
			}
			const entry: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: body.length ? body : undefined };
			recorded.push(entry);
			const forward = http.request(
				{ host: upstream.hostname, port: upstream.port, method: entry.method, path: entry.path, headers: { ...headers, 'content-length': String(body.length) }, agent },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			forward.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		take() {
			const out = recorded;
			recorded = [];
			return out;
		},
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** Sends each request to `base` with at most `inFlight` at once over keep-alive connections, reading every answer. */
export async function replay(base: string, requests: readonly RecordedRequest[], inFlight: number): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < requests.length) {
			const request = requests[next++];
			const answer = await fetch(base + request.path, {
				method: request.method,
				headers: request.headers,
				body: request.body,
				keepalive: true,
			});
			await answer.text();
			if (answer.status >= 400) throw new Error(`floor: HTTP ${answer.status} for ${request.method} ${request.path}`);
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, requests.length) }, lane));
}

/**
 * One request per recipient from a single-recipient request of the node: the recipient's last nine
 * digits (`123456789` in the template) are replaced with each number's, and a Request-Id is dropped
 * (an HTTP Request node does not send one).
 */
export function perRecipient(template: RecordedRequest, numbers: readonly string[], marker = '123456789'): RecordedRequest[] {
	const text = template.body?.toString('utf8') ?? '';
	if (!text.includes(marker) && !template.path.includes(marker)) throw new Error('per-recipient template: the recipient was not found in the request');
	const headers = Object.fromEntries(Object.entries(template.headers).filter(([name]) => name.toLowerCase() !== 'request-id'));
	return numbers.map((number) => {
		const tail = number.slice(-9);
		return {
			method: template.method,
			path: template.path.split(marker).join(tail),
			headers,
			body: template.body ? Buffer.from(text.split(marker).join(tail), 'utf8') : undefined,
		};
	});
}
