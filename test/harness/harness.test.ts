/**
 * Proves the harness: a throwaway node type, trigger and credential types run through n8n's real
 * execution code against a loopback HTTP server.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { executeNode, pollNode, testCredential } from './index';

// ------------------------------------------------------------------------------------------------
// Loopback server
// ------------------------------------------------------------------------------------------------

interface SeenRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
}

const GOOD_KEY = 'key-good';
const DISABLED_KEY = 'key-disabled';
const EVENTS = [
	{ id: 1, text: 'first' },
	{ id: 2, text: 'second' },
];

let server: Server;
let baseUrl: string;
let seen: SeenRequest[] = [];

function authorised(headers: IncomingHttpHeaders): string | undefined {
	const key = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
	return typeof key === 'string' ? key : undefined;
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		seen.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers });
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const key = authorised(req.headers);
		switch (url.pathname) {
			case '/echo':
				return send(200, { ok: true, key: key ?? null });
			case '/always-401':
				return send(401, { code: -1, message: 'business error reported as 401' });
			case '/fail':
				return send(500, { message: 'server exploded' });
			case '/events': {
				if (key !== GOOD_KEY) return send(401, { message: 'no key' });
				const after = Number(url.searchParams.get('after') ?? 0);
				return send(200, EVENTS.filter((e) => e.id > after));
			}
			case '/account':
				if (key === GOOD_KEY) return send(200, { status: 'active' });
				if (key === DISABLED_KEY) return send(200, { status: 'disabled' });
				return send(401, { message: 'bad key' });
			default:
				return send(404, { message: 'not found' });
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	seen = [];
});

// ------------------------------------------------------------------------------------------------
// Throwaway credential types
// ------------------------------------------------------------------------------------------------

/** Generic `authenticate` form with expressions; declarative `test` with both kinds of rule. */
class HarnessGenericApi implements ICredentialType {
	name = 'harnessGenericApi';
	displayName = 'Harness Generic API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: {
			headers: { 'X-Api-Key': '={{$credentials.apiKey}}' },
			qs: { region: '={{$credentials.region}}' },
		},
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/account' },
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'The API key was rejected' } },
			{ type: 'responseSuccessBody', properties: { key: 'status', value: 'disabled', message: 'Account is disabled' } },
		] as never,
	};
}

/** Function `authenticate` form; tested by a node's `methods.credentialTest`. */
class HarnessFunctionApi implements ICredentialType {
	name = 'harnessFunctionApi';
	displayName = 'Harness Function API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${credentials.token as string}` },
		};
	}
}

const credentialTypes = [new HarnessGenericApi(), new HarnessFunctionApi()];

// ------------------------------------------------------------------------------------------------
// Throwaway node types
// ------------------------------------------------------------------------------------------------

const nodeDescription: INodeTypeDescription = {
	displayName: 'Harness Node',
	name: 'harnessNode',
	group: ['output'],
	version: 1,
	description: 'Throwaway node for the harness test',
	defaults: { name: 'Harness Node' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [
		{ name: 'harnessGenericApi', required: true, displayOptions: { show: { authentication: ['generic'] } } },
		{
			name: 'harnessFunctionApi',
			required: true,
			testedBy: 'harnessFunctionApiTest',
			displayOptions: { show: { authentication: ['function'] } },
		},
	],
	properties: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Generic', value: 'generic' },
				{ name: 'Function', value: 'function' },
			],
			default: 'generic',
		},
		{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
		{ displayName: 'Full Response', name: 'fullResponse', type: 'boolean', default: false },
		{ displayName: 'Set Paired Item', name: 'setPairedItem', type: 'boolean', default: true },
	],
};

class HarnessNode implements INodeType {
	description = nodeDescription;

	methods = {
		credentialTest: {
			async harnessFunctionApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as IDataObject;
				try {
					await this.helpers.request({
						method: 'GET',
						uri: `${data.baseUrl as string}/account`,
						headers: { authorization: `Bearer ${data.token as string}` },
						json: true,
					});
				} catch (error) {
					return { status: 'Error', message: `Token rejected (${(error as Error).message})` };
				}
				return { status: 'OK', message: 'Token accepted' };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const authentication = this.getNodeParameter('authentication', i) as string;
			const credentialType = authentication === 'generic' ? 'harnessGenericApi' : 'harnessFunctionApi';
			const { baseUrl: credentialBaseUrl } = await this.getCredentials(credentialType, i);
			const path = this.getNodeParameter('path', i) as string;
			const fullResponse = this.getNodeParameter('fullResponse', i) as boolean;
			const setPairedItem = this.getNodeParameter('setPairedItem', i) as boolean;
			this.logger.info('harness node request', { path, item: i });
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'GET',
					url: `${credentialBaseUrl as string}${path}`,
					json: true,
					...(fullResponse ? { returnFullResponse: true, ignoreHttpStatusErrors: true } : {}),
				})) as IDataObject;
				const json = fullResponse ? { statusCode: response.statusCode, body: response.body } : response;
				out.push(setPairedItem ? { json: json as IDataObject, pairedItem: { item: i } } : { json: json as IDataObject });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

class HarnessTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Trigger',
		name: 'harnessTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Throwaway polling trigger for the harness test',
		defaults: { name: 'Harness Trigger' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'harnessGenericApi', required: true }],
		properties: [{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false }],
	};

	/** Naive on purpose: always advances its cursor, also in manual mode. */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('fail') as boolean) {
			throw new NodeOperationError(this.getNode(), 'poll failed on purpose');
		}
		const state = this.getWorkflowStaticData('node');
		const after = (state.lastId as number | undefined) ?? 0;
		const { baseUrl: credentialBaseUrl } = await this.getCredentials('harnessGenericApi');
		this.logger.debug('polling', { after, mode: this.getMode() });
		const events = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessGenericApi', {
			method: 'GET',
			url: `${credentialBaseUrl as string}/events`,
			qs: { after },
			json: true,
		})) as Array<{ id: number; text: string }>;
		if (events.length === 0) return null;
		state.lastId = Math.max(...events.map((e) => e.id));
		return [events.map((e) => ({ json: e }))];
	}
}

const genericCredentials = () => ({ harnessGenericApi: { apiKey: GOOD_KEY, baseUrl } });

// ------------------------------------------------------------------------------------------------
// executeNode
// ------------------------------------------------------------------------------------------------

describe('executeNode', () => {
	it('sends the header and query of a generic `authenticate` with $credentials expressions resolved', async () => {
		const { output, error, logs } = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { authentication: 'generic' },
			credentials: genericCredentials(),
			credentialTypes,
		});

		expect(error).toBeUndefined();
		expect(output).toEqual([[{ json: { ok: true, key: GOOD_KEY }, pairedItem: { item: 0 } }]]);
		expect(seen).toHaveLength(1);
		expect(seen[0].headers['x-api-key']).toBe(GOOD_KEY);
		// `region` was not given: n8n fills the credential property default before authenticating.
		expect(seen[0].query.get('region')).toBe('eu');
		expect(logs).toEqual([{ level: 'info', message: 'harness node request', meta: { path: '/echo', item: 0 } }]);
	});

	it('sends the header set by a function `authenticate`', async () => {
		const { output, error } = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { authentication: 'function' },
			credentials: { harnessFunctionApi: { token: GOOD_KEY, baseUrl } },
			credentialTypes,
		});

		expect(error).toBeUndefined();
		expect(seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${GOOD_KEY}`]);
		expect(output?.[0][0].json).toEqual({ ok: true, key: GOOD_KEY });
	});

	it('returns pairedItem exactly as the node set it (and adds none where it set none)', async () => {
		const items = [{ json: { n: 1 } }, { json: { n: 2 } }];
		const withPaired = await executeNode({
			nodeType: new HarnessNode(),
			parameters: {},
			items,
			credentials: genericCredentials(),
			credentialTypes,
		});
		expect(withPaired.output?.[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const without = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { setPairedItem: false },
			items,
			credentials: genericCredentials(),
			credentialTypes,
		});
		expect(without.output?.[0]).toHaveLength(2);
		for (const item of without.output![0]) expect(item).not.toHaveProperty('pairedItem');
	});

	it('sees the engine-provided pairedItem on input items, like in n8n', async () => {
		let seenInput: INodeExecutionData[] = [];
		class Spy implements INodeType {
			description = { ...nodeDescription, name: 'harnessSpy', credentials: [], properties: [] };
			async execute(this: IExecuteFunctions) {
				seenInput = this.getInputData();
				return [seenInput];
			}
		}
		await executeNode({ nodeType: new Spy(), parameters: {}, items: [{ json: { a: 1 } }, { json: { a: 2 } }] });
		expect(seenInput.map((i) => i.pairedItem)).toEqual([
			{ item: 0, input: undefined },
			{ item: 1, input: undefined },
		]);
	});

	it('with continueOnFail, a failed request becomes an error item (the node does not throw)', async () => {
		const { output, error } = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { path: '/fail' },
			items: [{ json: {} }, { json: {} }],
			credentials: genericCredentials(),
			credentialTypes,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(output?.[0]).toHaveLength(2);
		expect(output?.[0][0]).toEqual({ json: { error: expect.any(String) }, pairedItem: { item: 0 } });
		expect(output?.[0][1].pairedItem).toEqual({ item: 1 });
	});

	it('without continueOnFail, reports the NodeApiError the node threw', async () => {
		const { output, error } = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { path: '/fail' },
			credentials: genericCredentials(),
			credentialTypes,
		});

		expect(output).toBeNull();
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('500');
	});

	it('httpRequestWithAuthentication sends a request a second time after HTTP 401', async () => {
		// n8n-core: on a 401 it calls credentialsHelper.preAuthentication(..., credentialsExpired=true),
		// re-runs authenticate and sends the same request again; a second 401 is thrown as NodeApiError.
		const { error } = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { path: '/always-401' },
			credentials: genericCredentials(),
			credentialTypes,
		});

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(seen.map((r) => r.path)).toEqual(['/always-401', '/always-401']);
	});

	it('asking for the full response without throwing on status sends a 401 request once', async () => {
		const { output, error } = await executeNode({
			nodeType: new HarnessNode(),
			parameters: { path: '/always-401', fullResponse: true },
			credentials: genericCredentials(),
			credentialTypes,
		});

		expect(error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(output?.[0][0].json).toEqual({
			statusCode: 401,
			body: { code: -1, message: 'business error reported as 401' },
		});
	});

	it('gives the node its credentials the way n8n loads them (defaults, domain-restriction fields)', async () => {
		class CredentialsSpy implements INodeType {
			description = { ...nodeDescription, name: 'harnessCredentialsSpy', properties: nodeDescription.properties };
			async execute(this: IExecuteFunctions) {
				return [[{ json: await this.getCredentials('harnessGenericApi') }]];
			}
		}
		const { output } = await executeNode({
			nodeType: new CredentialsSpy(),
			parameters: {},
			credentials: { harnessGenericApi: { apiKey: GOOD_KEY, baseUrl: '={{ "http://" + "host" }}' } },
			credentialTypes,
		});
		expect(output?.[0][0].json).toEqual({
			apiKey: GOOD_KEY,
			baseUrl: 'http://host',
			region: 'eu',
			allowedHttpRequestDomains: 'all',
		});
	});

	it('refuses a credential whose type was not given, as n8n does', async () => {
		await expect(
			executeNode({ nodeType: new HarnessNode(), parameters: {}, credentials: genericCredentials() }),
		).rejects.toThrow(/not in credentialTypes/);
	});
});

// ------------------------------------------------------------------------------------------------
// pollNode
// ------------------------------------------------------------------------------------------------

describe('pollNode', () => {
	it('trigger mode: static data persists from one poll to the next', async () => {
		const first = await pollNode({
			nodeType: new HarnessTrigger(),
			parameters: {},
			credentials: genericCredentials(),
			credentialTypes,
			mode: 'trigger',
		});
		expect(first.error).toBeUndefined();
		expect(first.result).toEqual([[{ json: EVENTS[0] }, { json: EVENTS[1] }]]);
		expect(first.staticData).toEqual({ lastId: 2 });
		expect(first.staticDataChanged).toBe(true);
		expect(first.logs).toEqual([{ level: 'debug', message: 'polling', meta: { after: 0, mode: 'trigger' } }]);

		const second = await pollNode({
			nodeType: new HarnessTrigger(),
			parameters: {},
			credentials: genericCredentials(),
			credentialTypes,
			mode: 'trigger',
			staticData: first.staticData,
		});
		expect(second.result).toBeNull();
		expect(second.staticData).toEqual({ lastId: 2 });
		expect(second.staticDataChanged).toBe(false);
		expect(seen.map((r) => r.query.get('after'))).toEqual(['0', '2']);
	});

	it('manual mode: n8n keeps no static data, but the harness tells that the node changed it', async () => {
		const first = await pollNode({
			nodeType: new HarnessTrigger(),
			parameters: {},
			credentials: genericCredentials(),
			credentialTypes,
			mode: 'manual',
		});
		expect(first.result?.[0]).toHaveLength(2);
		expect(first.staticData).toEqual({});
		expect(first.staticDataChanged).toBe(true);
		expect(first.logs[0].meta).toEqual({ after: 0, mode: 'manual' });

		const second = await pollNode({
			nodeType: new HarnessTrigger(),
			parameters: {},
			credentials: genericCredentials(),
			credentialTypes,
			mode: 'manual',
			staticData: first.staticData,
		});
		expect(second.result?.[0]).toHaveLength(2);
		expect(seen.map((r) => r.query.get('after'))).toEqual(['0', '0']);
	});

	it('reports what poll() threw, in both modes, and keeps the static data', async () => {
		for (const mode of ['manual', 'trigger'] as const) {
			const { result, error, staticData, staticDataChanged } = await pollNode({
				nodeType: new HarnessTrigger(),
				parameters: { fail: true },
				credentials: genericCredentials(),
				credentialTypes,
				mode,
				staticData: { lastId: 1 },
			});
			expect(result).toBeNull();
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe('poll failed on purpose');
			expect(staticData).toEqual({ lastId: 1 });
			expect(staticDataChanged).toBe(false);
		}
	});
});

// ------------------------------------------------------------------------------------------------
// testCredential
// ------------------------------------------------------------------------------------------------

describe('testCredential', () => {
	it('declarative test: OK with a good key (sent through authenticate)', async () => {
		const result = await testCredential({
			credentialType: new HarnessGenericApi(),
			data: { apiKey: GOOD_KEY, baseUrl },
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen.map((r) => [r.path, r.headers['x-api-key']])).toEqual([['/account', GOOD_KEY]]);
	});

	it('declarative test on 401: n8n 2.8.4 shows its own 401 text, not the responseCode rule message', async () => {
		// The request fails inside httpRequestWithAuthentication, which throws NodeApiError(node, axiosError).
		// n8n-workflow's ExecutionBaseError keeps `cause` only when it is NOT an Error, so the tester's
		// `error.cause?.response` branch (where responseCode rules are checked) never runs: the message is
		// NodeApiError's text for the status. The 401 is also sent twice (the 401 retry).
		const result = await testCredential({
			credentialType: new HarnessGenericApi(),
			data: { apiKey: 'wrong', baseUrl },
		});
		expect(result).toEqual({ status: 'Error', message: 'Authorization failed - please check your credentials' });
		expect(seen.map((r) => r.path)).toEqual(['/account', '/account']);
	});

	it('declarative test: the responseSuccessBody rule message on a matching 200 body', async () => {
		const result = await testCredential({
			credentialType: new HarnessGenericApi(),
			data: { apiKey: DISABLED_KEY, baseUrl },
		});
		expect(result).toEqual({ status: 'Error', message: 'Account is disabled' });
	});

	it("a node's methods.credentialTest (testedBy) runs in a CredentialTestContext", async () => {
		const ok = await testCredential({
			credentialType: new HarnessFunctionApi(),
			data: { token: GOOD_KEY, baseUrl },
			nodeTypes: [new HarnessNode()],
		});
		expect(ok).toEqual({ status: 'OK', message: 'Token accepted' });

		const bad = await testCredential({
			credentialType: new HarnessFunctionApi(),
			data: { token: 'wrong', baseUrl },
			nodeTypes: [new HarnessNode()],
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/^Token rejected/);
	});

	it('no test and no node to test it: the n8n message', async () => {
		const result = await testCredential({ credentialType: new HarnessFunctionApi(), data: { token: 'x' } });
		expect(result).toEqual({ status: 'Error', message: 'No testing function found for this credential.' });
	});
});
