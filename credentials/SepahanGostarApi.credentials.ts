import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlField, creditTestRequest, ignoreSslIssuesField } from '../nodes/SepahanGostar/credentialParts';

/** SepahanGostar Web API token, sent raw in the `Authorization` header (no `Bearer`). */
export class SepahanGostarApi implements ICredentialType {
	name = 'sepahanGostarApi';

	displayName = 'SepahanGostar API';

	icon = { light: 'file:../icons/sepahanGostar.svg', dark: 'file:../icons/sepahanGostar.dark.svg' } as const;

	documentationUrl = 'https://api.sepahansms.com/swagger';

	properties: INodeProperties[] = [
		baseUrlField,
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The token from the panel's Web settings → Generate token (with its status ticked), or from the Generate API Key operation. If the token has allowed IPs, they must include this n8n server's outgoing IP, which changes on n8n Cloud.",
		},
		ignoreSslIssuesField,
	];

	// A function rather than a header expression: pasted tokens often carry spaces or "Bearer ".
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.apiKey ?? '')
			.trim()
			.replace(/^Bearer\s+/i, '');
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: token } };
	}

	// Rules name the provider's code; the host check is added by creditTestRequest.
	test: ICredentialTestRequest = creditTestRequest([
		{ type: 'responseSuccessBody', properties: { key: 'error.code', value: -1, message: 'SepahanGostar error -1: the API key is invalid' } },
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'error.code',
				value: -2,
				message: 'SepahanGostar error -2: the API key is not approved or not active (tick its status in the panel)',
			},
		},
		{
			type: 'responseSuccessBody',
			properties: { key: 'error.code', value: -3, message: "SepahanGostar error -3: this n8n server's IP is not in the token's allowed IPs" },
		},
		{ type: 'responseSuccessBody', properties: { key: 'error.code', value: -22, message: "SepahanGostar error -22: this n8n server's IP is blocked" } },
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'isSuccess',
				value: false,
				message: 'SepahanGostar rejected the request (the account or its web service may be inactive or expired)',
			},
		},
	]);
}
