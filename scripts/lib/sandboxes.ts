/**
 * The provider sandboxes as the manifest declares them: their ports, starting and stopping them,
 * and what `npm run sandbox` and `npm start` print about each. Nothing here names a provider;
 * what is printed follows the capabilities a row declares.
 */
import { providers as manifestRows, type ProviderRow, type SandboxHandle } from '../../manifest';
import { UserFacingError } from './log';
import type { PortNeed } from './ports';

export interface RunningSandbox {
	row: ProviderRow;
	handle: SandboxHandle;
}

/** The variable that moves a provider's sandbox port: SANDBOX_PORT_<ID in upper case>. */
export function sandboxPortEnvVar(row: Pick<ProviderRow, 'id'>): string {
	return `SANDBOX_PORT_${row.id.toUpperCase()}`;
}

/**
 * The port from `SANDBOX_PORT_<ID>`, else the row's default. `allowAny` accepts 0 (any free port),
 * which `npm run sandbox` allows and `npm start` does not (it checks its ports before starting).
 */
export function sandboxPort(
	row: ProviderRow,
	options: { env?: NodeJS.ProcessEnv; allowAny?: boolean } = {},
): number {
	const name = sandboxPortEnvVar(row);
	const raw = (options.env ?? process.env)[name];
	if (raw === undefined || raw.trim() === '') return row.sandbox.defaultPort;
	const port = Number(raw.trim());
	const min = options.allowAny ? 0 : 1;
	if (!Number.isInteger(port) || port < min || port > 65535) {
		throw new UserFacingError(
			`${name}=${JSON.stringify(raw)} is not a port number (${min}-65535).`,
		);
	}
	return port;
}

/** One port need per sandbox, for the busy-port check of `npm start`. */
export function sandboxPortNeeds(
	rows: readonly ProviderRow[],
	portOf: (row: ProviderRow) => number,
): PortNeed[] {
	return rows.map((row) => ({
		port: portOf(row),
		purpose: `${row.title} sandbox`,
		envVar: sandboxPortEnvVar(row),
	}));
}

export async function stopSandboxes(running: RunningSandbox[]): Promise<void> {
	while (running.length)
		await running
			.pop()!
			.handle.close()
			.catch(() => undefined);
}

/** Starts every row's sandbox on 127.0.0.1, in manifest order; on a failure stops those started. */
export async function startSandboxes(
	portOf: (row: ProviderRow) => number,
	rows: readonly ProviderRow[] = manifestRows,
): Promise<RunningSandbox[]> {
	const running: RunningSandbox[] = [];
	for (const row of rows) {
		let port: number;
		try {
			port = portOf(row);
		} catch (error) {
			await stopSandboxes(running);
			throw error;
		}
		try {
			running.push({ row, handle: await row.sandbox.start({ port }) });
		} catch (error) {
			await stopSandboxes(running);
			const e = error as NodeJS.ErrnoException;
			throw new UserFacingError(
				e.code === 'EADDRINUSE'
					? `${row.title} sandbox: port ${port} on 127.0.0.1 is already in use (set ${sandboxPortEnvVar(row)} to another port).`
					: `${row.title} sandbox could not start on 127.0.0.1:${port}: ${e.message}`,
			);
		}
	}
	return running;
}

/** Ready commands for what the row's capabilities allow (inbound SMS, credit), indented. */
function capabilityLines({ row, handle }: RunningSandbox, indent: string): string[] {
	const lines: string[] = [];
	const command = (title: string, text: string) => {
		lines.push(`${indent}${title}:`);
		lines.push(...text.split('\n').map((line) => `${indent}  ${line}`));
	};
	const { inboundSms, credit } = row.capabilities;
	if (inboundSms) command('Add an inbound SMS', inboundSms(handle));
	if (credit) command('Set the credit', credit(handle));
	return lines;
}

/** What `npm run sandbox` prints for one running sandbox. */
export function describeSandbox(sandbox: RunningSandbox): string[] {
	const { row, handle } = sandbox;
	const lines = [`${row.title} sandbox: ${handle.url}`];
	if (row.capabilities.apiKey) lines.push(`  API key (test):  ${row.capabilities.apiKey(handle)}`);
	for (const [label, value] of row.sandbox.facts?.(handle) ?? [])
		lines.push(`  ${label}:  ${value}`);
	for (const credential of row.credentials) {
		lines.push(
			`  n8n credential "${credential.type}": ${JSON.stringify(credential.sandbox.data(handle))}`,
		);
	}
	lines.push(`  Control surface: ${handle.url}/__sandbox`);
	lines.push(...capabilityLines(sandbox, '  '));
	return lines;
}

/** What `npm start` prints for one running sandbox, under its "Sandboxes" heading. */
export function startHints(sandbox: RunningSandbox): string[] {
	const { row, handle } = sandbox;
	const names = row.credentials.map((c) => `"${c.sandbox.name}"`).join(', ');
	return [
		`  ${row.title}: ${handle.url}  (credentials: ${names})`,
		...capabilityLines(sandbox, '    '),
		`    More (state, errors, faults, request log): curl -s ${handle.url}/__sandbox`,
	];
}
