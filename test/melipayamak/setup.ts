import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MelipayamakApi } from '../../credentials/MelipayamakApi.credentials';
import { Melipayamak } from '../../nodes/Melipayamak/Melipayamak.node';
import { MelipayamakTrigger } from '../../nodes/Melipayamak/MelipayamakTrigger.node';
import { executeNode, pollNode } from '../harness';
import type { AccountName, MelipayamakSandbox } from '../../sandbox/melipayamak';

export const credentialTypes = [new MelipayamakApi()];

/** A `melipayamakApi` credential pointing at the sandbox (default: the `good` account). */
export function credentialData(sandbox: MelipayamakSandbox, account: AccountName = 'good', overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		username: sandbox.accounts[account].username,
		password: sandbox.accounts[account].password,
		consoleApiKey: sandbox.consoleKey,
		restBaseUrl: sandbox.restBaseUrl,
		soapBaseUrl: sandbox.soapBaseUrl,
		consoleBaseUrl: sandbox.consoleBaseUrl,
		...overrides,
	};
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	account?: AccountName;
	credentials?: ICredentialDataDecryptedObject;
}

export async function run(sandbox: MelipayamakSandbox, parameters: INodeParameters, options: RunOptions = {}) {
	return await executeNode({
		nodeType: new Melipayamak(),
		parameters,
		items: options.items,
		credentials: { melipayamakApi: credentialData(sandbox, options.account, options.credentials) },
		credentialTypes,
		continueOnFail: options.continueOnFail,
	});
}

export async function poll(
	sandbox: MelipayamakSandbox,
	parameters: INodeParameters,
	staticData: IDataObject | undefined,
	mode: 'manual' | 'trigger' = 'trigger',
	account: AccountName = 'good',
) {
	return await pollNode({
		nodeType: new MelipayamakTrigger(),
		parameters,
		credentials: { melipayamakApi: credentialData(sandbox, account) },
		credentialTypes,
		staticData,
		mode,
	});
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));

/** Requests that reached the sandbox's API (not its control surface), optionally only those whose path or SOAPAction mention `part`. */
export function apiRequests(sandbox: MelipayamakSandbox, part?: string) {
	return sandbox.requests().filter((entry) => {
		if (entry.path.startsWith('/__sandbox')) return false;
		if (!part) return true;
		const where = `${entry.path} ${entry.headers.soapaction ?? ''}`.toLowerCase();
		return where.includes(part.toLowerCase());
	});
}

/** Numbers 0912xxxxxxx, distinct. */
export function phones(n: number, start = 0): string[] {
	return Array.from({ length: n }, (_, i) => `0912${String(1000000 + start + i).slice(-7)}`);
}

export const LINE = '50002710000000';
