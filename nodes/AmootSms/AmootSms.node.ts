import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources, routeOperation } from '../shared/operations';
import { resources } from './actions/operations';

export class AmootSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AmootSMS',
		name: 'amootSms',
		icon: { light: 'file:../../icons/amootSms.svg', dark: 'file:../../icons/amootSms.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send SMS, patterns and one-time codes, read delivery status, credit and received SMS with the AmootSMS (Amoot SMS) REST API',
		defaults: { name: 'AmootSMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amootSmsApi', required: true }],
		properties: describeResources(resources, 'sms'),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
