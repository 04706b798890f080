import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources, routeOperation } from '../shared/operations';
import { resources } from './actions/operations';
import { chinaTrainTicketsApiTest } from './transport/credentialTest';

export class ChinaTrainTickets implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ChinaTrainTickets',
		name: 'chinaTrainTickets',
		icon: {
			light: 'file:../../icons/chinaTrainTickets.svg',
			dark: 'file:../../icons/chinaTrainTickets.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send a ChinaTrainTickets member a password reset code by SMS, and set the new password with it (signed requests)',
		defaults: { name: 'ChinaTrainTickets' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'chinaTrainTicketsApi', required: true, testedBy: 'chinaTrainTicketsApiTest' },
		],
		properties: describeResources(resources, 'member'),
	};

	methods = { credentialTest: { chinaTrainTicketsApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
