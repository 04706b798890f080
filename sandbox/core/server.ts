/**
 * Generic HTTP mechanics of a loopback sandbox (node:http, no framework):
 * binding to 127.0.0.1 (port 0 = ephemeral), body reading with a size limit,
 * request logging, fault injection and the `/__sandbox` JSON control surface.
 * A provider plugs in its API router and its fault bodies.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { SandboxClock } from './clock';
import type { ActiveFault, FaultQueue } from './faults';
import { POST_PROCESSING_FAULTS } from './faults';
import { parseJson, toJson } from './json';
import type { JsonValue, Jsonable } from './json';
import type { RequestLog, RequestLogEntry } from './log';

export const SANDBOX_HOST = '127.0.0.1';
export const CONTROL_PREFIX = '/__sandbox';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface SandboxRequest {
	/** Upper-case method. */
	method: string;
	/** Path and query exactly as received. */
	rawPath: string;
	/** Path without the query, still percent-encoded. */
	pathname: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** Caller address, IPv4-mapped IPv6 reduced to IPv4. */
	remoteAddress: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

export interface ApiResolution {
	/** Aliases a fault `route` can name (route name and canonical path); undefined if no route matched. */
	names?: readonly string[];
	run(): SandboxResponse | Promise<SandboxResponse>;
}

export type FaultBodyKind = 'http500' | 'http503' | 'http429' | 'failure200';

export interface ControlRoute {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path below the control prefix, e.g. '/inbound'. */
	path: string;
	summary: string;
	/** Example JSON body, shown in the help text. */
	example?: string;
	/** Throw an Error to answer 400 {error: message}. */
	handle(body: JsonValue | undefined, req: SandboxRequest): unknown;
}

export interface HttpSandboxOptions {
	title: string;
	port?: number;
	maxBodyBytes?: number;
	clock: SandboxClock;
	log: RequestLog;
	faults: FaultQueue;
	/** Masks secrets inside a logged request body. */
	maskBody?(req: SandboxRequest, body: string): string;
	/** Routes an API request (everything outside the control prefix). */
	resolve(req: SandboxRequest): ApiResolution;
	/** Provider-specific bodies for injected faults that look like the API's own errors. */
	faultResponse(kind: FaultBodyKind, status: number, fault: ActiveFault): SandboxResponse;
	control: readonly ControlRoute[];
	/** Extra lines for the help text. */
	helpNotes?: readonly string[];
}

export interface HttpSandbox {
	url: string;
	port: number;
	close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > limit) {
			req.resume();
			reject(new BodyTooLargeError());
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		req.on('data', (chunk: Buffer) => {
			if (failed) return;
			size += chunk.length;
			if (size > limit) {
				failed = true;
				chunks.length = 0;
				reject(new BodyTooLargeError());
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
		});
		req.on('error', (err) => {
			if (!failed) reject(err);
		});
	});
}

function normaliseAddress(addr: string | undefined): string {
	if (!addr) return '';
	return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}

function resetSocket(req: http.IncomingMessage): void {
	const socket = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

function jsonResponse(status: number, value: Jsonable): SandboxResponse {
	return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: toJson(value, 2) + '\n' };
}

const HTML_500 =
	'<!DOCTYPE html>\n<html><head><title>500 - Internal server error.</title></head>' +
	'<body><h1>Server Error</h1><h2>500 - Internal server error.</h2>' +
	'<h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3></body></html>\n';
const HTML_PAGE =
	'<!DOCTYPE html>\n<html><head><title>Access gateway</title></head>' +
	'<body><p>Please sign in to continue.</p></body></html>\n';
const HTML_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
	'<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const MALFORMED_JSON = '{"isSuccess": true, value: [1, 2,], \'error\': null}';

export async function startHttpSandbox(opts: HttpSandboxOptions): Promise<HttpSandbox> {
	const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	const closing = new AbortController();

	const sleep = (ms: number) =>
		new Promise<void>((resolve, reject) => {
			if (closing.signal.aborted) {
				reject(new Error('sandbox closing'));
				return;
			}
			const onAbort = () => {
				clearTimeout(timer);
				reject(new Error('sandbox closing'));
			};
			const timer = setTimeout(() => {
				closing.signal.removeEventListener('abort', onAbort);
				resolve();
			}, ms);
			closing.signal.addEventListener('abort', onAbort, { once: true });
		});

	const send = (res: http.ServerResponse, r: SandboxResponse, entry?: RequestLogEntry) => {
		if (res.headersSent || res.destroyed) return;
		const body = Buffer.from(r.body ?? '', 'utf8');
		const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
		headers['content-length'] = body.length;
		res.writeHead(r.status, headers);
		res.end(body);
		if (entry) entry.status = r.status;
	};

	const helpText = (): string => {
		const lines = [
			`${opts.title} sandbox control surface (no auth, JSON in/out).`,
			'',
			...opts.control.map((c) => {
				const route = `${c.method.padEnd(6)} ${CONTROL_PREFIX}${c.path}`;
				return `${route.padEnd(36)} ${c.summary}${c.example ? `\n${' '.repeat(37)}body: ${c.example}` : ''}`;
			}),
		];
		if (opts.helpNotes?.length) lines.push('', ...opts.helpNotes);
		return lines.join('\n') + '\n';
	};

	const handleControl = async (req: SandboxRequest): Promise<SandboxResponse> => {
		let sub = req.pathname.slice(CONTROL_PREFIX.length).toLowerCase();
		if (sub.endsWith('/')) sub = sub.slice(0, -1);
		if (sub === '' || sub === '/help') {
			if (req.method !== 'GET') return jsonResponse(405, { error: 'Use GET /__sandbox for the help text' });
			return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: helpText() };
		}
		const candidates = opts.control.filter((c) => c.path.toLowerCase() === sub);
		if (candidates.length === 0) return jsonResponse(404, { error: `Unknown control route ${req.pathname}; see GET ${CONTROL_PREFIX}` });
		const route = candidates.find((c) => c.method === req.method);
		if (!route) {
			const allow = candidates.map((c) => c.method).join(', ');
			const r = jsonResponse(405, { error: `Method ${req.method} not allowed here; allowed: ${allow}` });
			r.headers = { ...r.headers, allow };
			return r;
		}
		let body: JsonValue | undefined;
		if (req.body.trim() !== '') {
			try {
				body = parseJson(req.body);
			} catch (err) {
				return jsonResponse(400, { error: `Invalid JSON body: ${(err as Error).message}` });
			}
		}
		try {
			const out = await route.handle(body, req);
			return jsonResponse(200, out === undefined ? { ok: true } : (out as Jsonable));
		} catch (err) {
			return jsonResponse(400, { error: (err as Error).message });
		}
	};

	const applyPreFault = async (
		fault: ActiveFault,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		entry: RequestLogEntry,
	): Promise<'handled' | 'continue'> => {
		const status = (def: number) => fault.status ?? def;
		switch (fault.kind) {
			case 'delay':
				await sleep(fault.delayMs ?? 10_000);
				return 'continue';
			case 'resetBefore':
				resetSocket(req);
				return 'handled';
			case 'http500':
				send(res, opts.faultResponse('http500', status(500), fault), entry);
				return 'handled';
			case 'http502':
				send(res, { status: status(502), headers: { 'content-type': 'text/html' }, body: HTML_502 }, entry);
				return 'handled';
			case 'http503':
				send(res, opts.faultResponse('http503', status(503), fault), entry);
				return 'handled';
			case 'http429':
				send(res, opts.faultResponse('http429', status(429), fault), entry);
				return 'handled';
			case 'http429RetryAfter': {
				const r = opts.faultResponse('http429', status(429), fault);
				const seconds = Math.max(1, Math.ceil((fault.delayMs ?? 1000) / 1000));
				send(res, { ...r, headers: { ...(r.headers ?? {}), 'retry-after': String(seconds) } }, entry);
				return 'handled';
			}
			case 'failure200':
				send(res, opts.faultResponse('failure200', status(200), fault), entry);
				return 'handled';
			case 'html500':
				send(res, { status: status(500), headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_500 }, entry);
				return 'handled';
			case 'htmlBody':
				send(res, { status: status(200), headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_PAGE }, entry);
				return 'handled';
			case 'malformedJson':
				send(
					res,
					{ status: status(200), headers: { 'content-type': 'application/json; charset=utf-8' }, body: MALFORMED_JSON },
					entry,
				);
				return 'handled';
			case 'emptyBody':
				send(res, { status: status(200), headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' }, entry);
				return 'handled';
			default:
				return 'continue';
		}
	};

	const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const rawPath = req.url ?? '/';
		const url = new URL(rawPath, 'http://sandbox.invalid');
		const base: Omit<SandboxRequest, 'body'> = {
			method: (req.method ?? 'GET').toUpperCase(),
			rawPath,
			pathname: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			remoteAddress: normaliseAddress(req.socket.remoteAddress),
		};
		const lowerPath = url.pathname.toLowerCase();
		const isControl = lowerPath === CONTROL_PREFIX || lowerPath.startsWith(`${CONTROL_PREFIX}/`);

		if (isControl) {
			let body: string;
			try {
				body = await readBody(req, maxBody);
			} catch (err) {
				send(res, jsonResponse(err instanceof BodyTooLargeError ? 413 : 400, { error: 'Could not read the body' }));
				return;
			}
			send(res, await handleControl({ ...base, body }));
			return;
		}

		const entry = opts.log.add({
			method: base.method,
			path: rawPath,
			headers: opts.log.maskHeaders(req.headers),
			body: '',
			status: 0,
			at: opts.clock.now(),
		});
		let body: string;
		try {
			body = await readBody(req, maxBody);
		} catch (err) {
			if (err instanceof BodyTooLargeError) {
				entry.body = `<body larger than ${maxBody} bytes>`;
				send(res, { status: 413 }, entry);
				res.on('finish', () => req.socket.destroy());
			} else {
				req.socket.destroy();
			}
			return;
		}
		const sreq: SandboxRequest = { ...base, body };
		entry.body = opts.maskBody ? opts.maskBody(sreq, body) : body;

		const resolution = opts.resolve(sreq);
		const fault = opts.faults.take(resolution.names);
		if (fault && !POST_PROCESSING_FAULTS.has(fault.kind)) {
			if ((await applyPreFault(fault, req, res, entry)) === 'handled') return;
		}
		const response = await resolution.run();
		if (fault?.kind === 'resetAfter') {
			resetSocket(req);
			return;
		}
		if (fault?.kind === 'htmlAfter') {
			send(res, { status: fault.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML_PAGE }, entry);
			return;
		}
		if (fault?.kind === 'truncatedJson') {
			const text = response.body ?? '';
			const cut = Math.max(1, Math.floor(text.length / 2));
			send(res, { ...response, status: fault.status ?? response.status, body: text.slice(0, cut) }, entry);
			return;
		}
		send(res, response, entry);
	};

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((err: unknown) => {
			if (closing.signal.aborted) {
				req.socket.destroy();
				return;
			}
			// A bug in the sandbox itself: make it visible instead of hanging the client.
			process.stderr.write(`[${opts.title} sandbox] internal error: ${(err as Error)?.stack ?? String(err)}\n`);
			send(res, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `sandbox internal error: ${(err as Error)?.message ?? String(err)}` });
		});
	});
	server.keepAliveTimeout = 5000;

	await new Promise<void>((resolve, reject) => {
		const onError = (err: Error) => {
			server.off('listening', onListening);
			reject(err);
		};
		const onListening = () => {
			server.off('error', onError);
			resolve();
		};
		server.once('error', onError);
		server.once('listening', onListening);
		server.listen({ port: opts.port ?? 0, host: SANDBOX_HOST, exclusive: true });
	});
	server.on('error', (err) => process.stderr.write(`[${opts.title} sandbox] server error: ${err.message}\n`));

	const port = (server.address() as AddressInfo).port;
	let closed: Promise<void> | undefined;
	return {
		url: `http://${SANDBOX_HOST}:${port}`,
		port,
		close() {
			if (!closed) {
				closing.abort();
				closed = new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
			}
			return closed;
		},
	};
}
