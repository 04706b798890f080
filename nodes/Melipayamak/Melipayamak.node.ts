import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources, routeOperation } from '../shared/operations';
import { resources } from './actions/operations';

export class Melipayamak implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Melipayamak',
		name: 'melipayamak',
		icon: { light: 'file:../../icons/melipayamak.svg', dark: 'file:../../icons/melipayamak.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send SMS, patterns and one-time codes, read delivery status, credit and received SMS, and start reseller password recovery with Melipayamak (payamak-panel.com)',
		defaults: { name: 'Melipayamak' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'melipayamakApi', required: true }],
		properties: describeResources(resources, 'sms'),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
