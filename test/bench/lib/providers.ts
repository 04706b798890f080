/**
 * The three SMS providers as the benchmark drives them: their emulator, how the node is run against
 * it (directly, or through a recording proxy), and the parameters of each measured case.
 */
import type { ICredentialType, IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AmootSms } from '../../../nodes/AmootSms/AmootSms.node';
import { Melipayamak } from '../../../nodes/Melipayamak/Melipayamak.node';
import { SepahanGostar } from '../../../nodes/SepahanGostar/SepahanGostar.node';
import { executeNode } from '../../harness';

import * as amootClient from '../../../nodes/AmootSms/transport/client';
import * as melipayamakClient from '../../../nodes/Melipayamak/transport/client';
import * as sepahanClient from '../../../nodes/SepahanGostar/transport/client';
import { startAmootSmsSandbox, type AmootSmsSandbox } from '../../../sandbox/amootsms';
import type { CommonSandbox } from '../../../sandbox/core/control';
import { startMelipayamakSandbox, type MelipayamakSandbox } from '../../../sandbox/melipayamak';
import { startSepahanGostarSandbox, type SepahanGostarSandbox } from '../../../sandbox/sepahangostar';
import * as amoot from '../../amootsms/setup';
import * as melipayamak from '../../melipayamak/setup';
import * as sepahan from '../../sepahangostar/setup';

/** Added to every API request by the emulator (a `delay` fault on every route). */
export const LATENCY_MS = 20;
const LATENCY_FAULT = { kind: 'delay' as const, delayMs: LATENCY_MS, times: 1_000_000 };

/** `count` distinct mobile numbers, `0912…`. */
export function numbers(count: number, start = 0): string[] {
	return Array.from({ length: count }, (_, i) => `0912${String(start + i).padStart(7, '0')}`);
}

export interface BenchCase {
	/** Recipients (or ids) the case handles. */
	size: number;
	parameters: INodeParameters;
	items: INodeExecutionData[];
	/** Requests in flight (the node's own setting where it has one). */
	inFlight: number;
	/** The API's limit per request for this call. */
	perRequest: number;
}

export interface BenchProvider {
	/** The provider's manifest id. */
	id: string;
	title: string;
	sandbox: CommonSandbox;
	/** Back to a fresh emulator with plenty of credit and the added latency. */
	prepare(): void;
	/** Runs the node (against `base` instead of the emulator when given); throws the node's error. */
	run(parameters: INodeParameters, items: INodeExecutionData[], base?: string): Promise<INodeExecutionData[]>;
	/** In-flight settings to measure the sends at: the node's choices. */
	sendInFlight: number[];
	/** Why the send cannot be measured at 4 in flight, when it cannot. */
	fixedInFlight?: string;
	sendRecipients(inFlight: number): BenchCase;
	sendItems(inFlight: number): BenchCase;
	personalised(inFlight: number, count: number): BenchCase;
	/** How many personalised texts are measured (10,000 unless one request per text makes that too long). */
	personalisedCount: number;
	delivery(ids: string[]): BenchCase;
	/** The message id of one send output item. */
	idOf(json: IDataObject): string;
	/** A send to `09123456789` alone: the template of the one-request-per-recipient loop. */
	single: INodeParameters;
	/**
	 * n8n's own cost of reading the node's parameters for every item (expressions included), measured
	 * with a node of the same description that reads them and sends nothing.
	 */
	readParameters(parameters: INodeParameters, items: INodeExecutionData[]): Promise<void>;
}

/** Read once per run, not per item. */
const NODE_LEVEL = new Set(['resource', 'operation', 'parallelRequests']);

/** A node with `base`'s description that reads every item's parameters, as the node does, and returns nothing. */
function parameterReader(base: INodeType): INodeType {
	return {
		description: base.description,
		async execute(this: IExecuteFunctions) {
			const names = Object.keys(this.getNode().parameters).filter((name) => !NODE_LEVEL.has(name));
			const count = this.getInputData().length;
			for (let itemIndex = 0; itemIndex < count; itemIndex++) {
				for (const name of names) this.getNodeParameter(name, itemIndex);
			}
			return [[]];
		},
	};
}

async function readAll(base: INodeType, credentials: Parameters<typeof executeNode>[0]['credentials'], credentialTypes: ICredentialType[], parameters: INodeParameters, input: INodeExecutionData[]) {
	const { error } = await executeNode({
		nodeType: parameterReader(base),
		parameters,
		items: input,
		credentials,
		credentialTypes,
	});
	if (error) throw error;
}

const items = (values: IDataObject[]): INodeExecutionData[] => values.map((json) => ({ json }));
let executions = 0;

function outputOf(result: { output: INodeExecutionData[][] | null; error?: Error }): INodeExecutionData[] {
	if (result.error) throw result.error;
	return result.output?.[0] ?? [];
}

export async function sepahanGostarBench(running?: SepahanGostarSandbox): Promise<BenchProvider> {
	const sandbox = running ?? (await startSepahanGostarSandbox());
	const from = sandbox.senderLines[0];
	const withParallel = (parameters: INodeParameters, inFlight: number): INodeParameters => ({ ...parameters, parallelRequests: inFlight });
	return {
		id: 'sepahanGostar',
		title: 'SepahanGostar',
		sandbox,
		prepare() {
			sandbox.reset();
			sandbox.setCredit(10n ** 15n);
			sandbox.injectFault(LATENCY_FAULT);
		},
		async run(parameters, input, base) {
			return outputOf(
				await sepahan.run(sandbox, parameters, {
					items: input,
					executionId: `bench-${++executions}`,
					credentials: base ? { baseUrl: base } : {},
				}),
			);
		},
		sendInFlight: [1, sepahanClient.MAX_PARALLEL_REQUESTS],
		sendRecipients: (inFlight) => ({
			size: 10_000,
			inFlight,
			perRequest: sepahanClient.MAX_RECIPIENTS_PER_SEND,
			parameters: withParallel({ resource: 'sms', operation: 'send', from, to: '={{ $json.to }}', message: 'Benchmark', options: {} }, inFlight),
			items: items([{ to: numbers(10_000) }]),
		}),
		sendItems: (inFlight) => ({
			size: 10_000,
			inFlight,
			perRequest: sepahanClient.MAX_RECIPIENTS_PER_SEND,
			parameters: withParallel({ resource: 'sms', operation: 'send', from, to: '={{ $json.to }}', message: 'Benchmark', options: {} }, inFlight),
			items: items(numbers(10_000).map((to) => ({ to }))),
		}),
		personalisedCount: 10_000,
		personalised: (inFlight, count) => ({
			size: count,
			inFlight,
			perRequest: sepahanClient.MAX_RECIPIENTS_PER_SEND,
			parameters: withParallel(
				{ resource: 'sms', operation: 'sendPersonalized', from, to: '={{ $json.to }}', message: '=Hello {{ $json.name }}', options: {} },
				inFlight,
			),
			items: items(numbers(count).map((to, i) => ({ to, name: `customer ${i}` }))),
		}),
		delivery: (ids) => ({
			size: ids.length,
			inFlight: 1,
			perRequest: sepahanClient.MAX_IDS_PER_STATUS,
			parameters: { resource: 'delivery', operation: 'getStatus', messageIds: '={{ $json.id }}' },
			items: items(ids.map((id) => ({ id }))),
		}),
		idOf: (json) => String(json.messageId),
		single: { resource: 'sms', operation: 'send', from, to: '09123456789', message: 'Benchmark', options: {} },
		readParameters: async (parameters, input) =>
			await readAll(new SepahanGostar(), sepahan.credentialsFor(sandbox), sepahan.credentialTypes, parameters, input),
	};
}

export async function melipayamakBench(running?: MelipayamakSandbox): Promise<BenchProvider> {
	const sandbox = running ?? (await startMelipayamakSandbox());
	const from = melipayamak.LINE;
	const optOut = `Benchmark\n${melipayamakClient.OPT_OUT_PHRASE}`;
	const viaBase = (base: string) => ({
		restBaseUrl: sandbox.restBaseUrl.replace(sandbox.url, base),
		soapBaseUrl: sandbox.soapBaseUrl.replace(sandbox.url, base),
		consoleBaseUrl: sandbox.consoleBaseUrl.replace(sandbox.url, base),
	});
	return {
		id: 'melipayamak',
		title: 'Melipayamak',
		sandbox,
		prepare() {
			sandbox.reset();
			sandbox.setCredit('1000000000000');
			sandbox.injectFault(LATENCY_FAULT);
		},
		async run(parameters, input, base) {
			return outputOf(await melipayamak.run(sandbox, parameters, { items: input, credentials: base ? viaBase(base) : undefined }));
		},
		sendInFlight: [2],
		fixedInFlight: 'the node sends 2 at a time, the spec\'s "small concurrency" (no setting)',
		sendRecipients: (inFlight) => ({
			size: 10_000,
			inFlight,
			perRequest: melipayamakClient.MAX_RECIPIENTS_PER_SEND,
			parameters: { resource: 'sms', operation: 'send', from, to: '={{ $json.to }}', message: 'Benchmark', options: {} },
			items: items([{ to: numbers(10_000) }]),
		}),
		// One number per item: the text must carry the opt-out phrase to share a request (error 15 otherwise).
		sendItems: (inFlight) => ({
			size: 10_000,
			inFlight,
			perRequest: melipayamakClient.MAX_RECIPIENTS_PER_SEND,
			parameters: { resource: 'sms', operation: 'send', from, to: '={{ $json.to }}', message: optOut, options: {} },
			items: items(numbers(10_000).map((to) => ({ to }))),
		}),
		// The API has no call for different texts to different numbers: one request per text.
		personalisedCount: 250,
		personalised: (inFlight, count) => ({
			size: count,
			inFlight,
			perRequest: 1,
			parameters: { resource: 'sms', operation: 'send', from, to: '={{ $json.to }}', message: '=Hello {{ $json.name }}', options: {} },
			items: items(numbers(count).map((to, i) => ({ to, name: `customer ${i}` }))),
		}),
		delivery: (ids) => ({
			size: ids.length,
			inFlight: 1,
			perRequest: melipayamakClient.MAX_IDS_PER_DELIVERY,
			parameters: { resource: 'sms', operation: 'getDeliveryStatus', recIds: '={{ $json.id }}' },
			items: items(ids.map((id) => ({ id }))),
		}),
		idOf: (json) => String(json.recId),
		single: { resource: 'sms', operation: 'send', from, to: '09123456789', message: 'Benchmark', options: {} },
		readParameters: async (parameters, input) =>
			await readAll(new Melipayamak(), { melipayamakApi: melipayamak.credentialData(sandbox) }, melipayamak.credentialTypes, parameters, input),
	};
}

export async function amootSmsBench(running?: AmootSmsSandbox): Promise<BenchProvider> {
	const sandbox = running ?? (await startAmootSmsSandbox());
	const send = { resource: 'sms', operation: 'send', lineNumber: 'public', to: '={{ $json.to }}', message: 'Benchmark', options: {} };
	return {
		id: 'amootSms',
		title: 'AmootSMS',
		sandbox,
		prepare() {
			sandbox.reset();
			sandbox.setCredit(10n ** 15n);
			sandbox.injectFault(LATENCY_FAULT);
		},
		async run(parameters, input, base) {
			return outputOf(
				await amoot.run(sandbox, parameters, { items: input, credentials: base ? { baseUrl: sandbox.baseUrl.replace(sandbox.url, base) } : {} }),
			);
		},
		sendInFlight: [1],
		fixedInFlight: 'the node sends one request at a time (no setting; the API states no limit)',
		sendRecipients: (inFlight) => ({
			size: 10_000,
			inFlight,
			perRequest: amootClient.DEFAULT_RECIPIENTS_PER_REQUEST,
			parameters: send,
			items: items([{ to: numbers(10_000) }]),
		}),
		sendItems: (inFlight) => ({
			size: 10_000,
			inFlight,
			perRequest: amootClient.DEFAULT_RECIPIENTS_PER_REQUEST,
			parameters: send,
			items: items(numbers(10_000).map((to) => ({ to }))),
		}),
		personalisedCount: 10_000,
		personalised: (inFlight, count) => ({
			size: count,
			inFlight,
			perRequest: amootClient.DEFAULT_RECIPIENTS_PER_REQUEST,
			parameters: { ...send, operation: 'sendPeerToPeer', message: '=Hello {{ $json.name }}' },
			items: items(numbers(count).map((to, i) => ({ to, name: `customer ${i}` }))),
		}),
		delivery: (ids) => ({
			size: ids.length,
			inFlight: 1,
			perRequest: amootClient.MAX_IDS_PER_DELIVERY_REQUEST,
			parameters: { resource: 'delivery', operation: 'getMany', messageIds: '={{ $json.id }}' },
			items: items(ids.map((id) => ({ id }))),
		}),
		idOf: (json) => String(json.messageId),
		single: { ...send, to: '09123456789' },
		readParameters: async (parameters, input) =>
			await readAll(new AmootSms(), amoot.credentialsFor(sandbox), amoot.credentialTypes, parameters, input),
	};
}
