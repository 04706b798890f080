import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Where the OTP Verification node keeps its challenges (a data table of this n8n instance, reached
 * through n8n's public API with an API key) and the key that hashes their codes.
 */
export class OtpVerificationApi implements ICredentialType {
	name = 'otpVerificationApi';

	displayName = 'OTP Verification Store API';

	icon = { light: 'file:../icons/otpVerification.svg', dark: 'file:../icons/otpVerification.dark.svg' } as const;

	documentationUrl = 'https://docs.n8n.io/api/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'n8n URL',
			name: 'n8nUrl',
			type: 'string',
			default: 'http://localhost:5678',
			required: true,
			placeholder: 'http://localhost:5678',
			description:
				"This n8n instance's address as n8n itself can reach it (the main instance; in queue mode the workers reach it too). The public API must be enabled (it is by default).",
		},
		{
			displayName: 'n8n API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API key from Settings → n8n API, with the scopes dataTable:list, dataTable:create, dataTableRow:read, dataTableRow:create, dataTableRow:update and dataTableRow:delete',
		},
		{
			displayName: 'Data Table Name',
			name: 'tableName',
			type: 'string',
			default: 'otp_challenges',
			required: true,
			description:
				"The data table that holds one row per phone number (its current challenge and send counters). Created in the API key owner's personal project on first use.",
		},
		// The key that makes stored hashes unguessable: a secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Code Hashing Key',
			name: 'hashingKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random secret (at least 16 characters). Codes are stored only as an HMAC-SHA256 under this key, so whoever reads the data table cannot recover or test them. Changing it invalidates the codes in flight.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the SSL certificate cannot be verified',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '').trim();
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-N8N-API-KEY': key } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.n8nUrl).trim().replace(/\\/+$/, "")}}/api/v1',
			url: '/data-tables',
			qs: { limit: 1 },
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
	};
}
