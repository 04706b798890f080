/**
 * The send and lookup cases of one provider: the node, the floor (the node's own requests replayed
 * by a keep-alive `fetch` loop at the same number in flight) and one request per recipient.
 */
import type { BenchCase, BenchProvider } from './providers';
import { numbers } from './providers';
import { repeat, type Summary } from './measure';
import { perRecipient, replay, startRecordingProxy, type RecordedRequest } from './replay';

export interface SendRow {
	provider: string;
	case: string;
	/** Recipients, texts or ids handled. */
	size: number;
	inFlight: number;
	/** ceil(size / the API's limit per request). */
	expectedRequests: number;
	node: Summary;
	floor: Summary;
	/** n8n reading the same parameters for every item, nothing sent (part of `node`; one run). */
	parameters: Summary;
	/** One request per recipient, measured on `perRecipientMeasured` and scaled to `size`. */
	perRecipient?: Summary & { measured: number; scaledMedianMs: number };
	/** Times are scaled by this to stand for 10,000 (1 when measured at 10,000). */
	scale: number;
}

/** How many recipients the one-request-per-recipient loop is measured on (then scaled to 10,000). */
export const PER_RECIPIENT_MEASURED = 100;

/** One untimed run through the recording proxy: the floor's requests, and a warm-up. */
async function record(provider: BenchProvider, name: string, benchCase: BenchCase, prepare: () => void): Promise<RecordedRequest[]> {
	const proxy = await startRecordingProxy(provider.sandbox.url);
	try {
		prepare();
		const output = await provider.run(benchCase.parameters, benchCase.items, proxy.url);
		if (output.length !== benchCase.size) throw new Error(`${provider.title} ${name}: ${output.length} output items for ${benchCase.size}`);
		return proxy.take();
	} finally {
		await proxy.close();
	}
}

async function measureCase(
	provider: BenchProvider,
	name: string,
	benchCase: BenchCase,
	rounds: number,
	options: { prepare?: () => void; scale?: number; recorded?: RecordedRequest[] } = {},
): Promise<{ row: SendRow; recorded: RecordedRequest[] }> {
	const prepare = options.prepare ?? (() => provider.prepare());
	const requests = () => provider.sandbox.requests().length;
	const recorded = options.recorded ?? (await record(provider, name, benchCase, prepare));
	const node = await repeat(rounds, prepare, async () => void (await provider.run(benchCase.parameters, benchCase.items)), requests);
	const floor = await repeat(rounds, prepare, async () => await replay(provider.sandbox.url, recorded, benchCase.inFlight), requests);
	// One item holds every recipient when there is one input item: its parameters are read once.
	const parameters =
		benchCase.items.length > 1
			? await repeat(1, () => undefined, async () => await provider.readParameters(benchCase.parameters, benchCase.items), () => 0)
			: { runs: 0, requests: 0, medianMs: 0, minMs: 0, maxMs: 0, heapPeakMb: 0 };
	const row: SendRow = {
		parameters,
		provider: provider.title,
		case: name,
		size: benchCase.size,
		inFlight: benchCase.inFlight,
		expectedRequests: Math.ceil(benchCase.size / benchCase.perRequest),
		node,
		floor,
		scale: options.scale ?? 1,
	};
	return { row, recorded };
}

/** The one-request-per-recipient loop, as an n8n HTTP Request node (or n8n's own SMS nodes) would send. */
async function measurePerRecipient(provider: BenchProvider, rounds: number): Promise<SendRow['perRecipient']> {
	const proxy = await startRecordingProxy(provider.sandbox.url);
	let template: RecordedRequest;
	try {
		provider.prepare();
		await provider.run(provider.single, [{ json: {} }], proxy.url);
		const recorded = proxy.take();
		if (recorded.length !== 1) throw new Error(`${provider.title}: a single send made ${recorded.length} requests`);
		template = recorded[0];
	} finally {
		await proxy.close();
	}
	const requests = perRecipient(template, numbers(PER_RECIPIENT_MEASURED));
	const summary = await repeat(rounds, () => provider.prepare(), async () => await replay(provider.sandbox.url, requests, 1), () => provider.sandbox.requests().length);
	return { ...summary, measured: PER_RECIPIENT_MEASURED, scaledMedianMs: (summary.medianMs * 10_000) / PER_RECIPIENT_MEASURED };
}

export async function measureSends(provider: BenchProvider, rounds: number, log: (line: string) => void): Promise<SendRow[]> {
	const rows: SendRow[] = [];
	const perRecipientLoop = await measurePerRecipient(provider, rounds);
	log(`${provider.title}: one request per recipient, ${PER_RECIPIENT_MEASURED} measured: median ${Math.round(perRecipientLoop!.medianMs)} ms`);
	const add = (row: SendRow) => {
		rows.push(row);
		log(`${row.provider} ${row.case} (${row.inFlight} in flight): ${row.node.requests} requests, node ${Math.round(row.node.medianMs)} ms, floor ${Math.round(row.floor.medianMs)} ms, heap +${row.node.heapPeakMb.toFixed(1)} MB`);
	};
	const most = Math.max(...provider.sendInFlight);
	// The same-text sends make the same requests however the recipients come in (one item, or one
	// per item; only SepahanGostar's Request-Ids differ), so the floor replays one recording.
	let sendRequests: RecordedRequest[] | undefined;
	for (const inFlight of provider.sendInFlight) {
		const { row, recorded } = await measureCase(provider, 'send: 10,000 recipients, one item', provider.sendRecipients(inFlight), rounds, { recorded: sendRequests });
		sendRequests = recorded;
		add({ ...row, perRecipient: perRecipientLoop });
	}
	// Bounded run time: the 10,000-item send at the node's most in flight (the n8n comparison uses it).
	const items = await measureCase(provider, 'send: 10,000 items, same text', provider.sendItems(most), rounds, { recorded: sendRequests });
	add({ ...items.row, perRecipient: perRecipientLoop });
	const count = provider.personalisedCount;
	const label = count === 10_000 ? 'personalised: 10,000 texts' : `personalised: ${count.toLocaleString('en-US')} texts (×${10_000 / count} for 10,000)`;
	const personalised = await measureCase(provider, label, provider.personalised(most, count), rounds, { scale: 10_000 / count });
	add({ ...personalised.row, perRecipient: perRecipientLoop });

	// Delivery lookup of 10,000 ids the emulator really sent; the lookups do not change its state.
	// A few more numbers than needed: an emulator refuses some (e.g. blacklisted) without an id.
	provider.prepare();
	const sent = await provider.run(provider.sendRecipients(most).parameters, [{ json: { to: numbers(10_100) } }]);
	const ids = sent.map((item) => provider.idOf(item.json)).filter((id) => /^\d+$/.test(id)).slice(0, 10_000);
	if (ids.length !== 10_000) throw new Error(`${provider.title}: the send returned ${ids.length} ids`);
	const delivery = await measureCase(provider, 'delivery lookup: 10,000 ids', provider.delivery(ids), rounds, { prepare: () => provider.sandbox.clearRequests() });
	add(delivery.row);
	return rows;
}
