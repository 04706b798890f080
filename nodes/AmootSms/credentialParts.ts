import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest } from 'n8n-workflow';

import { AMOOT_STATUSES, credentialTestMessage } from './transport/codes';
import { DEFAULT_BASE_URL } from './transport/client';

/**
 * The credential test's base URL as an n8n expression that normalises exactly as the node's
 * `baseUrlOf` does: trailing slashes dropped, a bare host gets `/rest`.
 */
export const testBaseUrlExpression = `={{String($credentials.baseUrl || "${DEFAULT_BASE_URL}").trim().replace(/\\/+$/, "").replace(/^(https?:\\/\\/[^\\/]+)$/i, "$1/rest")}}`;

/**
 * The credential test: `AccountStatus`, free and without side effects. Every AmootSMS answer is
 * HTTP 200, so one rule per failing status names the exact problem (n8n 2.8.4 applies only
 * `responseSuccessBody` rules), and a last rule catches a host that is not the AmootSMS API.
 */
export function accountStatusTest(): ICredentialTestRequest {
	const rules: IAuthenticateRuleResponseSuccessBody[] = AMOOT_STATUSES.filter(
		(status) => status.class !== 'success',
	).map((status) => ({
		type: 'responseSuccessBody',
		properties: {
			key: 'Status',
			value: status.title,
			message: `AmootSMS: ${credentialTestMessage(status.title)}`,
		},
	}));
	return {
		request: {
			baseURL: testBaseUrlExpression,
			url: '/AccountStatus',
			method: 'POST',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			...rules,
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'Status',
					value: undefined,
					message:
						'The Base URL did not answer like the AmootSMS REST API (check the host and the /rest path)',
				},
			},
		],
	};
}
