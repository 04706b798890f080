export { freezeDate } from '../support/time';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SepahanGostarApi } from '../../credentials/SepahanGostarApi.credentials';
import { SepahanGostarPanelApi } from '../../credentials/SepahanGostarPanelApi.credentials';
import { SepahanGostar } from '../../nodes/SepahanGostar/SepahanGostar.node';
import { SepahanGostarTrigger } from '../../nodes/SepahanGostar/SepahanGostarTrigger.node';
import { executeNode, pollNode } from '../harness';
import type { SepahanGostarSandbox } from '../../sandbox/sepahangostar';

export const credentialTypes = [new SepahanGostarApi(), new SepahanGostarPanelApi()];

export function credentialsFor(sandbox: SepahanGostarSandbox, overrides: IDataObject = {}) {
	return {
		sepahanGostarApi: { baseUrl: sandbox.url, apiKey: sandbox.apiKey, ignoreSslIssues: false, ...overrides },
		sepahanGostarPanelApi: {
			baseUrl: sandbox.url,
			userName: sandbox.panel.userName,
			password: sandbox.panel.password,
			domainName: sandbox.panel.domainName,
			ignoreSslIssues: false,
		},
	};
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	executionId?: string;
	credentials?: IDataObject;
}

export async function run(sandbox: SepahanGostarSandbox, parameters: INodeParameters, options: RunOptions = {}) {
	return await executeNode({
		nodeType: new SepahanGostar(),
		parameters,
		items: options.items,
		credentials: credentialsFor(sandbox, options.credentials),
		credentialTypes,
		continueOnFail: options.continueOnFail,
		executionId: options.executionId,
	});
}

export async function poll(
	sandbox: SepahanGostarSandbox,
	parameters: INodeParameters,
	staticData: IDataObject | undefined,
	mode: 'manual' | 'trigger' = 'trigger',
	credentials: IDataObject = {},
) {
	return await pollNode({
		nodeType: new SepahanGostarTrigger(),
		parameters,
		credentials: credentialsFor(sandbox, credentials),
		credentialTypes,
		staticData,
		mode,
	});
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));

/** Requests that reached the sandbox's real API (not its control surface). */
export function apiRequests(sandbox: SepahanGostarSandbox, pathPart?: string) {
	return sandbox
		.requests()
		.filter((entry) => !entry.path.startsWith('/__sandbox') && (!pathPart || entry.path.toLowerCase().includes(pathPart.toLowerCase())));
}

