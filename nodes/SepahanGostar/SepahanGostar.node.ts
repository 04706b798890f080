import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources, routeOperation } from '../shared/operations';
import { resources } from './actions/operations';

export class SepahanGostar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SepahanGostar',
		name: 'sepahanGostar',
		icon: { light: 'file:../../icons/sepahanGostar.svg', dark: 'file:../../icons/sepahanGostar.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS and one-time codes, read delivery status, credit and inbound SMS with the SepahanGostar (SepahanSMS, FlashSMS) Web API',
		defaults: { name: 'SepahanGostar' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sepahanGostarApi',
				required: true,
				displayOptions: { hide: { operation: ['generateApiKey'] } },
			},
			{
				name: 'sepahanGostarPanelApi',
				required: true,
				displayOptions: { show: { operation: ['generateApiKey'] } },
			},
		],
		properties: describeResources(resources, 'sms'),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
