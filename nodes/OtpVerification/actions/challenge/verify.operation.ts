import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import { verify, type CheckLimits } from '../../store/challenges';
import { phoneField, readPhone, readWholeNumber, storeOpener } from '../fields';

export const option = {
	name: 'Verify',
	description: 'Check a code a person typed: valid, or why not (wrong, expired, too many attempts, already used, not found, rate limited)',
	action: 'Verify a one time code',
};

/** The defaults of the limits below (kept equal to their `default`s). */
export const CHECK_DEFAULTS = { maxChecks: 10, checkWindowMinutes: 60 };

export const description: INodeProperties[] = [
	phoneField,
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		description: 'The code as the person typed it (Persian digits and spaces are accepted). Every check counts one attempt.',
	},
	{
		displayName: 'Limits',
		name: 'limits',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		options: [
			{
				displayName: 'Max Checks per Window',
				name: 'maxChecks',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 10,
				description: 'Checks of one number within the check window, across its challenges; beyond them the answer is rateLimited and the code is not compared',
			},
			{
				displayName: 'Check Window (Minutes)',
				name: 'checkWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Challenge ID',
				name: 'challengeId',
				type: 'string',
				default: '',
				description: "Only accept the code for this challenge (the Issue operation's challengeId); a newer challenge for the number answers notFound",
			},
		],
	},
];

function readCode(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('code', itemIndex, '') as unknown;
	const code = toLatinDigits(String(raw ?? '')).replace(/\s+/g, '');
	if (code === '') throw invalidInput(ctx.getNode(), itemIndex, 'Code', 'is empty');
	if (code.length > 64) throw invalidInput(ctx.getNode(), itemIndex, 'Code', 'is longer than 64 characters');
	return code;
}

function readCheckLimits(ctx: IExecuteFunctions, itemIndex: number): CheckLimits {
	const limits = ctx.getNodeParameter('limits', itemIndex, {}) as IDataObject;
	return {
		maxChecks: readWholeNumber(ctx, itemIndex, 'maxChecks', 'Max Checks per Window', 1, 1000, CHECK_DEFAULTS.maxChecks, limits),
		checkWindowMs: readWholeNumber(ctx, itemIndex, 'checkWindowMinutes', 'Check Window (Minutes)', 1, 10080, CHECK_DEFAULTS.checkWindowMinutes, limits) * 60_000,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const store = storeOpener(this);
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return {
				phone: readPhone(this, itemIndex),
				code: readCode(this, itemIndex),
				challengeId: String(options.challengeId ?? '').trim(),
				limits: readCheckLimits(this, itemIndex),
			};
		},
		run: async ({ phone, code, challengeId, limits }) => {
			const result = await verify(await store(), phone, code, challengeId, limits, Date.now);
			return {
				phone,
				valid: result.status === 'valid',
				status: result.status,
				challengeId: result.challengeId,
				attemptsLeft: result.attemptsLeft,
				retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000),
			};
		},
	});
}
