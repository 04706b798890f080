/**
 * The demo table: one row per provider. `npm start` and the e2e suite loop over it, so a new provider
 * is a new row here, its sandbox in test/sandbox/registry.ts, and its workflows in demo/workflows/<id>/.
 */
import * as path from 'node:path';

import { sandboxProviders, type RunningSandbox as SandboxHandle, type SandboxProvider } from '../test/sandbox/registry';
import { DEFAULT_PANEL } from '../test/sandbox/sepahangostar/constants';

export type { SandboxHandle, SandboxProvider };

export interface DemoCredential {
	/** Fixed id, so demo and e2e workflows can reference it. At most 36 characters. */
	id: string;
	name: string;
	type: string;
	data(sandbox: SandboxHandle): Record<string, unknown>;
	/** Whether n8n's credential test applies (types without a `test` are skipped). */
	testable: boolean;
}

export interface DemoProvider {
	/** The sandbox's id in test/sandbox/registry.ts. */
	sandboxId: string;
	credentials: DemoCredential[];
	/** Folder with this provider's demo workflows (n8n export format, one workflow per file). */
	workflowsDir: string;
	/** Ids of the demo workflows that `npm start` activates. */
	activeWorkflowIds: string[];
}

export const demoProviders: DemoProvider[] = [
	{
		sandboxId: 'sepahanGostar',
		credentials: [
			{
				id: 'sgSandboxApiKey00001',
				name: 'SepahanGostar sandbox',
				type: 'sepahanGostarApi',
				data: (sandbox) => sandbox.credentialData,
				testable: true,
			},
			{
				id: 'sgSandboxPanel000001',
				name: 'SepahanGostar sandbox panel',
				type: 'sepahanGostarPanelApi',
				data: (sandbox) => ({ baseUrl: sandbox.url, ...DEFAULT_PANEL, ignoreSslIssues: false }),
				testable: false,
			},
		],
		workflowsDir: path.join(__dirname, 'workflows', 'sepahanGostar'),
		activeWorkflowIds: ['sgDemoInboundReply'],
	},
];

export function sandboxFor(provider: DemoProvider): SandboxProvider {
	const sandbox = sandboxProviders.find((s) => s.id === provider.sandboxId);
	if (!sandbox) throw new Error(`demo/providers.ts names sandbox "${provider.sandboxId}", which test/sandbox/registry.ts lacks`);
	return sandbox;
}
