/**
 * Every provider sandbox, one row each. `npm run sandbox` (cli.ts), `npm start`
 * and the e2e suite loop over this table; a new provider is a new row here plus
 * its folder next to sepahangostar/.
 */
import { startSepahanGostarSandbox } from './sepahangostar';

/** Extend with the next providers' ids ('melipayamak' | 'amootSms' | ...). */
export type SandboxProviderId = 'sepahanGostar';

export interface RunningSandbox {
	url: string;
	apiKey: string;
	/** Data for an n8n credential of `credentialType` that points at this sandbox. */
	credentialData: Record<string, unknown>;
	/** A ready command that adds an inbound SMS. */
	howToAddInbound: string;
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
];

/** Environment variable that overrides a provider's port for the CLI: SANDBOX_PORT_<ID upper>. */
export function sandboxPortEnvVar(id: SandboxProviderId): string {
	return `SANDBOX_PORT_${id.toUpperCase()}`;
}
