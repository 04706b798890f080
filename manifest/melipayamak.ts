/** Melipayamak: node, trigger, one credential (the sandbox's `good` account, also a reseller), sandbox, demos, e2e cases. */
import { startMelipayamakSandbox, type MelipayamakSandbox } from '../sandbox/melipayamak';
import { defineProvider } from './types';

function curlPost(sandbox: MelipayamakSandbox, route: string, body: unknown): string {
	const json = JSON.stringify(body);
	return `curl -s -X POST ${sandbox.url}/__sandbox${route} -H 'Content-Type: application/json' -d '${json}'`;
}

/** A `melipayamakApi` credential for one of the sandbox's fixture accounts. */
function login(sb: MelipayamakSandbox, account: 'good') {
	return {
		username: sb.accounts[account].username,
		password: sb.accounts[account].password,
		consoleApiKey: sb.consoleKey,
		restBaseUrl: sb.restBaseUrl,
		soapBaseUrl: sb.soapBaseUrl,
		consoleBaseUrl: sb.consoleBaseUrl,
	};
}

export const melipayamak = defineProvider<MelipayamakSandbox>({
	id: 'melipayamak',
	title: 'Melipayamak',
	node: { name: 'melipayamak', file: 'nodes/Melipayamak/Melipayamak.node.ts' },
	trigger: { name: 'melipayamakTrigger', file: 'nodes/Melipayamak/MelipayamakTrigger.node.ts' },
	credentials: [
		{
			type: 'melipayamakApi',
			file: 'credentials/MelipayamakApi.credentials.ts',
			sandbox: {
				id: 'mpSandboxLogin000001',
				name: 'Melipayamak sandbox',
				data: (sb) => login(sb, 'good'),
				testable: true,
			},
		},
	],
	sandbox: {
		defaultPort: 47812,
		start: (options) => startMelipayamakSandbox({ port: options.port }),
		facts: (sb) => [
			['REST / SOAP / console', `${sb.restBaseUrl}/api/SendSMS/…  ${sb.soapBaseUrl}/{Send,Receive,Users}.asmx  ${sb.consoleBaseUrl}/send/otp/{key}`],
			['Accounts', Object.values(sb.accounts).map((a) => `${a.username} / ${a.password}`).join(', ')],
			['Lines and templates', '50002710000000 (dedicated), 50001060 (public: code 9); bodyId 1001 (1 variable), 1002 (2), 1003 (not approved)'],
			['Password recoveries', `curl -s ${sb.url}/__sandbox/password-recoveries`],
		],
	},
	capabilities: {
		inboundSms: (sb) => curlPost(sb, '/inbound', { from: '09121234567', to: '50002710000000', text: 'Hello from the sandbox' }),
		credit: (sb) => curlPost(sb, '/account', { username: 'good', credit: '500' }),
	},
	demo: {
		folder: 'demo/workflows/melipayamak',
		active: ['mpDemoInboundReply'],
		screenshot: 'mpDemoOtpStatus',
	},
	e2e: 'test/e2e/cases/melipayamak.ts',
});
