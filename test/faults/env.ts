/**
 * What the fault suite builds from a manifest row: the running emulator, the node and trigger
 * types, the sandbox credentials (and which of their values are secret), the node's operations
 * table, and checks shared by the suite's files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { fromRepo, providers, repoRoot, type ProviderRow } from '../../manifest';
import type { ResourceTable } from '../../nodes/shared/operations';
import { executeNode, pollNode, type ExecuteNodeResult, type PollNodeResult } from '../harness';
import { faultTables } from './tables';
import type { FaultableSandbox, ProviderFaultTable } from './types';

function loadClass<T>(file: string): T {
	const name = path.basename(file).replace(/\.(node|credentials)\.ts$/, '');
	const mod = require(fromRepo(file)) as Record<string, new () => T>;
	return new mod[name]();
}

export interface ProviderEnv {
	row: ProviderRow;
	table: ProviderFaultTable;
	sb: FaultableSandbox;
	nodeType: () => INodeType;
	triggerType?: () => INodeType;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Values of the credentials' password fields: they must appear nowhere. */
	secrets: string[];
	resources: ResourceTable;
	run(parameters: INodeParameters, items?: IDataObject[], continueOnFail?: boolean): Promise<ExecuteNodeResult>;
	poll(staticData: IDataObject | undefined, mode?: 'manual' | 'trigger'): Promise<PollNodeResult>;
	/** Reset the emulator and apply the table's preparation. */
	reset(): void;
	close(): Promise<void>;
}

/** The manifest row with this id. */
export function providerRow(id: string): ProviderRow {
	const row = providers.find((r) => r.id === id);
	if (!row) throw new Error(`No manifest row "${id}"`);
	return row;
}

/** Collects unhandled promise rejections while the file's tests run (checked after every run). */
export function trackUnhandledRejections(): unknown[] {
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);
	beforeAll(() => process.on('unhandledRejection', onUnhandled));
	afterAll(() => process.off('unhandledRejection', onUnhandled));
	return unhandled;
}

export function tableFor(row: ProviderRow): ProviderFaultTable {
	const table = faultTables[row.id];
	if (!table) throw new Error(`The manifest row "${row.id}" has no fault table in test/faults/tables/`);
	return table;
}

export async function startProvider(row: ProviderRow): Promise<ProviderEnv> {
	const table = tableFor(row);
	const sb = (await row.sandbox.start({})) as unknown as FaultableSandbox;
	const credentialTypes = row.credentials.map((c) => loadClass<ICredentialType>(c.file));
	const credentials: Record<string, ICredentialDataDecryptedObject> = {};
	const secrets: string[] = [];
	row.credentials.forEach((entry, i) => {
		const data = entry.sandbox.data(sb as never) as ICredentialDataDecryptedObject;
		credentials[entry.type] = data;
		for (const property of credentialTypes[i].properties) {
			const value = data[property.name];
			if (property.typeOptions?.password && typeof value === 'string' && value.length >= 6) secrets.push(value);
		}
	});
	const nodeDir = path.dirname(row.node.file);
	const { resources } = require(fromRepo(`${nodeDir}/actions/operations.ts`)) as { resources: ResourceTable };
	const env: ProviderEnv = {
		row,
		table,
		sb,
		nodeType: () => loadClass<INodeType>(row.node.file),
		triggerType: row.trigger ? () => loadClass<INodeType>(row.trigger!.file) : undefined,
		credentialTypes,
		credentials,
		secrets,
		resources,
		run: async (parameters, items, continueOnFail = false) =>
			await executeNode({
				nodeType: env.nodeType(),
				parameters,
				items: (items ?? [{}]).map((json) => ({ json })),
				credentials,
				credentialTypes,
				continueOnFail,
			}),
		poll: async (staticData, mode = 'trigger') => {
			if (!env.triggerType || !table.trigger) throw new Error(`${row.title} has no trigger`);
			return await pollNode({
				nodeType: env.triggerType(),
				parameters: table.trigger.parameters,
				credentials,
				credentialTypes,
				staticData,
				mode,
			});
		},
		reset() {
			sb.clearFaults();
			sb.reset();
			table.prepare?.(sb);
		},
		close: async () => await sb.close(),
	};
	return env;
}

/** Every operation of the node, as "resource.operation". */
export function operationsOf(resources: ResourceTable): string[] {
	return Object.entries(resources).flatMap(([resource, entry]) => Object.keys(entry.operations).map((op) => `${resource}.${op}`));
}

/** Whether the operation offers the shared Timeout option (Options → Timeout). */
export function hasTimeoutOption(resources: ResourceTable, covers: string): boolean {
	const [resource, operation] = covers.split('.');
	const fields = resources[resource]?.operations[operation]?.description ?? [];
	return fields.some(
		(field) => field.name === 'options' && (field.options ?? []).some((option) => 'name' in option && option.name === 'timeout'),
	);
}

/** The display name of a parameter of an operation (for "names the field" checks). */
export function displayNameOf(resources: ResourceTable, covers: string, name: string): string | undefined {
	const [resource, operation] = covers.split('.');
	const fields = resources[resource]?.operations[operation]?.description ?? [];
	return fields.find((field) => field.name === name)?.displayName;
}

/** Everything a run exposes to a user or a log, as one text: items, the error (every own property), logs. */
export function exposedText(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'bigint') return v.toString();
		if (v instanceof Error) {
			return { ...v, message: v.message, description: (v as { description?: unknown }).description, stack: v.stack, cause: (v as { cause?: unknown }).cause };
		}
		return v;
	});
}

/**
 * The secrets found in a text (empty when none), also as they would appear URL-encoded, in
 * base64 (a Basic header) or JSON-escaped.
 */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
	return secrets.filter((secret) =>
		[secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), JSON.stringify(secret).slice(1, -1)].some((form) =>
			text.includes(form),
		),
	);
}

/** Counts written beside Jest's results, for the README and CI's log. */
export class Counts {
	private readonly values: Record<string, number> = {};
	constructor(private readonly name: string) {}
	add(key: string, by = 1): void {
		this.values[key] = (this.values[key] ?? 0) + by;
	}
	get(key: string): number {
		return this.values[key] ?? 0;
	}
	write(): void {
		const dir = path.join(repoRoot, 'test-results');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `faults-${this.name}.json`), JSON.stringify(this.values, null, 2) + '\n');
		console.log(`${this.name}: ${JSON.stringify(this.values)}`);
	}
}

/** A small seeded generator (mulberry32): the same schedule on every run. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
