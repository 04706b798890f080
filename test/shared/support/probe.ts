/**
 * A probe node and a loopback server for testing the shared core through n8n's real execution
 * code: the probe runs whatever the test gives it with its real `IExecuteFunctions`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ProviderApi } from '../../../nodes/shared/transport';
import { executeNode } from '../../harness';

export const PROBE_CREDENTIAL = 'coreProbeApi';

/** Identifier and secret that a body-auth provider puts in the form body (as WHMCS does). */
export class CoreProbeApi implements ICredentialType {
	name = PROBE_CREDENTIAL;
	displayName = 'Core Probe API';
	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Identifier', name: 'identifier', type: 'string', default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' },
	];
}

type Scenario = (ctx: IExecuteFunctions) => Promise<INodeExecutionData[]>;
let scenario: Scenario = async () => [];

export class CoreProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Core Probe',
		name: 'coreProbe',
		group: ['output'],
		version: 1,
		description: 'Runs a test scenario',
		defaults: { name: 'Core Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: PROBE_CREDENTIAL, required: true }],
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await scenario(this)];
	}
}

/** A provider whose base URL is the probe credential's. */
export const probeApi: ProviderApi = { name: 'Probe', credentialType: PROBE_CREDENTIAL, baseUrl: (credentials) => String(credentials.baseUrl) };

/** One loopback server for a test file, emptied before each test. */
export function useLoopbackServer(fallback: Reply = { status: 200, body: '{"ok":true}' }): () => LoopbackServer {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer();
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		server.requests.length = 0;
		server.queue.length = 0;
		server.maxConcurrent = 0;
		server.fallback = fallback;
	});
	return () => server;
}

/** Runs `run` inside the probe node, through n8n's engine. */
export async function runInProbe(
	server: LoopbackServer,
	run: Scenario,
	options: { items?: IDataObject[]; continueOnFail?: boolean; parameters?: IDataObject } = {},
) {
	scenario = run;
	return await executeNode({
		nodeType: new CoreProbe(),
		parameters: { value: '', ...(options.parameters ?? {}) } as never,
		items: options.items?.map((json) => ({ json })),
		credentials: { [PROBE_CREDENTIAL]: { baseUrl: server.url, identifier: 'probe-identifier', secret: 'probe-secret-value' } },
		credentialTypes: [new CoreProbeApi()],
		continueOnFail: options.continueOnFail,
	});
}

export interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** What the server does with one request: answer, or drop the connection after reading it. */
export type Reply = { status?: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'reset';

export interface LoopbackServer {
	url: string;
	requests: SeenRequest[];
	/** Replies for the next requests, in order; afterwards `fallback`. */
	queue: Reply[];
	fallback: Reply;
	/** Most requests that were open at the same time. */
	maxConcurrent: number;
	close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
	let open = 0;
	const state: LoopbackServer = {
		url: '',
		requests: [],
		queue: [],
		fallback: { status: 200, body: '{"ok":true}' },
		maxConcurrent: 0,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			open++;
			state.maxConcurrent = Math.max(state.maxConcurrent, open);
			state.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const reply = state.queue.length ? (state.queue.shift() as Reply) : state.fallback;
			const finish = () => {
				open--;
				if (reply === 'reset') {
					req.socket.destroy();
					return;
				}
				res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
				res.end(reply.body ?? '');
			};
			const delay = reply === 'reset' ? 0 : (reply.delayMs ?? 0);
			if (delay) setTimeout(finish, delay);
			else finish();
		});
	});
	server.keepAliveTimeout = 1;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return state;
}
