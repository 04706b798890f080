import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import { verify } from '../../store/challenges';
import { phoneField, readPhone, storeOpener } from '../fields';

export const option = {
	name: 'Verify',
	description: 'Check a code a person typed: valid, or why not (wrong, expired, too many attempts, already used, not found)',
	action: 'Verify a one time code',
};

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
			};
		},
		run: async ({ phone, code, challengeId }) => {
			const result = await verify(await store(), phone, code, challengeId, Date.now);
			return {
				phone,
				valid: result.status === 'valid',
				status: result.status,
				challengeId: result.challengeId,
				attemptsLeft: result.attemptsLeft,
			};
		},
	});
}
