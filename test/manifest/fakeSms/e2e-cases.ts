/** E2e cases of the fake provider row (loaded by path, as the suite loads every row's cases). */
import type { ProviderE2e } from '../../e2e/cases/types';

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'Send: one SMS',
			covers: 'sms.send',
			node: {
				type: 'n8n-nodes-sms-otp.fakeSms',
				parameters: { resource: 'sms', operation: 'send' },
			},
			check: () => undefined,
		},
	],
	errorCases: [],
	credentialTests: [
		{ title: 'the stored sandbox credential passes', type: 'fakeSmsApi', expectStatus: 'OK' },
	],
	demos: [],
	secrets: () => ['fake-secret-0123456789'],
};
