import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { parallelRequestsField } from '../../../shared/fields';
import { readMobileNumbers, readText } from '../../../shared/inputs';
import { OTP_MAX_LENGTH, OTP_MIN_LENGTH, fillCodeTemplate, generateNumericCode, hasCodePlaceholder } from '../../../shared/otp';
import { invalidInput } from '../../../shared/validation';
import { messageField, optionsField, readSendSettings, readSenderLine, recipientField, requestIdOption, senderLineField, timeoutOption } from '../fields';
import * as client from '../../transport/client';
import { sendInBatches } from './sendBatches';

export const option = {
	name: 'Send OTP',
	description: 'Generate a one-time code and send it; outputs the code and message ID',
	action: 'Send a one time code',
};

export const description: INodeProperties[] = [
	senderLineField('One of your active, verified lines'),
	recipientField('09121234567', 'The mobile number that receives the code (one per item)'),
	{
		displayName: 'Code Source',
		name: 'codeSource',
		type: 'options',
		options: [
			{ name: 'Generate', value: 'generate', description: 'This node generates the code and outputs it' },
			{
				name: 'From Input',
				value: 'input',
				description: "A code made earlier, e.g. by OTP Verification → Issue; the output leaves it out, so it is not kept in plain text",
			},
		],
		default: 'generate',
	},
	{
		displayName: 'Code',
		name: 'inputCode',
		type: 'string',
		default: '={{ $json.code }}',
		required: true,
		displayOptions: { show: { codeSource: ['input'] } },
		description: 'The code to send (4–10 letters or digits)',
	},
	{
		displayName: 'Code Length',
		name: 'codeLength',
		displayOptions: { show: { codeSource: ['generate'] } },
		type: 'number',
		typeOptions: { minValue: OTP_MIN_LENGTH, maxValue: OTP_MAX_LENGTH },
		default: 6,
		description: 'Digits in the generated code (4–10). The code comes from a cryptographically secure generator.',
	},
	messageField('The text; {code} is replaced by the code', 'Your verification code is {code}', 2),
	parallelRequestsField(client.MAX_PARALLEL_REQUESTS),
	optionsField([
		{
			displayName: 'Code',
			name: 'code',
			type: 'string',
			default: '',
			description: 'Send this code instead of generating one (4–10 letters or digits)',
		},
		requestIdOption,
		timeoutOption,
	]),
];

function readCode(ctx: IExecuteFunctions, itemIndex: number): string {
	if (ctx.getNodeParameter('codeSource', itemIndex, 'generate') === 'input') {
		const fromInput = toLatinDigits(String(ctx.getNodeParameter('inputCode', itemIndex, '') ?? '').trim());
		if (!/^[A-Za-z0-9]{4,10}$/.test(fromInput)) {
			throw invalidInput(ctx.getNode(), itemIndex, 'Code', fromInput ? 'must be 4–10 letters or digits' : 'is empty', 'Map the code of the item, e.g. {{ $json.code }} after OTP Verification → Issue.');
		}
		return fromInput;
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const given = toLatinDigits(String(options.code ?? '').trim());
	if (given) {
		if (!/^[A-Za-z0-9]{4,10}$/.test(given)) {
			throw invalidInput(ctx.getNode(), itemIndex, 'Code', 'must be 4–10 letters or digits');
		}
		return given;
	}
	const length = ctx.getNodeParameter('codeLength', itemIndex, 6) as number;
	if (!Number.isInteger(length) || length < OTP_MIN_LENGTH || length > OTP_MAX_LENGTH) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Code Length', `must be a whole number from ${OTP_MIN_LENGTH} to ${OTP_MAX_LENGTH}, got ${String(length)}`);
	}
	return generateNumericCode(length);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Each code makes its own text, so codes travel per recipient (sendP2P): 100 per request.
	return await sendInBatches(this, items.length, 'perRecipient', (itemIndex) => {
		const from = readSenderLine(this, itemIndex);
		const template = readText(this, itemIndex, { parameter: 'message', label: 'Message' });
		if (!hasCodePlaceholder(template)) {
			throw invalidInput(this.getNode(), itemIndex, 'Message', 'has no {code} placeholder', 'Write {code} where the code should appear.');
		}
		const [to] = readMobileNumbers(this, itemIndex, { parameter: 'to', label: 'To', single: true });
		const code = readCode(this, itemIndex);
		// A code from the input belongs to a challenge whose store keeps only its hash: not output again.
		const fromInput = this.getNodeParameter('codeSource', itemIndex, 'generate') === 'input';
		return [{ itemIndex, from, to, text: fillCodeTemplate(template, code), settings: readSendSettings(this, itemIndex), extra: fromInput ? {} : { code } }];
	});
}
