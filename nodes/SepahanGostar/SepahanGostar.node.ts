import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operations } from './actions/operations';
import { router } from './actions/router';

export class SepahanGostar implements INodeType {
	description: INodeTypeDescription = {	displayName: 'SepahanGostar',
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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Delivery', value: 'delivery' },
					{ name: 'Inbox', value: 'inbox' },
					{ name: 'SMS', value: 'sms' },
				],
				default: 'sms',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['sms'] } },
				options: [
					{
						name: 'Check Request',
						value: 'checkRequest',
						description: 'Check whether the provider received a send with a given Request ID (last 4 hours)',
						action: 'Check a send request',
					},
					{
						name: 'Send',
						value: 'send',
						description: 'Send one text to one or many recipients, 100 per request',
						action: 'Send an SMS',
					},
					{
						name: 'Send OTP',
						value: 'sendOtp',
						description: 'Generate a one-time code and send it; outputs the code and message ID',
						action: 'Send a one time code',
					},
					{
						name: 'Send Personalized',
						value: 'sendPersonalized',
						description: 'Send each item its own text (and sender), 100 per request',
						action: 'Send personalized SMS',
					},
				],
				default: 'send',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['delivery'] } },
				options: [
					{
						name: 'Get Old Status',
						value: 'getOldStatus',
						description: 'Get delivery status of messages from before today (01:00–05:00 Tehran time only)',
						action: 'Get old delivery status',
					},
					{
						name: 'Get Status',
						value: 'getStatus',
						description: 'Get delivery status of messages sent in the last 24 hours',
						action: 'Get delivery status',
					},
				],
				default: 'getStatus',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['inbox'] } },
				options: [
					{
						name: 'Get Many',
						value: 'getMany',
						description: 'Get unread inbound SMS (up to 100), without marking them read unless asked',
						action: 'Get many inbound SMS',
					},
				],
				default: 'getMany',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['account'] } },
				options: [
					{
						name: 'Generate API Key',
						value: 'generateApiKey',
						description: 'Create an API token from the panel username and password',
						action: 'Generate an API key',
					},
					{
						name: 'Get Credit',
						value: 'getCredit',
						description: 'Get the remaining credit',
						action: 'Get the credit',
					},
				],
				default: 'getCredit',
			},
			...Object.values(operations).flatMap((byOperation) => Object.values(byOperation).flatMap((operation) => operation.description)),
		],

	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
