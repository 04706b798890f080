import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { checkEmail, checkLanguage, idText, languageDescription, readId, optionsField } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Update',
	description: "Change a user's email, name or language (WHMCS has no password field here: use Reset Password)",
	action: 'Update a user',
};

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		description: 'The WHMCS user ID (a login), not a client ID',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'New login email address' },
			{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'english', description: languageDescription },
			{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '' },
		],
	},
	optionsField([timeoutOption(SEND_AFTER_TIMEOUT)]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		// Setting the same values again changes nothing more, so WHMCS may get it again after a lost answer.
		sideEffect: true,
		read: (itemIndex) => {
			const user_id = readId(this, itemIndex, 'userId', 'User ID', 'user ID');
			const raw = this.getNodeParameter('updateFields', itemIndex, {}) as Record<string, unknown>;
			const fields: { firstname?: string; lastname?: string; email?: string; language?: string } = {};
			for (const key of ['firstname', 'lastname'] as const) {
				const value = String(raw[key] ?? '').trim();
				if (value) fields[key] = value;
			}
			if (String(raw.email ?? '').trim()) fields.email = checkEmail(this, itemIndex, 'Email', raw.email);
			if (String(raw.language ?? '').trim()) fields.language = checkLanguage(this, itemIndex, 'Language', raw.language);
			if (Object.keys(fields).length === 0) {
				throw invalidInput(this.getNode(), itemIndex, 'Update Fields', 'has nothing to update', 'Add an email, first name, last name or language.');
			}
			return { user_id, ...fields };
		},
		run: async (input, _itemIndex, request) => {
			const answer = await client.updateUser(request, input);
			const changed = Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'user_id'));
			return { user_id: idText(answer.user_id) || input.user_id, ...changed };
		},
	});
}
