import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest } from 'n8n-workflow';

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
