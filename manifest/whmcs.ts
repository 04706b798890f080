/** WHMCS: node, one credential (API identifier + secret, or legacy admin login), sandbox, demos, e2e cases. */
import { startWhmcsSandbox, type WhmcsSandbox } from '../sandbox/whmcs';
import { defineProvider } from './types';

export const whmcs = defineProvider<WhmcsSandbox>({
	id: 'whmcs',
	title: 'WHMCS',
	node: { name: 'whmcs', file: 'nodes/Whmcs/Whmcs.node.ts' },
	credentials: [
		{
			type: 'whmcsApi',
			file: 'credentials/WhmcsApi.credentials.ts',
			sandbox: {
				id: 'whmcsSandboxApi00001',
				name: 'WHMCS sandbox',
				data: (sb) => ({
					url: sb.url,
					authType: 'apiCredentials',
					identifier: sb.credential.identifier,
					secret: sb.credential.secret,
					accessKey: '',
					ignoreSslIssues: false,
				}),
				testable: true,
			},
		},
	],
	sandbox: {
		defaultPort: 47819,
		start: (options) => startWhmcsSandbox({ port: options.port }),
		facts: (sb) => [
			['API', `${sb.apiUrl} (identifier ${sb.credential.identifier})`],
			['Users to try', sb.users().map((u) => `${u.email} (user ${u.id})`).join(', ')],
			['Reset emails sent', `curl -s ${sb.url}/__sandbox/reset-emails`],
		],
	},
	capabilities: {},
	demo: {
		folder: 'demo/workflows/whmcs',
		active: ['whmcsDemoRecovery'],
		screenshot: 'whmcsDemoRecovery',
	},
	e2e: 'test/e2e/cases/whmcs.ts',
});
