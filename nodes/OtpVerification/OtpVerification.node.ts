import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources, routeOperation } from '../shared/operations';
import { resources } from './actions/operations';

/**
 * One-time-code verification for any provider's Send OTP: issue a challenge, verify a code.
 * State lives in a data table of the n8n instance (public API), shared by every n8n process.
 */
export class OtpVerification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OTP Verification',
		name: 'otpVerification',
		icon: { light: 'file:../../icons/otpVerification.svg', dark: 'file:../../icons/otpVerification.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Issue one-time codes for a phone number and verify them: expiry, attempt and send limits, single use, state in an n8n data table',
		defaults: { name: 'OTP Verification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'otpVerificationApi', required: true }],
		properties: describeResources(resources, 'challenge'),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
