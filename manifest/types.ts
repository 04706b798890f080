/**
 * The shape of one provider's row in the manifest (`manifest/index.ts` lists the rows).
 *
 * A row says what the package ships for a provider (node, optional trigger, credentials), how to
 * start its emulator, what the emulator can do (optional capabilities), and where its demo
 * workflows and e2e cases are. `package.json`'s `n8n` section, `npm start`, `npm run sandbox`,
 * the e2e suite and `npm run screenshots` read the rows; none of them names a provider.
 *
 * Paths are relative to the repository root. Files above the manifest in the dependency order
 * (demo workflows, e2e cases) are named by path, never imported, so that the manifest only
 * imports the emulators below it (see test/manifest/imports.test.ts).
 */

/** What every running emulator offers; a provider's handle adds its own helpers. */
export interface SandboxHandle {
	/** 'http://127.0.0.1:<port>' */
	url: string;
	close(): Promise<void>;
}

export interface NodeEntry {
	/** The node type's `description.name`, e.g. 'sepahanGostar'. */
	name: string;
	/** Source file; its class is named after the file, e.g. 'nodes/SepahanGostar/SepahanGostar.node.ts'. */
	file: string;
}

/** A credential of this type, stored in n8n by `npm start` and the e2e suite, pointing at the sandbox. */
export interface SandboxCredential<H extends SandboxHandle> {
	/** Fixed id, so demo and e2e workflows can reference it. At most 36 characters. */
	id: string;
	name: string;
	data(sandbox: H): Record<string, unknown>;
	/** Whether n8n's credential test applies (types without a `test` are skipped). */
	testable: boolean;
}

export interface CredentialEntry<H extends SandboxHandle> {
	/** The credential type's `name`, e.g. 'sepahanGostarApi'. */
	type: string;
	/** Source file; its class is named after the file, e.g. 'credentials/SepahanGostarApi.credentials.ts'. */
	file: string;
	sandbox: SandboxCredential<H>;
}

/**
 * What the provider's API (and so its emulator) can do, beyond sending. Each is optional; the
 * scripts and the e2e suite print or run only what a row declares.
 */
export interface Capabilities<H extends SandboxHandle> {
	/** One API key authenticates the calls: the sandbox's test key, printed by `npm run sandbox`. */
	apiKey?(sandbox: H): string;
	/** The provider receives SMS: a ready shell command that adds an inbound SMS to the sandbox. */
	inboundSms?(sandbox: H): string;
	/** The provider reports credit: a ready shell command that sets the sandbox's balance. */
	credit?(sandbox: H): string;
}

export interface DemoWorkflows {
	/** Folder with the demo workflows (n8n export format, one workflow per `.json` file). */
	folder: string;
	/** Ids of the workflows `npm start` activates (triggers). */
	active?: string[];
	/** Id of the workflow `npm run screenshots` shows, with the node's operation list. */
	screenshot?: string;
	/** Ready commands that try the active demos, printed by `npm start` (e.g. curl to a webhook). */
	tryIt?(urls: { n8n: string; sandbox(rowId: string): string | undefined }): string[];
}

/** The running n8n, as a row's `afterStart` sees it (the owner is logged in). */
export interface N8nAccess {
	/** 'http://127.0.0.1:<port>', the address n8n itself can be reached at. */
	url: string;
	/** A call to n8n's internal REST API (`/rest<route>`, owner cookie); `{data}` answers unwrapped. */
	request<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
}

export interface ProviderRow<H extends SandboxHandle = SandboxHandle> {
	/** The node's name; also the word in the sandbox port variable (`SANDBOX_PORT_<ID>`). */
	id: string;
	/** The node's display name, e.g. 'SepahanGostar'. */
	title: string;
	node: NodeEntry;
	trigger?: NodeEntry;
	credentials: Array<CredentialEntry<H>>;
	sandbox: {
		/** Port on 127.0.0.1 for `npm start` and `npm run sandbox`; unique among the rows. */
		defaultPort: number;
		start(options: { port?: number }): Promise<H>;
		/** Extra lines `npm run sandbox` prints, e.g. test lines or accounts. Sandbox values only. */
		facts?(sandbox: H): Array<[label: string, value: string]>;
	};
	capabilities: Capabilities<H>;
	demo?: DemoWorkflows;
	/** Module exporting `cases: ProviderE2e` (test/e2e/cases/types.ts), e.g. 'test/e2e/cases/<id>.ts'. */
	e2e?: string;
	/**
	 * Runs once n8n is up, before demo workflows are activated, for what only a running n8n can
	 * make (e.g. an API key, stored into the row's credential). `npm start` and the e2e suite call it.
	 */
	afterStart?(n8n: N8nAccess, sandbox: H): Promise<void>;
}

/** Checks a row against its own sandbox handle type, and returns it as a row of the list. */
export function defineProvider<H extends SandboxHandle>(row: ProviderRow<H>): ProviderRow {
	return row as unknown as ProviderRow;
}
