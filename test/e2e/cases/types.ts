/** The shape of a provider's e2e cases. The test files loop over them; the machinery stays the same. */
import type { E2eContext, ExecutionResult, NodeUnderTest, SandboxControl } from '../helpers';

export interface CaseContext extends E2eContext {
	/** This provider's sandbox. */
	sb: SandboxControl;
}

/** One node run in a real workflow execution: Manual Trigger → (input items) → the node. */
export interface OperationCase {
	title: string;
	/** "resource.operation" this case covers, for the coverage check. */
	covers: string;
	node: NodeUnderTest;
	/** Input items, fixed or built from what `before` returned. */
	input?: Array<Record<string, unknown>> | ((prepared: Record<string, unknown>) => Array<Record<string, unknown>>);
	/** Prepares the sandbox (it was reset just before) and may return values for `check`. */
	before?(ctx: CaseContext): Promise<Record<string, unknown> | void>;
	check(result: ExecutionResult, ctx: CaseContext, prepared: Record<string, unknown>): Promise<void> | void;
}

export interface CredentialTestCase {
	title: string;
	type: string;
	/** Values typed into the credential modal over the stored ones (none: test the stored credential). */
	override?: Record<string, unknown>;
	before?(ctx: CaseContext): Promise<void>;
	expectStatus: 'OK' | 'Error';
	expectMessage?: RegExp;
}

export interface TriggerSpec {
	nodeType: string;
	credentials: NodeUnderTest['credentials'];
	/** Node parameters; the poll schedule is added by the test (every 5 seconds). */
	parameters: Record<string, unknown>;
	addInbound(ctx: CaseContext, text: string): Promise<void>;
	/** The text of an emitted item (to match it with what was added). */
	textOf(item: Record<string, unknown>): string;
	/** Checks one emitted item for an inbound SMS with this text. */
	checkItem(item: Record<string, unknown>, text: string): void;
}

export interface DemoCase {
	title: string;
	workflowId: string;
	/** Run from this Manual Trigger; omit for workflows that are activated instead. */
	trigger?: string;
	run(ctx: CaseContext): Promise<void>;
}

/**
 * A provider's e2e cases: the module a manifest row names in `e2e` exports it as `cases`. Which
 * provider, node types and credential types it covers come from the row (cases/index.ts).
 */
export interface ProviderE2e {
	operationCases: OperationCase[];
	errorCases: OperationCase[];
	credentialTests: CredentialTestCase[];
	/** Required when the row declares a trigger, absent otherwise. */
	trigger?: TriggerSpec;
	demos: DemoCase[];
	/** Credential values that must never appear in execution data or n8n's log. */
	secrets(ctx: CaseContext): string[];
}
