/**
 * A provider's fault table: what the fault suite needs beyond the manifest row (which gives the
 * node, the trigger, the credentials and the emulator). One file per provider in `tables/`.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { ActiveFault, FaultSpec } from '../../sandbox/core/faults';
import type { ExecuteNodeResult } from '../harness';

/** What every emulator handle offers to the suite. */
export interface FaultableSandbox {
	url: string;
	reset(): void;
	injectFault(f: FaultSpec): void;
	pendingFaults(): ActiveFault[];
	clearFaults(): void;
	requests(): Array<{ method: string; path: string; body: string }>;
	clearRequests(): void;
	close(): Promise<void>;
}

/** Runs the provider's node once (through n8n's engine) with the sandbox credentials. */
export type RunNode = (parameters: INodeParameters, items?: IDataObject[]) => Promise<ExecuteNodeResult>;

export interface OperationFaultCase<H> {
	/** "resource.operation", as in the node's operations table. */
	covers: string;
	parameters: INodeParameters;
	/** Input items; default one empty item. Two or more show Continue On Fail's pairing. */
	items?: IDataObject[];
	/** Whether the operation changes something at the provider (SMS, code, reset, record). */
	sideEffect: boolean;
	/** Runs with `Date` at this instant (timers stay real), for operations that depend on the hour. */
	now?: string;
	/** Runs after the emulator was reset, before the run (e.g. a code to reset a password with). */
	prepare?(sandbox: H, run: RunNode): Promise<void> | void;
	/**
	 * Hostile input: the parameters that take free text and must arrive intact when accepted
	 * (others accept a hostile value only as a clear validation error, or normalised).
	 */
	textFields?: string[];
	/** Parameters the hostile-input test leaves alone (fixed choices, numbers the table needs). */
	skipHostile?: string[];
	/** Fields the emulator masks in its request log (codes): hostile input there is seen to arrive, not read. */
	maskedInLog?: string[];
	/** Fields the node may apply to what it read instead of sending them, with the reason beside the table entry. */
	appliedLocally?: string[];
	/** The input item the hostile-input test starts from (default the first of `items`), e.g. the mode that reads most fields. */
	hostileItem?: IDataObject;
}

export interface TriggerFaultCase<H> {
	parameters: INodeParameters;
	addInbound(sandbox: H, text: string): void;
	/** The inbound text of an emitted item. */
	textOf(item: INodeExecutionData): string;
	/**
	 * For an inbox the API shows only partly (e.g. at most 100 unread): another app reads it; the
	 * schedule calls this whenever the trigger has emitted everything that arrived.
	 */
	readElsewhere?(sandbox: H): void;
}

export interface ProviderFaultTable<H extends FaultableSandbox = FaultableSandbox> {
	/** The service errors name, when it is not the manifest title (e.g. the store a node talks to). */
	errorSource?: string;
	/** Every side effect the emulator recorded (sent SMS, codes, resets, created records), counted. */
	ledger(sandbox: H): number;
	/** After each reset (e.g. plenty of credit). */
	prepare?(sandbox: H): void;
	operations: Array<OperationFaultCase<H>>;
	/** Required when the manifest row has a trigger. */
	trigger?: TriggerFaultCase<H>;
}

export function defineFaultTable<H extends FaultableSandbox>(table: ProviderFaultTable<H>): ProviderFaultTable {
	return table as unknown as ProviderFaultTable;
}
