import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { checkLanguage, idText, languageDescription, readEmail, readRequiredText, optionsField } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Create',
	description: 'Add a user (a login that can later be given access to client accounts)',
	action: 'Create a user',
};

export const description: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstname', type: 'string', required: true, default: '' },
	{ displayName: 'Last Name', name: 'lastname', type: 'string', required: true, default: '' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The login email address' },
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The first password of the user; it never appears in the output',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'english', description: languageDescription }],
	},
	optionsField([timeoutOption(SEND_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const firstname = readRequiredText(this, itemIndex, 'firstname', 'First Name').trim();
			const lastname = readRequiredText(this, itemIndex, 'lastname', 'Last Name').trim();
			const email = readEmail(this, itemIndex, 'email', 'Email');
			const password = this.getNodeParameter('password', itemIndex, '') as unknown;
			if (typeof password !== 'string' || password === '') throw invalidInput(this.getNode(), itemIndex, 'Password', 'is empty');
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as { language?: string };
			const language = String(extra.language ?? '').trim() ? checkLanguage(this, itemIndex, 'Language', extra.language) : undefined;
			return { firstname, lastname, email, password, language };
		},
		run: async (input, _itemIndex, request) => {
			const answer = await client.addUser(request, input);
			return {
				user_id: idText(answer.user_id),
				firstname: input.firstname,
				lastname: input.lastname,
				email: input.email,
				...(input.language ? { language: input.language } : {}),
			};
		},
	});
}
