/**
 * Cross-check of the harness stand-ins against the real n8n 2.8.4 CLI classes.
 *
 *   npx tsx test/harness/cli-crosscheck.ts [path to a folder whose node_modules holds n8n 2.8.4]
 *
 * Default folder: ~/.cache/n8n-nodes-sms-otp/n8n-2.8.4. Not part of `jest` (the n8n install is 2 GB
 * and lives outside the repository). It loads n8n's own `CredentialsHelper`, `CredentialsTester` and
 * `LoadNodesAndCredentials` (with their database-facing collaborators stubbed) and compares, on the
 * same inputs and against the same loopback server:
 *   - authenticate (generic form with expressions, and function form),
 *   - credential defaults + expression resolution (applyDefaultsAndOverwrites),
 *   - the properties the loader injects into credential types,
 *   - credential tests (declarative with rules, testedBy function, none),
 * with what the harness produces. Exits 1 on any difference.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IHttpRequestOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow as HarnessWorkflow } from 'n8n-workflow';

import { HarnessCredentialsHelper, HarnessCredentialTypes } from './credentials-helper';
import { testCredential } from './index';
import { ensureN8nContainer } from './n8n-container';

/** Objects from the other copy of n8n (the CLI install), untyped on purpose. */
type Any = any;

const installDir = process.argv[2] ?? join(homedir(), '.cache/n8n-nodes-sms-otp/n8n-2.8.4');
const cliRequire = createRequire(join(installDir, 'node_modules/n8n/package.json'));
const cli = (path: string): Any => cliRequire(`n8n/dist/${path}`);

const GOOD = 'key-good';
const DISABLED = 'key-disabled';

const genericType: ICredentialType = {
	name: 'xcheckGenericApi',
	displayName: 'Crosscheck Generic',
	properties: [
		{ displayName: 'Key', name: 'apiKey', type: 'string', default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
		{ displayName: 'Empty', name: 'empty', type: 'string', default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: {
			headers: { 'X-Api-Key': '={{$credentials.apiKey}}', 'X-Empty': '={{$credentials.empty}}' },
			qs: { region: '={{$credentials.region}}', fixed: 'yes' },
		},
	},
	test: {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/account' },
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'rule: key rejected' } },
			{ type: 'responseSuccessBody', properties: { key: 'status', value: 'disabled', message: 'rule: disabled' } },
		] as never,
	},
};

const functionType: ICredentialType = {
	name: 'xcheckFunctionApi',
	displayName: 'Crosscheck Function',
	properties: [
		{ displayName: 'Token', name: 'token', type: 'string', default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	],
	async authenticate(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) {
		return { ...options, headers: { ...options.headers, Authorization: `Bearer ${credentials.token as string}` } };
	},
};

const testingNode: INodeType = {
	description: {
		displayName: 'Crosscheck Node',
		name: 'xcheckNode',
		group: ['output'],
		version: 1,
		description: '',
		defaults: { name: 'Crosscheck Node' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'xcheckFunctionApi', required: true, testedBy: 'tokenTest' }],
		properties: [],
	},
	methods: {
		credentialTest: {
			async tokenTest(credential: ICredentialsDecrypted) {
				const data = credential.data!;
				try {
					await this.helpers.request({
						uri: `${data.baseUrl as string}/account`,
						headers: { authorization: `Bearer ${data.token as string}` },
						json: true,
					});
					return { status: 'OK', message: 'token ok' };
				} catch (error) {
					return { status: 'Error', message: `token bad: ${(error as Error).message}` };
				}
			},
		},
	},
};

/** The real CLI objects, wired with stubs where n8n would use its database. */
function realN8n(credentialTypes: ICredentialType[], nodeTypes: INodeType[]) {
	const { Container } = cliRequire('@n8n/di');
	const { Logger } = cliRequire('@n8n/backend-common');
	const { InstanceSettingsConfig } = cliRequire('@n8n/config');
	const core = cliRequire('n8n-core');
	const { CredentialsHelper } = cli('credentials-helper.js');
	const { CredentialsTester } = cli('services/credentials-tester.service.js');
	const { LoadNodesAndCredentials } = cli('load-nodes-and-credentials.js');
	const { VariablesService } = cli('environments.ee/variables/variables.service.ee.js');

	const quiet: Any = { error() {}, warn() {}, info() {}, debug() {}, scoped: () => quiet };
	const folder = mkdtempSync(join(tmpdir(), 'n8n-xcheck-'));
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
	const config = Object.assign(new InstanceSettingsConfig(), {
		n8nFolder: join(folder, '.n8n'),
		userHome: folder,
		encryptionKey: 'xcheck',
		enforceSettingsFilePermissions: false,
	});
	Container.set(Logger, quiet);
	Container.set(core.InstanceSettings, new core.InstanceSettings(config, quiet));
	Container.set(VariablesService, { getAllCached: async () => [] });

	const loader = Object.create(LoadNodesAndCredentials.prototype);
	const loaded = credentialTypes.map((type) => {
		const copy = Object.create(type);
		copy.properties = loader.shouldAddDomainRestrictions(type)
			? loader.injectDomainRestrictionFields([...type.properties])
			: type.properties;
		return copy as ICredentialType;
	});
	const typesStub = {
		getByName: (name: string) => loaded.find((t) => t.name === name) ?? fail(`unknown credential type ${name}`),
		getParentTypes: () => [],
		getSupportedNodes: (name: string) =>
			nodeTypes
				.filter((n) => n.description.credentials?.some((c) => c.name === name))
				.map((n) => n.description.name),
		recognizes: (name: string) => loaded.some((t) => t.name === name),
	};
	// The real NoOp node, which n8n uses to run a declarative credential test.
	const { NoOp } = cliRequire('n8n-nodes-base/dist/nodes/NoOp/NoOp.node.js');
	const nodeTypesStub = {
		getByName: (name: string) => nodeTypes.find((n) => n.description.name === name),
		getByNameAndVersion: (name: string) =>
			name === 'n8n-nodes-base.noOp' ? new NoOp() : fail(`unexpected node type ${name}`),
	};
	const helper = new CredentialsHelper(
		typesStub,
		{ applyOverwrite: (_type: string, data: unknown) => data },
		null,
		null,
		{ get: async () => false },
		null,
	);
	Container.set(CredentialsHelper, helper);
	const errorReporter = new core.ErrorReporter(quiet, Container.get(core.Tracing));
	const tester = new CredentialsTester(quiet, errorReporter, typesStub, nodeTypesStub, helper);
	const { Workflow } = cliRequire('n8n-workflow');
	return { helper, tester, Workflow, loaded };
}

function fail(message: string): never {
	throw new Error(message);
}

async function main() {
	const server = createServer((req, res) => {
		const key = (req.headers['x-api-key'] as string) ?? req.headers.authorization?.replace(/^Bearer /, '');
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (key === GOOD) return send(200, { status: 'active' });
		if (key === DISABLED) return send(200, { status: 'disabled' });
		return send(401, { message: 'bad key' });
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	ensureN8nContainer();
	const real = realN8n([genericType, functionType], [testingNode]);
	const harnessTypes = new HarnessCredentialTypes([genericType, functionType], [testingNode]);
	const harness = new HarnessCredentialsHelper(harnessTypes);

	const differences: string[] = [];
	const compare = (what: string, fromN8n: unknown, fromHarness: unknown) => {
		const same = isDeepStrictEqual(JSON.parse(JSON.stringify(fromN8n)), JSON.parse(JSON.stringify(fromHarness)));
		console.log(`${same ? 'same' : 'DIFFERENT'}  ${what}`);
		if (!same || process.env.VERBOSE) {
			if (!same) differences.push(what);
			console.log('  n8n:    ', JSON.stringify(fromN8n));
			console.log('  harness:', JSON.stringify(fromHarness));
		}
	};

	// Credential type properties as loaded.
	for (const type of [genericType, functionType]) {
		compare(
			`loaded properties of ${type.name}`,
			real.loaded.find((t) => t.name === type.name)!.properties.map((p) => [p.name, p.default, p.displayOptions ?? null]),
			harnessTypes.getByName(type.name).properties.map((p) => [p.name, p.default, p.displayOptions ?? null]),
		);
	}

	// Defaults and expressions.
	const rawData = { apiKey: GOOD, baseUrl, computed: '={{ 1 + 2 }}' };
	const additional = { webhookWaitingBaseUrl: 'x', formWaitingBaseUrl: 'y', variables: {} } as Any;
	const decryptedN8n = await real.helper.applyDefaultsAndOverwrites(additional, { ...rawData }, genericType.name, 'internal', false);
	const decryptedHarness = await harness.applyDefaultsAndOverwrites(additional, { ...rawData }, genericType.name, 'internal');
	compare('applyDefaultsAndOverwrites', decryptedN8n, decryptedHarness);

	// authenticate, both forms.
	const node: Any = { id: '1', name: 'N', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
	const mockTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [] } }),
		getKnownTypes: () => ({}),
	};
	for (const [type, data] of [
		[genericType, decryptedN8n],
		[functionType, { token: 'tok', baseUrl }],
	] as const) {
		const realWorkflow = new real.Workflow({ nodes: [{ ...node }], connections: {}, active: false, nodeTypes: mockTypes });
		const harnessWorkflow = new HarnessWorkflow({ nodes: [{ ...node }], connections: {}, active: false, nodeTypes: mockTypes as Any });
		const request = () => ({ url: `${baseUrl}/x`, method: 'GET', qs: { keep: 1 } }) as IHttpRequestOptions;
		compare(
			`authenticate (${type.name})`,
			await real.helper.authenticate(data, type.name, request(), realWorkflow, node),
			await harness.authenticate(data as ICredentialDataDecryptedObject, type.name, request(), harnessWorkflow, node),
		);
	}

	// Credential tests.
	const cases: Array<[string, ICredentialType, ICredentialDataDecryptedObject]> = [
		['declarative, good key', genericType, { apiKey: GOOD, baseUrl }],
		['declarative, 401', genericType, { apiKey: 'wrong', baseUrl }],
		['declarative, success-body rule', genericType, { apiKey: DISABLED, baseUrl }],
		['testedBy function, good', functionType, { token: GOOD, baseUrl }],
		['testedBy function, bad', functionType, { token: 'wrong', baseUrl }],
	];
	for (const [label, type, data] of cases) {
		const fromN8n = await real.tester.testCredentials('user', type.name, {
			id: 'c1',
			name: 'c',
			type: type.name,
			data: { ...data },
		});
		const fromHarness = await testCredential({ credentialType: type, data: { ...data }, nodeTypes: [testingNode] });
		compare(`credential test: ${label}`, fromN8n, fromHarness);
	}
	compare(
		'credential test: nothing to test with',
		await realN8n([functionType], []).tester.testCredentials('user', functionType.name, {
			id: 'c1',
			name: 'c',
			type: functionType.name,
			data: { token: 'x' },
		}),
		await testCredential({ credentialType: functionType, data: { token: 'x' } }),
	);

	server.closeAllConnections();
	server.close();
	if (differences.length) {
		console.log(`\n${differences.length} difference(s)`);
		process.exit(1);
	}
	console.log('\nThe harness matches n8n 2.8.4 on every case.');
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
