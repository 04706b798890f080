import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

const DEFAULT_REST_BASE_URL = 'https://rest.payamak-panel.com';
const DEFAULT_SOAP_BASE_URL = 'https://api.payamak-panel.com/post';
const DEFAULT_CONSOLE_BASE_URL = 'https://console.melipayamak.com/api';

/** The REST base URL as the node reads it: trimmed, without trailing slashes or a pasted `/api…` path. */
const restBaseUrlExpression = `={{String($credentials.restBaseUrl || "${DEFAULT_REST_BASE_URL}").trim().replace(/\\/+$/, "").replace(/\\/api(\\/SendSMS)?\\/*$/i, "")}}`;

const failure = (key: string, value: unknown, message: string) => ({ type: 'responseSuccessBody' as const, properties: { key, value, message } });

/** Melipayamak panel login (legacy REST and SOAP, in the request body) and the optional console API key. */
export class MelipayamakApi implements ICredentialType {
	name = 'melipayamakApi';

	displayName = 'Melipayamak API';

	icon = { light: 'file:../icons/melipayamak.svg', dark: 'file:../icons/melipayamak.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-sms-otp/n8n-nodes-sms-otp#melipayamak';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Your Melipayamak (payamak-panel.com) panel username. For password recovery of your users, the reseller account.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The panel password, or the API key from the panel (web-service settings) used in its place. Accounts set to "API key only" refuse the real password (error -110).',
		},
		{
			displayName: 'Console API Key',
			name: 'consoleApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for OTP "Provider Code" mode: the key from console.melipayamak.com. It travels in the request URL and is never shown in outputs or errors.',
		},
		{
			displayName: 'REST Base URL',
			name: 'restBaseUrl',
			type: 'string',
			default: DEFAULT_REST_BASE_URL,
			description: 'Legacy REST service (send, pattern, delivery, credit). Change only for a reseller host or a test server.',
		},
		{
			displayName: 'SOAP Base URL',
			name: 'soapBaseUrl',
			type: 'string',
			default: DEFAULT_SOAP_BASE_URL,
			description: 'SOAP services (Send.asmx, Receive.asmx, Users.asmx): batch send, delivery, inbox, password recovery',
		},
		{
			displayName: 'Console Base URL',
			name: 'consoleBaseUrl',
			type: 'string',
			default: DEFAULT_CONSOLE_BASE_URL,
			description: 'Console API, used only by OTP "Provider Code" mode',
		},
	];

	/**
	 * `GetCredit`, a free read. Every answer is HTTP 200, so the rules read the body: a failed login
	 * is `RetStatus` 35 with `Value` "NULL" (or an account-security code).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: restBaseUrlExpression,
			url: '/api/SendSMS/GetCredit',
			method: 'POST',
			body: { username: '={{String($credentials.username).trim()}}', password: '={{$credentials.password}}' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			failure('Value', '-108', "Melipayamak error -108: this server's IP is blocked after repeated failed logins; wait, then check the password"),
			failure('Value', '-109', "Melipayamak error -109: the account needs an allowed-IP list; add this n8n server's IP in the panel"),
			failure('Value', '-110', 'Melipayamak error -110: this account only accepts its API key; put the API key in the Password field'),
			failure('Value', '-111', "Melipayamak error -111: this n8n server's IP is not in the account's allowed IPs"),
			failure('Value', 'NULL', 'Melipayamak: the username or password is wrong'),
			failure('Value', null, 'Melipayamak: the username or password is wrong'),
			failure('RetStatus', 35, 'Melipayamak refused the login (RetStatus 35, InvalidData)'),
			failure('RetStatus', undefined, 'The REST Base URL did not answer like the Melipayamak REST API (check the host)'),
		],
	};
}
