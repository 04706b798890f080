import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { optionsField, readOptionalId } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Create SSO Token',
	description: 'Create a single-use link that signs a user in to the client area (full access, 60 seconds)',
	action: 'Create a single sign on token',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'The token signs in to the client area with complete access to the account, for at most 60 seconds, without captcha or two-factor authentication. Create it only after your workflow has verified who is asking, and hand it only to that person: never log it.',
		name: 'ssoNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		placeholder: '1',
		description: 'The client account to sign in to. Give a client ID, a user ID, or both.',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: '1',
		description: "The user to sign in as (default: the client's owner). Alone, WHMCS picks a client of this user.",
	},
	optionsField([
		{
			displayName: 'Destination',
			name: 'destination',
			type: 'string',
			default: '',
			placeholder: 'clientarea:services',
			description:
				'Where the link lands, in WHMCS\'s short form (clientarea:services, clientarea:invoices, clientarea:product_details, sso:custom_redirect, …). Empty: the client area home.',
		},
		{ displayName: 'Domain ID', name: 'domainId', type: 'string', default: '', description: 'For domain destinations' },
		{
			displayName: 'Redirect Path',
			name: 'ssoRedirectPath',
			type: 'string',
			default: '',
			placeholder: '/cart.php?a=view',
			description: 'For the destination sso:custom_redirect: a path on your WHMCS installation, starting with /',
		},
		{ displayName: 'Service ID', name: 'serviceId', type: 'string', default: '', description: 'For service destinations such as clientarea:product_details' },
		timeoutOption(SEND_AFTER_TIMEOUT),
	]),
];

const DESTINATION_RE = /^[a-z_]+:[a-z_]+$/;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const client_id = readOptionalId(this, itemIndex, 'clientId', 'Client ID', 'client ID');
			const user_id = readOptionalId(this, itemIndex, 'userId', 'User ID', 'user ID');
			if (!client_id && !user_id) throw invalidInput(this.getNode(), itemIndex, 'Client ID', 'and "User ID" are both empty', 'Give a client ID, a user ID, or both.');
			const options = this.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
			const destination = String(options.destination ?? '').trim();
			if (destination && !DESTINATION_RE.test(destination)) {
				throw invalidInput(this.getNode(), itemIndex, 'Destination', `is not a WHMCS destination: "${destination}"`, 'Use the short form, e.g. clientarea:services.');
			}
			const path = String(options.ssoRedirectPath ?? '').trim();
			if (path && (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(path))) {
				throw invalidInput(this.getNode(), itemIndex, 'Redirect Path', `must be a path on your WHMCS installation starting with /, got "${path}"`);
			}
			const optionalId = (name: string, label: string, noun: string) => {
				const raw = String(options[name] ?? '').trim();
				if (!raw) return undefined;
				if (!/^[1-9][0-9]{0,18}$/.test(raw)) throw invalidInput(this.getNode(), itemIndex, label, `must be a positive whole number, got "${raw}"`, `The ${noun} is a whole number such as 1.`);
				return raw;
			};
			return {
				client_id,
				user_id,
				destination: destination || (path ? 'sso:custom_redirect' : undefined),
				service_id: optionalId('serviceId', 'Service ID', 'service ID'),
				domain_id: optionalId('domainId', 'Domain ID', 'domain ID'),
				sso_redirect_path: path || undefined,
			};
		},
		run: async (input, _itemIndex, request) => {
			const answer = await client.createSsoToken(request, input);
			return {
				access_token: String(answer.access_token ?? ''),
				redirect_url: String(answer.redirect_url ?? ''),
				valid_for_seconds: client.SSO_TOKEN_TTL_SECONDS,
			};
		},
	});
}
