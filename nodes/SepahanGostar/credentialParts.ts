import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import { BASE_URL_SUFFIXES, DEFAULT_BASE_URL } from './transport/client';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The credential test's base URL as an n8n expression that normalises exactly as the node's
 * `baseUrlOf` does (trailing slashes, then any run of the pasted suffixes).
 */
export const testBaseUrlExpression = `={{String($credentials.baseUrl || "${DEFAULT_BASE_URL}").trim().replace(/\\/+$/, "").replace(/(?:\\/+(?:${BASE_URL_SUFFIXES.map((suffix) => escapeRegExp(suffix.slice(1))).join('|')}))+\\/*$/i, "")}}`;

/** Fields both SepahanGostar credentials have (the API key and the panel login). */
export const baseUrlField: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: DEFAULT_BASE_URL,
	placeholder: DEFAULT_BASE_URL,
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
			baseURL: testBaseUrlExpression,
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
