import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources, routeOperation } from '../shared/operations';
import { resources } from './actions/operations';
import { whmcsApiCredentialTest } from './transport/credentialTest';

export class Whmcs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WHMCS',
		name: 'whmcs',
		icon: { light: 'file:../../icons/whmcs.svg', dark: 'file:../../icons/whmcs.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Start password resets, find and update users, read clients, create sign-in links and send emails with the WHMCS API',
		defaults: { name: 'WHMCS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whmcsApi', required: true, testedBy: 'whmcsApiCredentialTest' }],
		properties: describeResources(resources, 'user'),
	};

	methods = {
		credentialTest: { whmcsApiCredentialTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
