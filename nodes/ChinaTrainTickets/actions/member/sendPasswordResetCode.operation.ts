import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { optionsField, readOptional, timeoutOption, usernameField } from '../fields';
import { envelopeJson } from '../output';

export const option = {
	name: 'Send Password Reset Code',
	description:
		'Send a password reset verification code to a member (by username and/or phone number)',
	action: 'Send a password reset code',
};

const PHONE = /^\+?[0-9]{5,20}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const description: INodeProperties[] = [
	{
		displayName:
			'Every run can send an SMS to the member. After a timeout or an unclear answer the code is not sent again: the item says it may have been sent.',
		name: 'sendNotice',
		type: 'notice',
		default: '',
	},
	usernameField(
		'The member user name. Give it, the phone number, or both (they must then belong to the same member).',
		false,
	),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: '13800000000',
		description: "The member's mobile number as registered: digits, optionally with a leading +",
	},
	{
		displayName: 'Image Code',
		name: 'imageCode',
		type: 'string',
		default: '',
		placeholder: '={{ $JSON.imageCode }}',
		description:
			'The captcha text the member read off the image on a page that uses the same Client ID, for example from an n8n Form. Give it together with the Client ID.',
	},
	{
		displayName: 'Client ID (GUID)',
		name: 'clientId',
		type: 'string',
		default: '',
		placeholder: 'c395c016-ad85-40d9-963b-9255d4957d4c',
		description:
			'The client GUID the captcha image was issued to. Give it together with the Image Code.',
	},
	optionsField([timeoutOption]),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const node = this.getNode();
			const username = readOptional(this, itemIndex, 'username', 'Username');
			const phoneRaw = readOptional(this, itemIndex, 'phoneNumber', 'Phone Number');
			const phone = phoneRaw === undefined ? undefined : toLatinDigits(phoneRaw);
			const imgCode = readOptional(this, itemIndex, 'imageCode', 'Image Code');
			const clientId = readOptional(this, itemIndex, 'clientId', 'Client ID (GUID)');
			if (username === undefined && phone === undefined) {
				throw invalidInput(
					node,
					itemIndex,
					'Username',
					'and "Phone Number" are both empty',
					'Give the user name, the phone number, or both.',
				);
			}
			if (phone !== undefined && !PHONE.test(phone)) {
				throw invalidInput(
					node,
					itemIndex,
					'Phone Number',
					`is not a phone number: "${phoneRaw}"`,
					'Use 5 to 20 digits, optionally with a leading +, without spaces.',
				);
			}
			if (clientId !== undefined && !GUID.test(clientId)) {
				throw invalidInput(
					node,
					itemIndex,
					'Client ID (GUID)',
					`is not a GUID: "${clientId}"`,
					'A GUID looks like c395c016-ad85-40d9-963b-9255d4957d4c.',
				);
			}
			if ((imgCode === undefined) !== (clientId === undefined)) {
				const [given, missing] =
					imgCode === undefined
						? ['Client ID (GUID)', 'Image Code']
						: ['Image Code', 'Client ID (GUID)'];
				throw invalidInput(
					node,
					itemIndex,
					missing,
					`is empty while "${given}" is given`,
					'The captcha needs both: the image code and the client GUID it was issued to.',
				);
			}
			return {
				username,
				phone_number: phone,
				img_code: imgCode,
				client: clientId,
			} as client.SendCodeInput;
		},
		// `request` carries the item's Options → Timeout.
		run: async (input, _itemIndex, request) => {
			const answer = await client.sendCode(request, input);
			return envelopeJson(answer);
		},
	});
}
