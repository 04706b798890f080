/**
 * `npm run sandbox` (npx tsx test/sandbox/cli.ts): starts every provider sandbox
 * of the registry on 127.0.0.1 and prints how to use it. Ctrl-C stops them.
 * Port per provider: env SANDBOX_PORT_<ID upper> (0 = any free port), else its default.
 */
import { sandboxPortEnvVar, sandboxProviders } from './registry';
import type { RunningSandbox, SandboxProvider } from './registry';

function portFor(p: SandboxProvider): number {
	const name = sandboxPortEnvVar(p.id);
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return p.defaultPort;
	const port = Number(raw.trim());
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${JSON.stringify(raw)} is not a port number (0-65535)`);
	return port;
}

async function main(): Promise<void> {
	const running: Array<{ p: SandboxProvider; s: RunningSandbox }> = [];
	const stopAll = async () => {
		while (running.length) await running.pop()!.s.close().catch(() => undefined);
	};

	for (const p of sandboxProviders) {
		let port: number;
		try {
			port = portFor(p);
		} catch (err) {
			process.stderr.write(`${(err as Error).message}\n`);
			await stopAll();
			process.exit(1);
		}
		try {
			running.push({ p, s: await p.start({ port }) });
		} catch (err) {
			const e = err as NodeJS.ErrnoException;
			const msg =
				e.code === 'EADDRINUSE'
					? `${p.title} sandbox: port ${port} on 127.0.0.1 is already in use (set ${sandboxPortEnvVar(p.id)} to another port, or 0 for any).`
					: `${p.title} sandbox could not start on 127.0.0.1:${port}: ${e.message}`;
			process.stderr.write(`${msg}\n`);
			await stopAll();
			process.exit(1);
		}
	}

	const lines: string[] = [''];
	for (const { p, s } of running) {
		lines.push(`${p.title} sandbox: ${s.url}`);
		lines.push(`  API key (test):  ${s.apiKey}`);
		lines.push(`  n8n credential "${p.credentialType}": ${JSON.stringify(s.credentialData)}`);
		lines.push(`  Control surface: ${s.url}/__sandbox`);
		lines.push('  Add an inbound SMS:');
		lines.push(`    ${s.howToAddInbound}`);
		lines.push('');
	}
	lines.push('Ctrl-C stops the sandboxes.', '');
	process.stdout.write(lines.join('\n'));

	let stopping = false;
	const onSignal = (sig: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${sig}: stopping the sandboxes…\n`);
		stopAll().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

main().catch((err: unknown) => {
	process.stderr.write(`sandbox: ${(err as Error)?.message ?? String(err)}\n`);
	process.exit(1);
});
