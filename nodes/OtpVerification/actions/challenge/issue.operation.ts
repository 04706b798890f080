import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runsAsTool } from '../../../shared/operations';
import { runPerItem } from '../../../shared/pipeline';
import { OTP_MAX_LENGTH, OTP_MIN_LENGTH } from '../../../shared/otp';
import { issue, type Limits } from '../../store/challenges';
import { phoneField, readPhone, readWholeNumber, storeOpener } from '../fields';

export const option = {
	name: 'Issue',
	description: 'Start a challenge for a phone number (or renew its code) and output the code to send',
	action: 'Issue a one time code',
};

/** The defaults of the fields below (kept equal to their `default`s). */
export const DEFAULTS = {
	codeLength: 6,
	lifetimeMinutes: 10,
	maxAttempts: 5,
	maxSends: 5,
	sendWindowMinutes: 60,
	resendCooldownSeconds: 30,
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Connect a Send OTP operation next (SepahanGostar, Melipayamak or AmootSMS) with Code Source "From Input", or WHMCS Email → Send with the code as a custom variable. The code leaves this node in plain text only to be sent: the store keeps its keyed hash.',
		name: 'issueNotice',
		type: 'notice',
		default: '',
	},
	phoneField,
	{
		displayName: 'Code Length',
		name: 'codeLength',
		type: 'number',
		typeOptions: { minValue: OTP_MIN_LENGTH, maxValue: OTP_MAX_LENGTH },
		default: 6,
		description: 'Digits in the code (4–10), from a cryptographically secure generator',
	},
	{
		displayName: 'Code Lifetime (Minutes)',
		name: 'lifetimeMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: 10,
		description: 'How long a code can be verified after it is issued (a resend starts it again)',
	},
	{
		displayName: 'Limits',
		name: 'limits',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		options: [
			{
				displayName: 'Max Check Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description: 'Checks allowed per challenge, right or wrong; resends do not reset them',
			},
			{
				displayName: 'Max Sends per Window',
				name: 'maxSends',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 5,
				description: 'Codes issued for one number within the send window',
			},
			{
				displayName: 'Send Window (Minutes)',
				name: 'sendWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
			},
			{
				displayName: 'Resend Cooldown (Seconds)',
				name: 'resendCooldownSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 30,
				description: 'Time a number must wait between two codes',
			},
		],
	},
];

function readLimits(ctx: IExecuteFunctions, itemIndex: number): Limits {
	const limits = ctx.getNodeParameter('limits', itemIndex, {}) as IDataObject;
	const w = (name: string, label: string, min: number, max: number, fallback: number, from?: IDataObject) =>
		readWholeNumber(ctx, itemIndex, name, label, min, max, fallback, from);
	return {
		codeLength: w('codeLength', 'Code Length', OTP_MIN_LENGTH, OTP_MAX_LENGTH, DEFAULTS.codeLength),
		lifetimeMs: w('lifetimeMinutes', 'Code Lifetime (Minutes)', 1, 1440, DEFAULTS.lifetimeMinutes) * 60_000,
		maxAttempts: w('maxAttempts', 'Max Check Attempts', 1, 20, DEFAULTS.maxAttempts, limits),
		maxSends: w('maxSends', 'Max Sends per Window', 1, 100, DEFAULTS.maxSends, limits),
		sendWindowMs: w('sendWindowMinutes', 'Send Window (Minutes)', 1, 10080, DEFAULTS.sendWindowMinutes, limits) * 60_000,
		resendCooldownMs: w('resendCooldownSeconds', 'Resend Cooldown (Seconds)', 0, 3600, DEFAULTS.resendCooldownSeconds, limits) * 1000,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (runsAsTool(this)) {
		// The tool's output goes to the language model (and its provider): the code would be seen by
		// whoever talks to the agent, who could then verify a number they do not hold.
		throw new NodeOperationError(this.getNode(), 'Issue is not available to AI agents directly: the model would see the code', {
			description:
				'Give the agent a workflow tool (Call n8n Workflow Tool) whose workflow runs Issue → Send OTP and returns only the challengeId and expiresAt. Verify is available to agents as it is.',
		});
	}
	const store = storeOpener(this);
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => ({ phone: readPhone(this, itemIndex), limits: readLimits(this, itemIndex) }),
		run: async ({ phone, limits }) => {
			const result = await issue(await store(), phone, limits, Date.now);
			const issued = result.status !== 'rateLimited';
			// One JSON type per field whatever the outcome.
			return {
				phone,
				status: result.status,
				issued,
				reason: issued ? '' : result.reason,
				challengeId: result.challengeId,
				code: issued ? result.code : '',
				expiresAt: issued ? new Date(result.expiresAt).toISOString() : '',
				retryAfterSeconds: issued ? 0 : Math.ceil(result.retryAfterMs / 1000),
				attemptsLeft: result.attemptsLeft,
				sendsLeft: result.sendsLeft,
			};
		},
	});
}
