import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { ProviderError, settle } from '../../../shared/errors';
import { readMobileNumbers } from '../../../shared/inputs';
import { fillCodeTemplate, generateNumericCode, hasCodePlaceholder } from '../../../shared/otp';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { bodyIdField, NO_RESEND_NOTE, readBodyId, readVariables, recipientField } from '../fields';

export const option = { name: 'Send', description: 'Send a one-time code by pattern, or have Melipayamak generate it', action: 'Send a one time code' };

const pattern = { show: { mode: ['pattern'] } };

export const description: INodeProperties[] = [
	{ displayName: NO_RESEND_NOTE, name: 'noResendNotice', type: 'notice', default: '' },
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'pattern',
		options: [
			{
				name: 'Pattern',
				value: 'pattern',
				description: 'This node generates the code and sends it in your approved template (documented errors; reaches blacklisted numbers)',
			},
			{
				name: 'Provider Code',
				value: 'providerCode',
				description: "Melipayamak generates the code and sends its own fixed text (needs the credential's Console API Key)",
			},
		],
	},
	recipientField('One mobile number per item'),
	{ ...bodyIdField, displayOptions: pattern },
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'string',
		required: true,
		default: '{code}',
		placeholder: 'Ali;{code}',
		description: 'The template\'s variables in order, separated by ";". "{code}" is replaced by the generated code; it must appear once.',
		displayOptions: pattern,
	},
	{
		displayName: 'Code Source',
		name: 'codeSource',
		type: 'options',
		default: 'generate',
		options: [
			{ name: 'Generate', value: 'generate', description: 'This node generates the code and outputs it' },
			{
				name: 'From Input',
				value: 'input',
				description: 'A code made earlier, e.g. by OTP Verification → Issue; the output leaves it out, so it is not kept in plain text',
			},
		],
		displayOptions: pattern,
	},
	{
		displayName: 'Code',
		name: 'inputCode',
		type: 'string',
		required: true,
		default: '={{ $json.code }}',
		description: 'The code to send (4–10 letters or digits)',
		displayOptions: { show: { mode: ['pattern'], codeSource: ['input'] } },
	},
	{
		displayName: 'Code Length',
		name: 'codeLength',
		type: 'number',
		typeOptions: { minValue: 4, maxValue: 8, numberPrecision: 0 },
		default: 5,
		description: 'Digits of the generated code (4–8). Codes may start with 0; the output keeps them as text.',
		displayOptions: { show: { mode: ['pattern'], codeSource: ['generate'] } },
	},
];

interface OtpInput {
	mode: 'pattern' | 'providerCode';
	to: string;
	bodyId?: number;
	variables?: string[];
	codeLength?: number;
	/** A code from the input (Code Source "From Input"): sent, never output. */
	inputCode?: string;
}

function readInputCode(ctx: IExecuteFunctions, itemIndex: number): string {
	const code = toLatinDigits(String(ctx.getNodeParameter('inputCode', itemIndex, '') ?? '').trim());
	if (!/^[A-Za-z0-9]{4,10}$/.test(code)) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Code', code ? 'must be 4–10 letters or digits' : 'is empty', 'Map the code of the item, e.g. {{ $json.code }} after OTP Verification → Issue.');
	}
	return code;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem<OtpInput>(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const mode = this.getNodeParameter('mode', itemIndex, 'pattern') as OtpInput['mode'];
			const [to] = readMobileNumbers(this, itemIndex, { parameter: 'to', label: 'To', single: true });
			if (mode === 'providerCode') return { mode, to };
			const bodyId = readBodyId(this, itemIndex);
			const variables = readVariables(this, itemIndex, { parameter: 'variables', label: 'Variables' });
			if (variables.filter((v) => hasCodePlaceholder(v)).length !== 1) {
				throw invalidInput(this.getNode(), itemIndex, 'Variables', 'must contain "{code}" exactly once', 'For a template whose only variable is the code, use "{code}".');
			}
			if (this.getNodeParameter('codeSource', itemIndex, 'generate') === 'input') {
				return { mode, to, bodyId, variables, inputCode: readInputCode(this, itemIndex) };
			}
			const codeLength = Number(this.getNodeParameter('codeLength', itemIndex, 5));
			if (!Number.isInteger(codeLength) || codeLength < 4 || codeLength > 8) {
				throw invalidInput(this.getNode(), itemIndex, 'Code Length', `must be a whole number from 4 to 8, got ${String(codeLength)}`);
			}
			return { mode, to, bodyId, variables, codeLength };
		},
		run: async (input): Promise<IDataObject> => {
			if (input.mode === 'providerCode') {
				const code = await client.sendProviderOtp(this, input.to);
				return { to: input.to, code, mode: input.mode, status: 'accepted' };
			}
			const code = input.inputCode ?? generateNumericCode(input.codeLength as number);
			const variables = (input.variables as string[]).map((v) => fillCodeTemplate(v, code));
			const result = await settle(async () => await client.sendPattern(this, { to: input.to, bodyId: input.bodyId as number, variables }));
			if (input.inputCode !== undefined) {
				// The code belongs to a challenge whose store keeps only its hash: never repeated here.
				if (result instanceof ProviderError) throw result;
				return { to: input.to, recId: result, bodyId: input.bodyId, mode: input.mode, status: 'accepted' };
			}
			if (result instanceof ProviderError) {
				// When the SMS may have gone out, the code it carried is the one the recipient may type.
				throw result.ambiguous ? result.with({ description: `${result.description ?? ''}\nThe code sent, if it arrived, was ${code}.`.trim() }) : result;
			}
			return { to: input.to, code, recId: result, bodyId: input.bodyId, mode: input.mode, status: 'accepted' };
		},
	});
}
