/**
 * The 10,000-item send in a real n8n execution: n8n (2.8.4 by default) with this package installed (the e2e
 * machinery in scripts/lib), a workflow Manual Trigger → Code node (10,000 items) → the node, run
 * as the editor runs it. The node's time is n8n's own `executionTime` of that node.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { providers as manifestRows } from '../../../manifest';
import type { AmootSmsSandbox } from '../../../sandbox/amootsms';
import type { MelipayamakSandbox } from '../../../sandbox/melipayamak';
import type { SepahanGostarSandbox } from '../../../sandbox/sepahangostar';
import { bringUp } from '../../../scripts/lib/environment';
import { N8N_FLOOR, N8N_VERSION_ENV, selectedTarget } from '../../../scripts/lib/paths';
import { freePorts } from '../../../scripts/lib/ports';
import { parseExecutionData } from '../../../scripts/lib/rest';
import { PACKAGE_NAME } from '../../harness';
import { median } from './measure';
import { amootSmsBench, melipayamakBench, sepahanGostarBench, type BenchProvider } from './providers';

export interface N8nRow {
	provider: string;
	n8nVersion: string;
	inFlight: number;
	runs: number;
	requests: number;
	outputItems: number;
	/** n8n's executionTime of the node (median, min, max). */
	nodeMedianMs: number;
	nodeMinMs: number;
	nodeMaxMs: number;
	/** The whole execution, start to stop, as n8n recorded it (median). */
	executionMedianMs: number;
}

const IDS = ['sepahanGostar', 'melipayamak', 'amootSms'];
const NODE = 'SMS node';

function workflow(provider: BenchProvider, parameters: Record<string, unknown>, credential: { type: string; id: string; name: string }) {
	const code = "return Array.from({ length: 10000 }, (_, i) => ({ json: { to: '0912' + String(i).padStart(7, '0') } }));";
	return {
		name: `bench: ${provider.title}, 10,000 items`,
		nodes: [
			{ id: 'bench-trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'bench-items', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: code } },
			{
				id: 'bench-node',
				name: NODE,
				type: `${PACKAGE_NAME}.${provider.id}`,
				typeVersion: 1,
				position: [400, 0],
				parameters,
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Starts n8n with the three SMS sandboxes, runs each provider's 10,000-item send `rounds` times, stops everything. */
export async function measureN8n(rounds: number, inFlightOf: (provider: BenchProvider) => number, log: (line: string) => void): Promise<N8nRow[]> {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-bench-'));
	const [n8nPort, brokerPort] = await freePorts(2);
	const rows = manifestRows.filter((row) => IDS.includes(row.id));
	// n8n 2.8.4 unless $N8N_SMS_OTP_N8N_VERSION picks another supported version.
	const target = process.env[N8N_VERSION_ENV] ? selectedTarget() : N8N_FLOOR;
	const env = await bringUp({
		target,
		userFolder,
		n8nPort,
		brokerPort,
		sandboxPort: () => 0,
		logFile: path.join(userFolder, 'n8n.log'),
		logLevel: 'warn',
		activateDemos: false,
		providers: rows,
	});
	const out: N8nRow[] = [];
	let failed = true;
	try {
		for (const running of env.sandboxes) {
			const handle = running.handle;
			const provider =
				running.row.id === 'sepahanGostar'
					? await sepahanGostarBench(handle as SepahanGostarSandbox)
					: running.row.id === 'melipayamak'
						? await melipayamakBench(handle as MelipayamakSandbox)
						: await amootSmsBench(handle as AmootSmsSandbox);
			const inFlight = inFlightOf(provider);
			const credential = running.row.credentials[0];
			const created = await env.rest.post<{ id: string }>(
				'/workflows',
				workflow(provider, provider.sendItems(inFlight).parameters, { type: credential.type, ...credential.sandbox }),
			);
			const nodeTimes: number[] = [];
			const executionTimes: number[] = [];
			let requests = 0;
			let outputItems = 0;
			for (let round = 0; round < rounds; round++) {
				provider.prepare();
				const executionId = await env.rest.runWorkflow(created.id);
				const execution = await env.rest.waitForExecution(executionId, 300_000);
				const data = parseExecutionData(env.install, execution);
				const runs = data.resultData.runData[NODE] as unknown as Array<{ executionTime: number; data?: { main?: unknown[][] } }> | undefined;
				if (data.resultData.error || !runs?.length) throw new Error(`${provider.title}: the n8n execution failed: ${data.resultData.error?.message ?? 'the node did not run'}`);
				const raw = execution as unknown as { startedAt: string; stoppedAt: string };
				nodeTimes.push(runs[0].executionTime);
				executionTimes.push(Date.parse(raw.stoppedAt) - Date.parse(raw.startedAt));
				requests = provider.sandbox.requests().length;
				outputItems = runs[0].data?.main?.[0]?.length ?? 0;
			}
			const row: N8nRow = {
				provider: provider.title,
				n8nVersion: target.version,
				inFlight,
				runs: rounds,
				requests,
				outputItems,
				nodeMedianMs: median(nodeTimes),
				nodeMinMs: Math.min(...nodeTimes),
				nodeMaxMs: Math.max(...nodeTimes),
				executionMedianMs: median(executionTimes),
			};
			out.push(row);
			log(`${row.provider} in n8n, 10,000 items: ${row.requests} requests, ${row.outputItems} items, node ${Math.round(row.nodeMedianMs)} ms, execution ${Math.round(row.executionMedianMs)} ms`);
		}
		failed = false;
	} finally {
		await env.stop();
		if (failed) log(`n8n's log kept: ${path.join(userFolder, 'n8n.log')}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return out;
}
