import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { baseUrlField, creditTestRequest, ignoreSslIssuesField } from '../nodes/SepahanGostar/credentialParts';

/**
 * Panel login, used only by the Generate API Key operation. Its test checks the host only: the one
 * endpoint that accepts the login creates a new token on every call.
 */
export class SepahanGostarPanelApi implements ICredentialType {
	name = 'sepahanGostarPanelApi';

	displayName = 'SepahanGostar Panel Login API';

	icon = { light: 'file:../icons/sepahanGostar.svg', dark: 'file:../icons/sepahanGostar.dark.svg' } as const;

	documentationUrl = 'https://api.sepahansms.com/swagger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Used only by the Generate API Key operation. Testing checks that the Base URL is a SepahanGostar Web API; the username and password are checked on first use, because the only endpoint that takes them creates a new token every time.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		baseUrlField,
		{
			displayName: 'Username',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			description: 'The SMS panel username',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The SMS panel password',
		},
		{
			displayName: 'Domain Name',
			name: 'domainName',
			type: 'string',
			default: 'sepahansms',
			description: "The panel's domain without its suffix: for sepahansms.com enter sepahansms",
		},
		ignoreSslIssuesField,
	];

	// Host check only (see the class comment).
	test: ICredentialTestRequest = creditTestRequest([]);
}
