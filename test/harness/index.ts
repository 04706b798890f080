/**
 * Jest harness: runs this package's nodes through n8n's real execution code (n8n-core 2.8.1 /
 * n8n-workflow 2.8.0, the versions n8n 2.8.4 ships) against real HTTP servers.
 *
 * - executeNode: a one-node workflow run by n8n-core's WorkflowExecute (the engine n8n uses for
 *   every execution): real ExecuteContext, request helpers, continueOnFail, parameter defaults and
 *   expressions, credential resolution; input items get the engine's pairedItem like in n8n.
 * - pollNode, mode 'manual': the same engine run n8n does for "Fetch Test Event" (PollContext in
 *   manual mode). Static data is discarded afterwards, as n8n does for manual executions.
 * - pollNode, mode 'trigger': n8n-core's ActiveWorkflows.add (workflow activation: the first poll runs
 *   at once, emits only a non-null result), then ActiveWorkflows.remove before any scheduled poll.
 *   Static data is carried out like n8n saves it to the database.
 * - testCredential: the algorithm of n8n 2.8.4's CredentialsTester with n8n-core's real
 *   RoutingNode/ExecuteContext (declarative `test`) or CredentialTestContext (`testedBy` function).
 *
 * Stand-ins (see credentials-helper.ts and n8n-container.ts): the CLI's CredentialsHelper/
 * CredentialTypes (they need n8n's database), the Logger (records what nodes log), and the small
 * pieces of n8n's package loader that change a node or credential type at load time.
 */
import { Container } from '@n8n/di';
import {
	ActiveWorkflows,
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
// The parameters n8n's package loader prepends to every node with `polling: true` ("Poll Times").
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import {
	createEmptyRunExecutionData,
	createRunExecutionData,
	deepCopy,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunction,
	type ICredentialTestRequest,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeCredentialTestResult,
	type INodeCredentials,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	NodeHelpers,
	Workflow,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { isDeepStrictEqual } from 'node:util';

import { HarnessCredentialsHelper, HarnessCredentialTypes } from './credentials-helper';
import { captureLogs, ensureN8nContainer, type LogEntry } from './n8n-container';

export type { LogEntry } from './n8n-container';
export { HarnessCredentialsHelper, HarnessCredentialTypes } from './credentials-helper';

/** n8n names an installed package's node type `<package name>.<description.name>`. */
export const PACKAGE_NAME = 'n8n-nodes-sms-otp';
const DEFAULT_NODE_ID = '8d3f6c1e-0000-4000-8000-00000000a001';
const BASE_URL = 'http://localhost:5678/';

type CredentialsInput = Record<string, ICredentialDataDecryptedObject>;

export interface ExecuteNodeOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	/** Default `[{ json: {} }]`. Deep-copied; n8n's engine adds `pairedItem: { item: i }` to each. */
	items?: INodeExecutionData[];
	/** Keyed by credential type name. */
	credentials?: CredentialsInput;
	/** Instances of every credential type in `credentials` (n8n refuses unknown types). */
	credentialTypes?: ICredentialType[];
	/** Node setting "On Error: Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	executionId?: string;
	nodeId?: string;
	nodeName?: string;
	/** Default 'manual'. */
	mode?: WorkflowExecuteMode;
}

export interface ExecuteNodeResult {
	/** Exactly what `execute()` returned (null if it threw). */
	output: INodeExecutionData[][] | null;
	/** What `execute()` threw (NodeApiError, NodeOperationError, ...), not rethrown. */
	error?: Error;
	/** What the node logged through `this.logger` during the run. */
	logs: LogEntry[];
}

export interface PollNodeOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials?: CredentialsInput;
	credentialTypes?: ICredentialType[];
	/** The node's static data (`getWorkflowStaticData('node')`) before the poll; deep-copied in. */
	staticData?: IDataObject;
	mode: 'manual' | 'trigger';
	nodeId?: string;
	nodeName?: string;
	/** Trigger mode only: how the workflow gets activated. Default 'activate'. */
	activation?: WorkflowActivateMode;
}

export interface PollNodeResult {
	/** Exactly what `poll()` returned (null if it returned null or threw). */
	result: INodeExecutionData[][] | null;
	/** What `poll()` threw, not rethrown. */
	error?: Error;
	/** Trigger mode: the static data n8n keeps after the poll. Manual mode: the unchanged input. */
	staticData: IDataObject;
	/** Whether the node changed its static data during the poll (in either mode). */
	staticDataChanged: boolean;
	logs: LogEntry[];
}

export interface TestCredentialOptions {
	credentialType: ICredentialType;
	data: ICredentialDataDecryptedObject;
	/** Node types that may test the credential (`testedBy`) */
	nodeTypes?: INodeType[];
}

// ---------------------------------------------------------------------------------------------
// Node types as n8n's package loader presents them
// ---------------------------------------------------------------------------------------------

interface Recorder {
	returned?: { value: unknown };
	thrown?: { error: unknown };
}

function fullTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return `${PACKAGE_NAME}.${nodeType.description.name}`;
}

function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? version[version.length - 1] : version;
}

/**
 * Returns the node type as n8n's loader would hold it (polling parameters prepended), and records what
 * its `execute`/`poll`/custom operations return or throw. Built on a prototype copy: the test's
 * instance is not changed, `this` inside the node is still n8n's context.
 */
function prepareNodeType(original: INodeType, recorder: Recorder): INodeType {
	const { description } = original;
	const properties: INodeProperties[] = description.polling
		? [...commonPollingParameters, ...description.properties]
		: [...description.properties];
	const prepared = Object.create(original) as INodeType;
	Object.defineProperty(prepared, 'description', { value: { ...description, properties }, enumerable: true });

	const record = <F extends (...args: never[]) => unknown>(fn: F): F =>
		async function (this: unknown, ...args: never[]) {
			try {
				const value = await fn.apply(this, args);
				recorder.returned = { value: snapshotOutput(value) };
				return value;
			} catch (error) {
				recorder.thrown = { error };
				throw error;
			}
		} as unknown as F;

	if (original.execute) prepared.execute = record(original.execute);
	if (original.poll) prepared.poll = record(original.poll);
	if (original.customOperations) {
		const wrapped: NonNullable<INodeType['customOperations']> = {};
		for (const [resource, operations] of Object.entries(original.customOperations)) {
			wrapped[resource] = {};
			for (const [operation, fn] of Object.entries(operations)) wrapped[resource][operation] = record(fn);
		}
		prepared.customOperations = wrapped;
	}
	return prepared;
}

/**
 * The engine edits the returned items in place afterwards (it adds `pairedItem` where the node set
 * none, and rewrites `json` of items with `error`); keep copies of the item objects as returned.
 */
function snapshotOutput(value: unknown): unknown {
	if (!Array.isArray(value)) return value;
	return value.map((output: unknown) =>
		Array.isArray(output)
			? output.map((item: unknown) => (item && typeof item === 'object' ? { ...item } : item))
			: output,
	);
}

class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	add(name: string, nodeType: INodeType) {
		this.types.set(name, nodeType);
	}
	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types.get(nodeType);
		if (!found) throw new Error(`harness: unknown node type "${nodeType}"`);
		return found;
	}
	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}
	getKnownTypes() {
		return {};
	}
}

// ---------------------------------------------------------------------------------------------
// Shared setup
// ---------------------------------------------------------------------------------------------

let counter = 0;
const nextId = (prefix: string) => `${prefix}${++counter}`;

/** Like n8n's WorkflowExecuteAdditionalData.getBase() with default URLs, minus the database. */
function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const unavailable = (what: string) => async () => {
		throw new Error(`harness: ${what} is not available in unit tests`);
	};
	return {
		currentNodeExecutionIndex: 0,
		credentialsHelper,
		executeWorkflow: unavailable('executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		restApiUrl: `${BASE_URL}rest`,
		instanceBaseUrl: BASE_URL,
		formWaitingBaseUrl: `${BASE_URL}form-waiting`,
		webhookBaseUrl: `${BASE_URL}webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}webhook-test`,
		setExecutionStatus: () => {},
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		logAiEvent: () => {},
		startRunnerTask: unavailable('the task runner (Code node)'),
		...extra,
	} as IWorkflowExecuteAdditionalData;
}

function setUpCredentials(
	nodeType: INodeType,
	credentials: CredentialsInput | undefined,
	credentialTypes: ICredentialType[] | undefined,
) {
	const helper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes(credentialTypes, [nodeType], fullTypeName),
	);
	let nodeCredentials: INodeCredentials | undefined;
	for (const [type, data] of Object.entries(credentials ?? {})) {
		if (!helper.credentialTypes.recognizes(type)) {
			throw new Error(
				`harness: credential type "${type}" is not in credentialTypes; n8n cannot use a credential whose type it does not know`,
			);
		}
		nodeCredentials ??= {};
		nodeCredentials[type] = helper.addCredential(type, deepCopy(data));
	}
	return { helper, nodeCredentials };
}

function buildNode(
	nodeType: INodeType,
	parameters: INodeParameters,
	opts: { nodeId?: string; nodeName?: string; credentials?: INodeCredentials; continueOnFail?: boolean },
): INode {
	const { description } = nodeType;
	const node: INode = {
		id: opts.nodeId ?? DEFAULT_NODE_ID,
		name: opts.nodeName ?? (description.defaults.name as string | undefined) ?? description.displayName,
		type: fullTypeName(nodeType),
		typeVersion: latestVersion(nodeType),
		position: [0, 0],
		parameters: deepCopy(parameters),
	};
	if (opts.credentials) node.credentials = opts.credentials;
	if (opts.continueOnFail) node.onError = 'continueRegularOutput';
	return node;
}

function buildWorkflow(node: INode, nodeTypes: INodeTypes, staticData: IDataObject | undefined, active: boolean) {
	return new Workflow({
		id: nextId('harnessWf'),
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active,
		nodeTypes,
		// The key n8n stores `getWorkflowStaticData('node')` under.
		staticData: staticData === undefined ? {} : { [`node:${node.name}`]: deepCopy(staticData) },
		settings: { executionOrder: 'v1' },
	});
}

/** Runs one node as the start node of an n8n execution, with the given input items. */
async function runThroughEngine(
	workflow: Workflow,
	nodeName: string,
	items: INodeExecutionData[],
	mode: WorkflowExecuteMode,
	executionId: string,
	credentialsHelper: HarnessCredentialsHelper,
): Promise<IRun> {
	const node = workflow.getNode(nodeName)!;
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		active: workflow.active,
		activeVersionId: null,
		isArchived: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = buildAdditionalData(credentialsHelper, { executionId, hooks });
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);

	// n8n refuses to start an execution whose nodes have parameter issues; say which ones.
	const issues = workflowExecute.checkReadyForExecution(workflow, { startNode: nodeName });
	if (issues !== null) {
		throw new Error(`harness: n8n would not run this node, its parameters have issues: ${JSON.stringify(issues)}`);
	}
	return await workflowExecute.processRunExecutionData(workflow);
}

function engineFailure(run: IRun | undefined, fallback: unknown): Error {
	const message = run?.data.resultData.error?.message ?? (fallback instanceof Error ? fallback.message : String(fallback));
	return new Error(`harness: the node was not reached: ${message}`, { cause: fallback ?? run?.data.resultData.error });
}

function asError(thrown: unknown): Error {
	return thrown instanceof Error ? thrown : new Error(String(thrown));
}

// ---------------------------------------------------------------------------------------------
// executeNode
// ---------------------------------------------------------------------------------------------

export async function executeNode(opts: ExecuteNodeOptions): Promise<ExecuteNodeResult> {
	ensureN8nContainer();
	const recorder: Recorder = {};
	const { helper, nodeCredentials } = setUpCredentials(opts.nodeType, opts.credentials, opts.credentialTypes);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(fullTypeName(opts.nodeType), prepareNodeType(opts.nodeType, recorder));
	const node = buildNode(opts.nodeType, opts.parameters, {
		nodeId: opts.nodeId,
		nodeName: opts.nodeName,
		credentials: nodeCredentials,
		continueOnFail: opts.continueOnFail,
	});
	const workflow = buildWorkflow(node, nodeTypes, undefined, false);
	const items = deepCopy(opts.items ?? [{ json: {} }]);

	const { value: run, logs } = await captureLogs(
		async () =>
			await runThroughEngine(
				workflow,
				node.name,
				items,
				opts.mode ?? 'manual',
				opts.executionId ?? nextId('harness-execution-'),
				helper,
			),
	);

	if (recorder.thrown) return { output: null, error: asError(recorder.thrown.error), logs };
	if (recorder.returned) return { output: recorder.returned.value as INodeExecutionData[][] | null, logs };
	throw engineFailure(run, undefined);
}

// ---------------------------------------------------------------------------------------------
// pollNode
// ---------------------------------------------------------------------------------------------

/** Static data as n8n stores it (JSON in the database); the ObservableObject proxy is dropped. */
function plainStaticData(workflow: Workflow, node: INode): IDataObject {
	const data = workflow.staticData[`node:${node.name}`] as IDataObject | undefined;
	return data === undefined ? {} : (JSON.parse(JSON.stringify(data)) as IDataObject);
}

export async function pollNode(opts: PollNodeOptions): Promise<PollNodeResult> {
	ensureN8nContainer();
	if (!opts.nodeType.poll) throw new Error('harness: pollNode needs a node type with a poll() method');
	const recorder: Recorder = {};
	const { helper, nodeCredentials } = setUpCredentials(opts.nodeType, opts.credentials, opts.credentialTypes);
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(fullTypeName(opts.nodeType), prepareNodeType(opts.nodeType, recorder));
	const node = buildNode(opts.nodeType, opts.parameters, {
		nodeId: opts.nodeId,
		nodeName: opts.nodeName,
		credentials: nodeCredentials,
	});
	const staticDataIn = deepCopy(opts.staticData ?? {});
	const workflow = buildWorkflow(node, nodeTypes, staticDataIn, opts.mode === 'trigger');

	let failure: unknown;
	let activationFailed = false;
	const { logs } = await captureLogs(async () => {
		if (opts.mode === 'manual') {
			// "Fetch Test Event": a manual execution that starts at the poll node.
			const run = await runThroughEngine(workflow, node.name, [{ json: {} }], 'manual', nextId('harness-execution-'), helper);
			if (!recorder.returned && !recorder.thrown) failure = engineFailure(run, undefined);
			return;
		}
		// Activation of the published workflow: n8n-core's ActiveWorkflows runs the first poll at once
		// (the same PollContext n8n's ActiveWorkflowManager builds), emitting only a non-null result.
		const activeWorkflows = Container.get(ActiveWorkflows);
		const additionalData = buildAdditionalData(helper);
		try {
			await activeWorkflows.add(
				workflow.id,
				workflow,
				additionalData,
				'trigger',
				opts.activation ?? 'activate',
				() => {
					throw new Error('harness: pollNode does not run trigger() nodes');
				},
				(wf, pollNode, data, mode, activation) =>
					new PollContext(wf, pollNode, data, mode, activation, () => {}, () => {}),
			);
		} catch (error) {
			// WorkflowActivationError wrapping the node's error; the node's own error is in `recorder`.
			activationFailed = true;
			if (!recorder.thrown) failure = engineFailure(undefined, error);
		} finally {
			if (activeWorkflows.isActive(workflow.id)) await activeWorkflows.remove(workflow.id);
		}
	});
	if (failure) throw failure;

	const after = plainStaticData(workflow, node);
	const staticDataChanged = workflow.staticData.__dataChanged === true || !isDeepStrictEqual(after, staticDataIn);
	const result: PollNodeResult = {
		result: recorder.returned ? (recorder.returned.value as INodeExecutionData[][] | null) : null,
		// n8n saves static data after a successful activation (and whenever a poll emits items); a failed
		// activation saves nothing, and a manual run never does.
		staticData: opts.mode === 'trigger' && !activationFailed ? after : deepCopy(staticDataIn),
		staticDataChanged,
		logs,
	};
	if (recorder.thrown) result.error = asError(recorder.thrown.error);
	return result;
}

// ---------------------------------------------------------------------------------------------
// testCredential: n8n 2.8.4 CredentialsTester.testCredentials, step by step
// ---------------------------------------------------------------------------------------------

/** n8n-nodes-base's NoOp node, which n8n uses to run a credential's declarative `test` request. */
const noOpNodeType: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

type TestFunction = ICredentialTestFunction | { nodeType?: INodeType; testRequest: ICredentialTestRequest };

function getCredentialTestFunction(
	credentialTypes: HarnessCredentialTypes,
	credentialTypeName: string,
	nodeTypes: INodeType[],
): TestFunction | undefined {
	const type = credentialTypes.getByName(credentialTypeName);
	if (type.test) return { testRequest: type.test };

	for (const node of nodeTypes) {
		const versions: INodeType[] =
			'nodeVersions' in node
				? Object.values((node as unknown as IVersionedNodeType).nodeVersions)
				: [node];
		for (const nodeType of versions) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				const isOAuth2 =
					name === 'oAuth2Api' || credentialTypes.getParentTypes(name).includes('oAuth2Api');
				if (name === credentialTypeName && isOAuth2) {
					return async function oauth2CredTest(credential) {
						const token = (credential.data as IDataObject | undefined)?.oauthTokenData;
						return token && typeof token === 'object' && 'access_token' in token
							? { status: 'OK', message: 'Connection Successful!' }
							: { status: 'Error', message: 'This OAuth2 credential was not connected to an account.' };
					};
				}
				if (name === credentialTypeName && !!testedBy) {
					if (typeof testedBy === 'string') {
						// n8n returns this even when the method is missing (-> "No testing function found").
						return nodeType.methods?.credentialTest?.[testedBy];
					}
					return { nodeType, testRequest: testedBy };
				}
			}
		}
	}
	return undefined;
}

export async function testCredential(opts: TestCredentialOptions): Promise<INodeCredentialTestResult> {
	ensureN8nContainer();
	const typeName = opts.credentialType.name;
	const credentialTypes = new HarnessCredentialTypes([opts.credentialType], opts.nodeTypes ?? [], fullTypeName);
	const helper = new HarnessCredentialsHelper(credentialTypes);
	const ref = helper.addCredential(typeName, deepCopy(opts.data));

	const testFunction = getCredentialTestFunction(credentialTypes, typeName, opts.nodeTypes ?? []);
	if (testFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: ref.id!,
		name: ref.name,
		type: typeName,
		data: deepCopy(opts.data),
	};
	try {
		credentialsDecrypted.data = await helper.applyDefaultsAndOverwrites(
			buildAdditionalData(helper),
			credentialsDecrypted.data!,
			typeName,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (typeof testFunction === 'function') {
		// n8n also masks `$secrets` values in the message; tests have no external secrets.
		return await testFunction.call(new CredentialTestContext(), credentialsDecrypted);
	}

	const nodeType = testFunction.nodeType ?? noOpNodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(nodeType.description.version)
			? nodeType.description.version.slice(-1)[0]
			: nodeType.description.version,
		position: [0, 0],
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testFunction.testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(nodeTypeCopy.description.name, nodeTypeCopy);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(helper, { currentNodeParameters: node.parameters }),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (thrown) {
		const error = thrown as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of testFunction.testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of testFunction.testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash.get for the dotted/bracketed keys n8n's `responseSuccessBody` rules use. */
function getPath(value: unknown, path: string): unknown {
	let current = value;
	for (const part of path.replace(/\[(\w+)\]/g, '.$1').split('.').filter(Boolean)) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}
