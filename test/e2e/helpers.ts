/**
 * What the e2e test files share: a logged-in REST client for the suite's n8n, the sandboxes' control
 * surfaces, building/running workflows through n8n's REST API, reading execution data, and
 * restarting n8n.
 */
import { providers as manifestRows, type ProviderRow } from '../../manifest';
import type { N8nInstall } from '../../scripts/lib/n8n-install';
import { startN8n, stopGroup, readLog } from '../../scripts/lib/n8n-process';
import {
	DEMO_OWNER,
	N8nRest,
	parseExecutionData,
	type ExecutionRunData,
	type N8nExecution,
} from '../../scripts/lib/rest';
import type { CaseContext, OperationCase } from './cases/types';
import { readState, writeState, type E2eSandbox, type E2eState } from './state';

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

export class SandboxControl {
	constructor(readonly sandbox: E2eSandbox) {}

	async call<T = unknown>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.sandbox.url}/__sandbox${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
			signal: AbortSignal.timeout(10_000),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} ${route} → ${response.status}: ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	reset() {
		return this.call('POST', '/reset');
	}
	inbound(message: { privateNumber?: string; sendNumber: string; text: string }) {
		return this.call('POST', '/inbound', message);
	}
	requests<T = Array<Record<string, unknown>>>() {
		return this.call<T>('GET', '/requests');
	}
	sent<T = Array<Record<string, unknown>>>() {
		return this.call<T>('GET', '/sent');
	}
	credit(value: number | string) {
		return this.call('POST', '/credit', { value });
	}
	accountError(code: number) {
		return this.call('POST', '/account-error', { code });
	}
}

export interface E2eContext {
	state: E2eState;
	install: N8nInstall;
	rest: N8nRest;
	sandbox(id: string): SandboxControl;
}

/** Logs in to the suite's n8n (call in beforeAll). */
export async function connect(): Promise<E2eContext> {
	const state = readState();
	const install = state.config.install;
	const rest = new N8nRest(state.url);
	await rest.setupOwnerOrLogin(DEMO_OWNER);
	return {
		state,
		install,
		rest,
		sandbox(id: string) {
			const sandbox = state.sandboxes.find((s) => s.id === id);
			if (!sandbox) throw new Error(`no sandbox "${id}" in this run`);
			return new SandboxControl(sandbox);
		},
	};
}

/** The sandbox credential of a given type for a provider (the e2e suite uses the same credentials as `npm start`). */
export function credentialRef(
	providerId: string,
	type: string,
	rows: readonly ProviderRow[] = manifestRows,
): { id: string; name: string } {
	const row = rows.find((r) => r.id === providerId);
	const credential = row?.credentials.find((c) => c.type === type);
	if (!credential) throw new Error(`the manifest has no ${type} credential for ${providerId}`);
	return { id: credential.sandbox.id, name: credential.sandbox.name };
}

/** A `describe` per item; none for an empty list (Jest's `describe.each` refuses an empty table). */
export function describeEach<T>(items: readonly T[], name: (item: T) => string, fn: (item: T) => void): void {
	for (const item of items) describe(name(item), () => fn(item));
}

/** A `test` per item; none for an empty list (Jest's `test.each` refuses an empty table). */
export function testEach<T>(items: readonly T[], name: (item: T) => string, fn: (item: T) => Promise<void>): void {
	for (const item of items) test(name(item), () => fn(item));
}

export interface NodeUnderTest {
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** 'continueRegularOutput' is "Continue On Fail" in the editor. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export const UNDER_TEST = 'Node Under Test';
const INPUT = 'Input Items';

/** Manual Trigger → (Code node emitting `input`) → the node under test. */
export function testWorkflow(name: string, node: NodeUnderTest, input?: Array<Record<string, unknown>>) {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: 'e2e-manual-trigger',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, unknown> = {};
	let previous = 'Manual Trigger';
	if (input) {
		nodes.push({
			id: 'e2e-input',
			name: INPUT,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return ${JSON.stringify(input.map((json) => ({ json })))};` },
		});
		connections[previous] = { main: [[{ node: INPUT, type: 'main', index: 0 }]] };
		previous = INPUT;
	}
	nodes.push({
		id: 'e2e-node-under-test',
		name: UNDER_TEST,
		type: node.type,
		typeVersion: node.typeVersion ?? 1,
		position: [400, 0],
		parameters: node.parameters,
		...(node.credentials ? { credentials: node.credentials } : {}),
		...(node.onError ? { onError: node.onError } : {}),
	});
	connections[previous] = { main: [[{ node: UNDER_TEST, type: 'main', index: 0 }]] };
	return { name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

export async function createWorkflow(rest: N8nRest, workflow: Record<string, unknown>): Promise<string> {
	const created = await rest.post<{ id: string }>('/workflows', workflow);
	return created.id;
}

export interface ExecutionResult {
	execution: N8nExecution;
	data: ExecutionRunData;
	/** Output items of a node's first run, first output (or the given output index). */
	output(nodeName?: string, outputIndex?: number): OutputItem[];
	/** The workflow-level error, if the execution failed. */
	error?: ExecutionRunData['resultData']['error'];
}

export function readExecution(install: N8nInstall, execution: N8nExecution): ExecutionResult {
	const data = parseExecutionData(install, execution);
	return {
		execution,
		data,
		error: data.resultData.error,
		output(nodeName = UNDER_TEST, outputIndex = 0) {
			const runs = data.resultData.runData[nodeName];
			if (!runs?.length) throw new Error(`node "${nodeName}" did not run`);
			return (runs[0].data?.main?.[outputIndex] ?? []) as OutputItem[];
		},
	};
}

/** Runs a saved workflow from its Manual Trigger and waits for the execution to finish. */
export async function runSaved(ctx: E2eContext, workflowId: string, triggerName?: string): Promise<ExecutionResult> {
	const executionId = await ctx.rest.runWorkflow(workflowId, triggerName);
	const execution = await ctx.rest.waitForExecution(executionId);
	return readExecution(ctx.install, execution);
}

/** Creates a test workflow around one node, runs it, and returns the execution. */
export async function runNode(
	ctx: E2eContext,
	name: string,
	node: NodeUnderTest,
	input?: Array<Record<string, unknown>>,
): Promise<ExecutionResult> {
	const id = await createWorkflow(ctx.rest, testWorkflow(name, node, input));
	return await runSaved(ctx, id);
}

/** Waits (bounded) until `predicate` holds, polling. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (predicate(value)) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * Stops the suite's n8n, runs `whileStopped`, and starts n8n again on the same user folder and ports;
 * returns the new context.
 */
export async function restartN8n(whileStopped?: () => Promise<void>): Promise<E2eContext> {
	const state = readState();
	await stopGroup(state.pid);
	await whileStopped?.();
	const n8n = await startN8n(state.config);
	writeState({ ...state, pid: n8n.pid, url: n8n.url });
	return await connect();
}

/** n8n's log of the whole suite, without terminal colour codes. */
export function n8nLog(state: E2eState): string {
	 
	return readLog(state.config.logFile).replace(/\u001b\[[0-9;]*m/g, '');
}

/** Runs one operation case: reset the sandbox, prepare, run the node in a workflow, check; returns the execution. */
export async function runOperationCase(base: E2eContext, providerId: string, c: OperationCase): Promise<ExecutionResult> {
	const ctx: CaseContext = { ...base, sb: base.sandbox(providerId) };
	await ctx.sb.reset();
	const prepared = (await c.before?.(ctx)) ?? {};
	const input = typeof c.input === 'function' ? c.input(prepared) : c.input;
	const result = await runNode(ctx, `e2e: ${c.title}`, c.node, input);
	await c.check(result, ctx, prepared);
	return result;
}

/** Every item a trigger node emitted in the workflow's executions, oldest first. */
export async function emittedItems(ctx: E2eContext, workflowId: string, nodeName: string): Promise<OutputItem[]> {
	const executions = await ctx.rest.listExecutions(workflowId);
	const items: OutputItem[] = [];
	for (const summary of [...executions].sort((a, b) => Number(a.id) - Number(b.id))) {
		if (summary.status === 'running' || summary.status === 'new') continue;
		const result = readExecution(ctx.install, await ctx.rest.getExecution(summary.id));
		items.push(...result.output(nodeName));
	}
	return items;
}
