/** ChinaTrainTickets: node (member password reset), one credential (signing key), sandbox, demos, e2e cases. */
import {
	DEFAULT_CAPTCHAS,
	DEFAULT_MEMBERS,
	startChinaTrainTicketsSandbox,
	type ChinaTrainTicketsSandbox,
} from '../sandbox/chinatraintickets';
import { defineProvider } from './types';

/** The code every sendcode issues in the sandbox `npm start` runs, so the two demos work in one click. */
const DEMO_CODE = '246810';

export const chinaTrainTickets = defineProvider<ChinaTrainTicketsSandbox>({
	id: 'chinaTrainTickets',
	title: 'ChinaTrainTickets',
	node: { name: 'chinaTrainTickets', file: 'nodes/ChinaTrainTickets/ChinaTrainTickets.node.ts' },
	credentials: [
		{
			type: 'chinaTrainTicketsApi',
			file: 'credentials/ChinaTrainTicketsApi.credentials.ts',
			sandbox: {
				id: 'cttSandboxSigning001',
				name: 'ChinaTrainTickets sandbox',
				data: (sb) => ({ baseUrl: sb.url, signingKey: sb.signingKey }),
				testable: true,
			},
		},
	],
	sandbox: {
		defaultPort: 47815,
		async start(options) {
			const sb = await startChinaTrainTicketsSandbox({ port: options.port });
			sb.setSwitches({ fixedCode: DEMO_CODE });
			return sb;
		},
		facts: (sb) => [
			['Signing key (test)', sb.signingKey],
			['Members', DEFAULT_MEMBERS.map((m) => `${m.username} (${m.phone_number})`).join(', ')],
			[
				'Captcha (client → image code)',
				Object.entries(DEFAULT_CAPTCHAS)
					.map(([client, code]) => `${client} → ${code}`)
					.join(', '),
			],
			[
				'Codes sent',
				`every code is ${DEMO_CODE} until POST /__sandbox/reset; curl -s ${sb.url}/__sandbox/outbox`,
			],
		],
	},
	// No API key (requests are signed), no inbox, no credit.
	capabilities: {},
	demo: { folder: 'demo/workflows/chinaTrainTickets' },
	e2e: 'test/e2e/cases/chinaTrainTickets.ts',
});
