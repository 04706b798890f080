import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** Fields both SepahanGostar credentials have (the API key and the panel login). */
export const baseUrlField: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: 'https://api.sepahansms.com',
	placeholder: 'https://api.sepahansms.com',
	description: 'The Web API host. Resellers use their own, for example https://api.flashsms.ir.',
};

export const ignoreSslIssuesField: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'ignoreSslIssues',
	type: 'boolean',
	default: false,
	description:
		'Whether to connect even if the SSL certificate cannot be verified. Some SepahanGostar hosts have served an expired certificate or an incomplete chain; turn this on only for such a host.',
};

/**
 * The credential test request: `credit`, free and without side effects. Every SepahanGostar error
 * comes with HTTP 401, and n8n 2.8.4 ignores `responseCode` rules, so the answer is read without
 * failing on the status and the rules look at its body.
 */
export function creditTestRequest(rules: IAuthenticateRuleResponseSuccessBody[]): ICredentialTestRequest {
	return {
		request: {
			baseURL: '={{String($credentials.baseUrl || "https://api.sepahansms.com").trim().replace(/\\/+$/, "").replace(/\\/(api|swagger)$/i, "")}}',
			url: '/api/SmsReport/credit',
			method: 'GET',
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues === true}}',
		},
		rules: [
			...rules,
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'isSuccess',
					value: undefined,
					message: 'The Base URL did not answer like the SepahanGostar Web API (check the host)',
				},
			},
		],
	};
}
