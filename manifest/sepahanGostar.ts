/** SepahanGostar: node, trigger, two credentials (API key; panel login), sandbox, demos, e2e cases. */
import {
	startSepahanGostarSandbox,
	type SepahanGostarSandbox,
} from '../sandbox/sepahangostar';
import { defineProvider } from './types';

function curlPost(sandbox: SepahanGostarSandbox, route: string, body: unknown): string {
	const json = JSON.stringify(body);
	return `curl -s -X POST ${sandbox.url}/__sandbox${route} -H 'Content-Type: application/json' -d '${json}'`;
}

export const sepahanGostar = defineProvider<SepahanGostarSandbox>({
	id: 'sepahanGostar',
	title: 'SepahanGostar',
	node: { name: 'sepahanGostar', file: 'nodes/SepahanGostar/SepahanGostar.node.ts' },
	trigger: {
		name: 'sepahanGostarTrigger',
		file: 'nodes/SepahanGostar/SepahanGostarTrigger.node.ts',
	},
	credentials: [
		{
			type: 'sepahanGostarApi',
			file: 'credentials/SepahanGostarApi.credentials.ts',
			sandbox: {
				id: 'sgSandboxApiKey00001',
				name: 'SepahanGostar sandbox',
				data: (sb) => ({ baseUrl: sb.url, apiKey: sb.apiKey, ignoreSslIssues: false }),
				testable: true,
			},
		},
		{
			type: 'sepahanGostarPanelApi',
			file: 'credentials/SepahanGostarPanelApi.credentials.ts',
			sandbox: {
				id: 'sgSandboxPanel000001',
				name: 'SepahanGostar sandbox panel',
				data: (sb) => ({ baseUrl: sb.url, ...sb.panel, ignoreSslIssues: false }),
				testable: false,
			},
		},
	],
	sandbox: {
		defaultPort: 47811,
		start: (options) => startSepahanGostarSandbox({ port: options.port }),
		facts: (sb) => [
			['Sender lines', sb.senderLines.join(', ')],
			['Receiving lines', sb.receivingLines.join(', ')],
		],
	},
	capabilities: {
		apiKey: (sb) => sb.apiKey,
		inboundSms: (sb) =>
			curlPost(sb, '/inbound', {
				privateNumber: sb.receivingLines[0],
				sendNumber: '09121234567',
				text: 'Hello from the sandbox',
			}),
		credit: (sb) => curlPost(sb, '/credit', { value: 500 }),
	},
	demo: {
		folder: 'demo/workflows/sepahanGostar',
		active: ['sgDemoInboundReply'],
		screenshot: 'sgDemoCreditCheck',
	},
	e2e: 'test/e2e/cases/sepahanGostar.ts',
});
