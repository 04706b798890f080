export { freezeDate } from '../support/time';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AmootSmsApi } from '../../credentials/AmootSmsApi.credentials';
import { AmootSms } from '../../nodes/AmootSms/AmootSms.node';
import { AmootSmsTrigger } from '../../nodes/AmootSms/AmootSmsTrigger.node';
import { executeNode, pollNode } from '../harness';
import type { AmootSmsSandbox } from '../../sandbox/amootsms';

export const credentialTypes = [new AmootSmsApi()];

export function credentialsFor(sandbox: AmootSmsSandbox, overrides: IDataObject = {}) {
	return { amootSmsApi: { baseUrl: sandbox.baseUrl, token: sandbox.token, ...overrides } };
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: IDataObject;
	/** Run the node as n8n's AI-tool variant (`amootSmsTool`). */
	asTool?: boolean;
}

class AmootSmsTool extends AmootSms {
	constructor() {
		super();
		this.description = { ...this.description, name: 'amootSmsTool' };
	}
}

export async function run(
	sandbox: AmootSmsSandbox,
	parameters: INodeParameters,
	options: RunOptions = {},
) {
	return await executeNode({
		nodeType: options.asTool ? new AmootSmsTool() : new AmootSms(),
		parameters,
		items: options.items,
		credentials: credentialsFor(sandbox, options.credentials),
		credentialTypes,
		continueOnFail: options.continueOnFail,
	});
}

export async function poll(
	sandbox: AmootSmsSandbox,
	parameters: INodeParameters,
	staticData: IDataObject | undefined,
	mode: 'manual' | 'trigger' = 'trigger',
) {
	return await pollNode({
		nodeType: new AmootSmsTrigger(),
		parameters,
		credentials: credentialsFor(sandbox),
		credentialTypes,
		staticData,
		mode,
	});
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] =>
	jsons.map((json) => ({ json }));

/** Requests that reached the sandbox's API, optionally of one method. */
export function apiRequests(sandbox: AmootSmsSandbox, method?: string) {
	return sandbox
		.requests()
		.filter(
			(entry) =>
				entry.path.startsWith('/rest/') &&
				(!method || entry.path.toLowerCase() === `/rest/${method.toLowerCase()}`),
		);
}

/** A request's form body as an object. */
export function formOf(body: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(body));
}

