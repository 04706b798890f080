import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { accountStatusTest } from '../nodes/AmootSms/credentialParts';
import { DEFAULT_BASE_URL } from '../nodes/AmootSms/transport/client';

/** AmootSMS REST token, sent raw in the `Authorization` header (no `Bearer`), never in a URL. */
export class AmootSmsApi implements ICredentialType {
	name = 'amootSmsApi';

	displayName = 'AmootSMS API';

	icon = { light: 'file:../icons/amootSms.svg', dark: 'file:../icons/amootSms.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-sms-otp/n8n-nodes-sms-otp#amootsms';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"A token from the AmootSMS panel (Web service → Tokens). If the token has allowed IPs or allowed methods, they must include this n8n server's outgoing IP and the methods you use (the credential test calls AccountStatus).",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			placeholder: DEFAULT_BASE_URL,
			description: 'The REST address. Change it only for a test server.',
		},
	];

	// A function rather than a header expression: pasted tokens often carry spaces or "Bearer ".
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.token ?? '')
			.trim()
			.replace(/^Bearer\s+/i, '');
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: token } };
	}

	test: ICredentialTestRequest = accountStatusTest();
}
