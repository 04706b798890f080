/**
 * Every provider sandbox, one row each. `npm run sandbox` (cli.ts), `npm start`
 * and the e2e suite loop over this table; a new provider is a new row here plus
 * its folder next to sepahangostar/.
 */
import { startChinaTrainTicketsSandbox } from './chinatraintickets';
import { startSepahanGostarSandbox } from './sepahangostar';

/** Extend with the next providers' ids ('melipayamak' | 'amootSms' | ...). */
export type SandboxProviderId = 'sepahanGostar' | 'chinaTrainTickets';

export interface RunningSandbox {
	url: string;
	/** The sandbox's test secret (an API key, or a signing key): printed, and checked absent from executions. */
	apiKey: string;
	/** How the CLI names `apiKey` (default "API key (test)"). */
	apiKeyLabel?: string;
	/** Data for an n8n credential of `credentialType` that points at this sandbox. */
	credentialData: Record<string, unknown>;
	/** A ready command that adds an inbound SMS; empty for a provider without an inbox. */
	howToAddInbound: string;
	/** Further lines to print: how to try a provider without an inbox. */
	notes?: string[];
	close(): Promise<void>;
}

export interface SandboxProvider {
	id: SandboxProviderId;
	title: string;
	defaultPort: number;
	credentialType: string;
	start(opts: { port?: number }): Promise<RunningSandbox>;
}

export const sandboxProviders: SandboxProvider[] = [
	{
		id: 'sepahanGostar',
		title: 'SepahanGostar',
		defaultPort: 47811,
		credentialType: 'sepahanGostarApi',
		async start(opts) {
			const sb = await startSepahanGostarSandbox({ port: opts.port });
			const body = JSON.stringify({ privateNumber: sb.receivingLines[0], sendNumber: '09121234567', text: 'Hello from the sandbox' });
			return {
				url: sb.url,
				apiKey: sb.apiKey,
				credentialData: { baseUrl: sb.url, apiKey: sb.apiKey, ignoreSslIssues: false },
				howToAddInbound: `curl -s -X POST ${sb.url}/__sandbox/inbound -H 'Content-Type: application/json' -d '${body}'`,
				close: () => sb.close(),
			};
		},
	},
	{
		id: 'chinaTrainTickets',
		title: 'ChinaTrainTickets',
		defaultPort: 47815,
		credentialType: 'chinaTrainTicketsApi',
		async start(opts) {
			const sb = await startChinaTrainTicketsSandbox({ port: opts.port });
			// One-click demos: every code is 246810 until the sandbox is reset.
			sb.setSwitches({ fixedCode: '246810' });
			return {
				url: sb.url,
				apiKey: sb.signingKey,
				apiKeyLabel: 'Signing key (test)',
				credentialData: { baseUrl: sb.url, signingKey: sb.signingKey },
				howToAddInbound: '',
				notes: [
					'Members: traveller01, traveller02, 旅客三; captcha: client c395c016-ad85-40d9-963b-9255d4957d4c, image code 7K3P.',
					'Every code sent is 246810 (until POST /__sandbox/reset). Codes sent:',
					`  curl -s ${sb.url}/__sandbox/outbox`,
				],
				close: () => sb.close(),
			};
		},
	},
];

/** Environment variable that overrides a provider's port for the CLI: SANDBOX_PORT_<ID upper>. */
export function sandboxPortEnvVar(id: SandboxProviderId): string {
	return `SANDBOX_PORT_${id.toUpperCase()}`;
}
