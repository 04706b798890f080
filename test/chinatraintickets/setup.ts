export { freezeDate } from '../support/time';
import { createHash, createHmac } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ChinaTrainTicketsApi } from '../../credentials/ChinaTrainTicketsApi.credentials';
import { ChinaTrainTickets } from '../../nodes/ChinaTrainTickets/ChinaTrainTickets.node';
import { executeNode } from '../harness';
import type { ChinaTrainTicketsSandbox } from '../../sandbox/chinatraintickets';

export const credentialTypes = [new ChinaTrainTicketsApi()];

export const CLIENT = 'c395c016-ad85-40d9-963b-9255d4957d4c';
export const IMG = '7K3P';

export function credentialsFor(sandbox: ChinaTrainTicketsSandbox, overrides: IDataObject = {}) {
	return {
		chinaTrainTicketsApi: { baseUrl: sandbox.url, signingKey: sandbox.signingKey, ...overrides },
	};
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	executionId?: string;
	credentials?: IDataObject;
}

export async function run(
	sandbox: ChinaTrainTicketsSandbox,
	parameters: INodeParameters,
	options: RunOptions = {},
) {
	return await executeNode({
		nodeType: new ChinaTrainTickets(),
		parameters,
		items: options.items,
		credentials: credentialsFor(sandbox, options.credentials),
		credentialTypes,
		continueOnFail: options.continueOnFail,
		executionId: options.executionId,
	});
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] =>
	jsons.map((json) => ({ json }));

/** Requests that reached the sandbox's API (not its control surface), optionally of one path. */
export function apiRequests(sandbox: ChinaTrainTicketsSandbox, pathPart?: string) {
	return sandbox
		.requests()
		.filter(
			(entry) =>
				!entry.path.startsWith('/__sandbox') &&
				(!pathPart || entry.path.toLowerCase().includes(pathPart.toLowerCase())),
		);
}

/** Spec §3.2, computed here independently of the node's code. */
export function expectedSign(key: string, random: number, timeStamp: string): string {
	const digest = createHash('md5')
		.update(`random=${random}&timestamp=${timeStamp}&terminal=1`)
		.digest('hex');
	return createHmac('sha256', key).update(digest).digest('hex');
}


export const sendCodeParams = (fields: IDataObject = {}): INodeParameters => ({
	resource: 'member',
	operation: 'sendPasswordResetCode',
	username: 'traveller01',
	phoneNumber: '',
	imageCode: IMG,
	clientId: CLIENT,
	options: {},
	...fields,
});

export const resetParams = (fields: IDataObject = {}): INodeParameters => ({
	resource: 'member',
	operation: 'resetPassword',
	username: 'traveller01',
	verificationCode: '',
	newPassword: 'New-Pass-1',
	options: {},
	...fields,
});
