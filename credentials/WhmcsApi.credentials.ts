import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * WHMCS API access. Every value travels in the POST body of `includes/api.php` (the node adds
 * them; the legacy admin password as its MD5). Tested by the WHMCS node (`WhmcsDetails`).
 */
export class WhmcsApi implements ICredentialType {
	name = 'whmcsApi';

	displayName = 'WHMCS API';

	icon = { light: 'file:../icons/whmcs.svg', dark: 'file:../icons/whmcs.dark.svg' } as const;

	documentationUrl = 'https://developers.whmcs.com/api/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'WHMCS URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://billing.example.com',
			description:
				'The root of your WHMCS installation (e.g. https://example.com/whmcs), or its full …/includes/api.php URL. https:// is required, except for localhost.',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'API Credentials', value: 'apiCredentials', description: 'An identifier and secret from Setup > Staff Management > Manage API Credentials' },
				{ name: 'Admin Login (Legacy)', value: 'adminLogin', description: 'An admin username and password (WHMCS before 7.2; may be removed by WHMCS)' },
			],
			default: 'apiCredentials',
		},
		// The identifier is half of the API credential: kept out of sight like the secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'API Identifier',
			name: 'identifier',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['apiCredentials'] } },
			description:
				"The credential's identifier. Its API role must allow the actions the workflow uses: ResetPassword, GetUsers, GetClientsDetails, UpdateUser, AddUser, ValidateLogin, CreateSsoToken, SendEmail, and WhmcsDetails for this test.",
		},
		{
			displayName: 'API Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['apiCredentials'] } },
		},
		{
			displayName: 'Admin Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['adminLogin'] } },
		},
		{
			displayName: 'Admin Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['adminLogin'] } },
			description: 'The plain password; the node sends only its MD5, as WHMCS expects',
		},
		// The access key lets any IP address call the API: a secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only if your configuration.php sets $api_access_key: it lets n8n call the API from an IP address that is not on WHMCS's API IP allow list. Letters, digits and ! @ # $ % . ( ) * [ ] - _.",
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the SSL certificate cannot be verified (a self-signed certificate on your own server)',
		},
	];
}
