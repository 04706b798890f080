/**
 * Each trigger's poll with a long history already seen and 1,000 new messages: time, requests,
 * emitted items and the size of the static data n8n stores, beside the same poll with no history.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startAmootSmsSandbox } from '../../../sandbox/amootsms';
import type { CommonSandbox } from '../../../sandbox/core/control';
import { startMelipayamakSandbox } from '../../../sandbox/melipayamak';
import { startSepahanGostarSandbox } from '../../../sandbox/sepahangostar';
import * as amoot from '../../amootsms/setup';
import * as melipayamak from '../../melipayamak/setup';
import * as sepahan from '../../sepahangostar/setup';
import { LATENCY_MS, numbers } from './providers';
import { measure, summarise, type Summary } from './measure';

export const NEW_MESSAGES = 1_000;
export const HISTORIES = [0, 100_000];

type PollResult = Awaited<ReturnType<typeof sepahan.poll>>;

interface TriggerBench {
	title: string;
	sandbox: CommonSandbox;
	/** How the trigger is set up, and what "already seen" means for this API. */
	note: string;
	reset(): void;
	/** Messages received before (history) or after activation; `index` makes each distinct. */
	addInbound(index: number, old: boolean): void;
	/** After the history was added: what makes it "seen" besides the activation poll. */
	afterHistory?(): void;
	poll(staticData: IDataObject | undefined): Promise<PollResult>;
}

export interface TriggerRow {
	provider: string;
	note: string;
	history: number;
	newMessages: number;
	emitted: number;
	poll: Summary;
	staticDataBytes: number;
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

async function triggers(): Promise<TriggerBench[]> {
	const sg = await startSepahanGostarSandbox();
	const sgParameters: INodeParameters = { receivingLine: sg.receivingLines[0], includeLastHours: 0, consumeMode: true };
	const mp = await startMelipayamakSandbox();
	const mpParameters: INodeParameters = { line: '', emitExisting: false };
	const am = await startAmootSmsSandbox();
	const amParameters: INodeParameters = { lineNumber: '', includeLastHours: 0, overlapMinutes: 10 };
	const latency = { kind: 'delay' as const, delayMs: LATENCY_MS, times: 1_000_000 };
	const [phone] = numbers(1);
	return [
		{
			title: 'SepahanGostar',
			sandbox: sg,
			note: 'Mark as Read After Emitting on (the API lists at most 100 unread messages and has no id; history = messages already read)',
			reset: () => {
				sg.reset();
				sg.injectFault(latency);
			},
			addInbound: (index) => sg.addInbound({ privateNumber: sg.receivingLines[0], sendNumber: phone, text: `message ${index}` }),
			afterHistory: () => void sg.markAllReadExternally(),
			poll: async (state) => await sepahan.poll(sg, sgParameters, state),
		},
		{
			title: 'Melipayamak',
			sandbox: mp,
			note: 'read-only, GetMessagesAfterID from the watermark',
			reset: () => {
				mp.reset();
				mp.injectFault(latency);
			},
			addInbound: (index, old) => void mp.addInbound({ from: phone, text: `message ${index}`, at: old ? hoursAgo(3) : undefined }),
			poll: async (state) => await melipayamak.poll(mp, mpParameters, state),
		},
		{
			title: 'AmootSMS',
			sandbox: am,
			note: 'read-only, RecieveMessages from the cursor less 10 minutes',
			reset: () => {
				am.reset();
				am.injectFault(latency);
			},
			addInbound: (index, old) => void am.addInbound({ mobile: phone.slice(1), text: `message ${index}`, receivedAt: old ? hoursAgo(3) : undefined }),
			poll: async (state) => await amoot.poll(am, amParameters, state),
		},
	];
}

/** One round: history, activation (the first poll), 1,000 new messages, then the measured poll. */
async function round(trigger: TriggerBench, history: number): Promise<{ ms: number; requests: number; heapPeakMb: number; emitted: number; bytes: number }> {
	trigger.reset();
	for (let i = 0; i < history; i++) trigger.addInbound(i, true);
	trigger.afterHistory?.();
	const activation = await trigger.poll(undefined);
	if (activation.error) throw activation.error;
	if (activation.result !== null) throw new Error(`${trigger.title}: the activation emitted messages received before it`);
	for (let i = 0; i < NEW_MESSAGES; i++) trigger.addInbound(history + i, false);
	trigger.sandbox.clearRequests();
	let result: PollResult | undefined;
	const sample = await measure(
		async () => {
			result = await trigger.poll(activation.staticData);
		},
		() => trigger.sandbox.requests().length,
	);
	if (result!.error) throw result!.error;
	return {
		...sample,
		emitted: result!.result?.[0]?.length ?? 0,
		bytes: Buffer.byteLength(JSON.stringify(result!.staticData), 'utf8'),
	};
}

export async function measureTriggers(rounds: number, log: (line: string) => void): Promise<TriggerRow[]> {
	const rows: TriggerRow[] = [];
	const list = await triggers();
	try {
		for (const trigger of list) {
			for (const history of HISTORIES) {
				const samples = [];
				for (let r = 0; r < rounds; r++) samples.push(await round(trigger, history));
				const row: TriggerRow = {
					provider: trigger.title,
					note: trigger.note,
					history,
					newMessages: NEW_MESSAGES,
					emitted: samples[samples.length - 1].emitted,
					poll: summarise(samples),
					staticDataBytes: Math.max(...samples.map((s) => s.bytes)),
				};
				rows.push(row);
				log(`${row.provider} trigger, ${history} seen + ${NEW_MESSAGES} new: ${row.poll.requests} requests, ${Math.round(row.poll.medianMs)} ms, ${row.emitted} emitted, static data ${row.staticDataBytes} bytes`);
			}
		}
	} finally {
		for (const trigger of list) await trigger.sandbox.close();
	}
	return rows;
}
