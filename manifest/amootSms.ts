/** AmootSMS: node, trigger, one credential (REST token), sandbox, demos, e2e cases. */
import { startAmootSmsSandbox, type AmootSmsSandbox } from '../sandbox/amootsms';
import { defineProvider } from './types';

function curlPost(sandbox: AmootSmsSandbox, route: string, body: unknown): string {
	const json = JSON.stringify(body);
	return `curl -s -X POST ${sandbox.url}/__sandbox${route} -H 'Content-Type: application/json' -d '${json}'`;
}

export const amootSms = defineProvider<AmootSmsSandbox>({
	id: 'amootSms',
	title: 'AmootSMS',
	node: { name: 'amootSms', file: 'nodes/AmootSms/AmootSms.node.ts' },
	trigger: { name: 'amootSmsTrigger', file: 'nodes/AmootSms/AmootSmsTrigger.node.ts' },
	credentials: [
		{
			type: 'amootSmsApi',
			file: 'credentials/AmootSmsApi.credentials.ts',
			sandbox: {
				id: 'amSandboxToken000001',
				name: 'AmootSMS sandbox',
				data: (sb) => ({ baseUrl: sb.baseUrl, token: sb.token }),
				testable: true,
			},
		},
	],
	sandbox: {
		defaultPort: 47816,
		start: (options) => startAmootSmsSandbox({ port: options.port }),
		facts: (sb) => [
			['Base URL (REST)', sb.baseUrl],
			['Lines', sb.account().lines.join(', ')],
			['Receiving lines', sb.account().receivingLines.join(', ')],
			['Blacklisted recipient', `0${sb.blacklistedMobile}`],
			[
				'Other test tokens',
				`GET ${sb.url}/__sandbox/state (disabled, expired, IP- and method-restricted, demo, no credit)`,
			],
		],
	},
	capabilities: {
		apiKey: (sb) => sb.token,
		inboundSms: (sb) =>
			curlPost(sb, '/inbound', {
				mobile: '09121234567',
				lineNumber: sb.dedicatedLine,
				text: 'Hello from the sandbox',
			}),
		credit: (sb) => curlPost(sb, '/credit', { value: 500 }),
	},
	demo: {
		folder: 'demo/workflows/amootSms',
		active: ['amDemoInboundReply'],
		screenshot: 'amDemoOtpDelivery',
	},
	e2e: 'test/e2e/cases/amootSms.ts',
});
