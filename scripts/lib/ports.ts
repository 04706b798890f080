/** Port checks on 127.0.0.1: a clear message for a busy port, and free ports for the e2e suite. */
import * as net from 'node:net';

import { UserFacingError } from './log';

export const HOST = '127.0.0.1';

export function isPortFree(port: number, host = HOST): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/** A port the OS considers free right now (the caller should bind it soon). */
export function freePort(host = HOST): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen({ port: 0, host, exclusive: true }, () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	for (let attempt = 0; ports.size < count && attempt < count * 20; attempt++) ports.add(await freePort());
	if (ports.size < count) throw new Error(`could not find ${count} free ports`);
	return [...ports];
}

export interface PortNeed {
	port: number;
	/** What the port is for, e.g. "n8n editor". */
	purpose: string;
	/** The environment variable that moves it, e.g. "N8N_SMS_OTP_PORT". */
	envVar: string;
}

/** Throws one message that lists every busy port and how to choose another one. */
export async function assertPortsFree(needs: PortNeed[]): Promise<void> {
	const seen = new Map<number, string>();
	for (const need of needs) {
		const other = seen.get(need.port);
		if (other) throw new UserFacingError(`Port ${need.port} is configured twice (${other} and ${need.purpose}).`);
		seen.set(need.port, need.purpose);
	}
	const busy: PortNeed[] = [];
	for (const need of needs) if (!(await isPortFree(need.port))) busy.push(need);
	if (busy.length === 0) return;
	throw new UserFacingError(
		'These ports on 127.0.0.1 are already in use:\n' +
			busy.map((b) => `  ${b.port}  ${b.purpose}  (choose another with ${b.envVar}=<port>)`).join('\n') +
			'\nStop whatever holds them (another `npm start`? check with `ss -ltnp`) or pick other ports, then run again.',
	);
}
