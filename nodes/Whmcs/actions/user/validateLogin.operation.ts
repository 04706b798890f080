import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ProviderError, settle } from '../../../shared/errors';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { flag, idText, optionsField, readEmail } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Validate Login',
	description: "Check a user's email and password",
	action: 'Validate a user login',
};

const INVALID = 'Email or Password Invalid';

export const description: INodeProperties[] = [
	{
		displayName:
			"A valid login starts a WHMCS session and updates the user's last-login time. WHMCS marks this call as superseded by single sign-on and OpenID Connect.",
		name: 'validateNotice',
		type: 'notice',
		default: '',
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: "The user's login email address" },
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The password to check; it never appears in the output',
	},
	optionsField([
		{
			displayName: 'Include Session Hash',
			name: 'includeSessionHash',
			type: 'boolean',
			default: false,
			description:
				"Whether to output WHMCS's password hash, a login session token (sent only when two-factor authentication is off). Treat it as a secret.",
		},
		timeoutOption(SEND_AFTER_TIMEOUT),
	]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const email = readEmail(this, itemIndex, 'email', 'Email');
			const password = this.getNodeParameter('password', itemIndex, '') as unknown;
			if (typeof password !== 'string' || password === '') throw invalidInput(this.getNode(), itemIndex, 'Password', 'is empty');
			const options = this.getNodeParameter('options', itemIndex, {}) as { includeSessionHash?: boolean };
			return { email, password, includeSessionHash: options.includeSessionHash === true };
		},
		run: async ({ email, password, includeSessionHash }, _itemIndex, request) => {
			const answer = await settle(async () => await client.validateLogin(request, { email, password }));
			// A wrong email or password is an answer, not a failure: `valid: false`.
			if (answer instanceof ProviderError) {
				if (answer.code === INVALID) return { valid: false, email, userid: '', twoFactorEnabled: false };
				throw answer;
			}
			const out: IDataObject = { valid: true, email, userid: idText(answer.userid), twoFactorEnabled: flag(answer.twoFactorEnabled) };
			if (includeSessionHash && typeof answer.passwordhash === 'string') out.passwordhash = answer.passwordhash;
			return out;
		},
	});
}
