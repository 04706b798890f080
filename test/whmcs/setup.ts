import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhmcsApi } from '../../credentials/WhmcsApi.credentials';
import { Whmcs } from '../../nodes/Whmcs/Whmcs.node';
import { executeNode, testCredential } from '../harness';
import type { WhmcsSandbox } from '../../sandbox/whmcs';

export const credentialTypes = [new WhmcsApi()];

/** The sandbox's full-access API credential; `overrides` replace fields. */
export function credentialData(sandbox: WhmcsSandbox, overrides: IDataObject = {}): IDataObject {
	return {
		url: sandbox.url,
		authType: 'apiCredentials',
		identifier: sandbox.credential.identifier,
		secret: sandbox.credential.secret,
		username: '',
		password: '',
		accessKey: '',
		ignoreSslIssues: false,
		...overrides,
	};
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: IDataObject;
}

export async function run(sandbox: WhmcsSandbox, parameters: INodeParameters, options: RunOptions = {}) {
	return await executeNode({
		nodeType: new Whmcs(),
		parameters,
		items: options.items,
		credentials: { whmcsApi: credentialData(sandbox, options.credentials) as never },
		credentialTypes,
		continueOnFail: options.continueOnFail,
	});
}

export async function testWhmcsCredential(sandbox: WhmcsSandbox, overrides: IDataObject = {}) {
	return await testCredential({ credentialType: new WhmcsApi(), data: credentialData(sandbox, overrides) as never, nodeTypes: [new Whmcs()] });
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));

/** Actions of the API requests that reached the sandbox (faulted ones included), in order. */
export function actions(sandbox: WhmcsSandbox): string[] {
	return sandbox
		.requests()
		.filter((entry) => entry.path.split('?')[0].endsWith('/includes/api.php'))
		.map((entry) => new URLSearchParams(entry.body).get('action') ?? '');
}

/** Every secret of the sandbox credentials, for "appears nowhere" checks. */
export function sandboxSecrets(sandbox: WhmcsSandbox): string[] {
	return [
		sandbox.credential.identifier,
		sandbox.credential.secret,
		sandbox.admin.password,
		sandbox.admin.passwordMd5,
		sandbox.accessKey,
	];
}

/** Fails when any secret appears in the serialised value. */
export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
	// An error with every own property (context, cause, errorResponse, …) and its message, description and stack.
	const text = JSON.stringify(value, (_key, v: unknown) =>
		v instanceof Error ? { ...v, message: v.message, description: (v as { description?: unknown }).description, stack: v.stack } : v,
	);
	for (const secret of secrets) expect(text.includes(secret) ? secret : '').toBe('');
}
