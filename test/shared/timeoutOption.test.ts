/**
 * Options → Timeout, on operations of every provider through n8n's engine against the loopback
 * emulators (the fault tables give each operation's parameters and the emulator's ledger): a
 * server slower than the option gives the clear timeout error; a read is asked again, a request
 * with a side effect is never sent again and says it may have been accepted; a bad value is a
 * clear error naming the field, with nothing sent. The fault suite runs every operation so.
 */
import { setTimeout as realDelay } from 'node:timers/promises';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAY_HAVE_BEEN_ACCEPTED } from '../../nodes/shared/errors';
import { providerRow, startProvider, tableFor, type ProviderEnv } from '../faults/env';

const TIMEOUT_MS = 1000;
/** The emulator answers this long after each request arrived: after the client gave up. */
const DELAY_MS = TIMEOUT_MS + 200;

function withOptions(parameters: INodeParameters, options: IDataObject): INodeParameters {
	return { ...parameters, options: { ...((parameters.options as INodeParameters) ?? {}), ...(options as INodeParameters) } };
}

/** Per provider: operations that only read, and operations with a side effect (none keyed: a timed-out one is never sent again). */
const CASES: Array<{ row: string; reads: string[]; sends: string[] }> = [
	{ row: 'sepahanGostar', reads: ['account.getCredit'], sends: ['account.generateApiKey'] },
	{ row: 'melipayamak', reads: ['account.getCredit'], sends: ['sms.sendPattern'] },
	{ row: 'amootSms', reads: ['account.getStatus'], sends: ['sms.send'] },
	{ row: 'whmcs', reads: ['client.get'], sends: ['email.send'] },
	{ row: 'chinaTrainTickets', reads: [], sends: ['member.resetPassword'] },
	{ row: 'otpVerification', reads: [], sends: ['challenge.issue'] },
];

describe.each(CASES)('Options → Timeout: $row', ({ row: rowId, reads, sends }) => {
	const row = providerRow(rowId);
	const table = tableFor(row);
	const source = table.errorSource ?? row.title;
	let env: ProviderEnv;
	beforeAll(async () => {
		env = await startProvider(row);
	});
	afterAll(async () => await env?.close());

	const operation = (covers: string) => {
		const op = table.operations.find((o) => o.covers === covers);
		if (!op) throw new Error(`No fault case "${covers}" for ${rowId}`);
		return op;
	};
	/** Resets the emulator and runs the operation's preparation; returns the ledger before the run. */
	const prepare = async (covers: string) => {
		env.reset();
		await operation(covers).prepare?.(env.sb, async (p, items) => await env.run(p, items));
		env.sb.clearFaults();
		env.sb.clearRequests();
		return table.ledger(env.sb);
	};

	for (const covers of reads) {
		it(`${covers}: a server slower than the Timeout gives the clear timeout error after the read was asked again`, async () => {
			const op = operation(covers);
			const before = await prepare(covers);
			env.sb.injectFault({ kind: 'delay', delayMs: DELAY_MS, times: 10 });
			const { error } = await env.run(withOptions(op.parameters, { timeout: TIMEOUT_MS }), op.items?.slice(0, 1));
			env.sb.clearFaults();
			expect(error?.message).toBe(`${source} error: The provider did not answer in time`);
			// A read goes again after a timeout: three attempts in all, then the error.
			expect(env.sb.requests()).toHaveLength(3);
			expect(table.ledger(env.sb)).toBe(before);
		});
	}

	for (const covers of sends) {
		it(`${covers}: a server slower than the Timeout: not sent again, the error says it may have been accepted`, async () => {
			const op = operation(covers);
			const items = op.items?.slice(0, 1);
			let before = await prepare(covers);
			const clean = await env.run(op.parameters, items);
			expect(clean.error).toBeUndefined();
			const cleanDelta = table.ledger(env.sb) - before;
			expect(cleanDelta).toBeGreaterThan(0);
			before = await prepare(covers);
			env.sb.injectFault({ kind: 'delay', delayMs: DELAY_MS, times: 10 });
			const { error } = await env.run(withOptions(op.parameters, { timeout: TIMEOUT_MS }), items);
			const requests = env.sb.requests().length;
			// The slow server finishes what it was asked after the client gave up.
			await realDelay(DELAY_MS - TIMEOUT_MS + 400);
			env.sb.clearFaults();
			expect(error?.message).toMatch(new RegExp(`^${source} error: `));
			expect(error?.message).toContain('did not answer in time');
			expect((error as { description?: string } | undefined)?.description ?? '').toContain(MAY_HAVE_BEEN_ACCEPTED);
			expect(requests).toBeGreaterThan(0);
			// Never sent again: at most what one clean run does.
			expect(table.ledger(env.sb) - before).toBeLessThanOrEqual(cleanDelta);
		});
	}

	for (const covers of [...reads, ...sends]) {
		it(`${covers}: a Timeout under 1000 ms is a clear error naming the field, nothing sent`, async () => {
			const op = operation(covers);
			await prepare(covers);
			const { error } = await env.run(withOptions(op.parameters, { timeout: 999 }), op.items?.slice(0, 1));
			expect(error?.message).toBe('Item 1: "Timeout" must be a number of milliseconds from 1000 to 2147483647, got 999');
			expect(env.sb.requests()).toHaveLength(0);
		});
	}
});

describe('Options → Timeout in a batched read', () => {
	const row = providerRow('sepahanGostar');
	let env: ProviderEnv;
	beforeAll(async () => {
		env = await startProvider(row);
	});
	afterAll(async () => await env?.close());

	it('items with different Timeouts travel in different requests; the same Timeout shares one', async () => {
		const parameters = { resource: 'delivery', operation: 'getStatus', messageIds: '={{ $json.ids }}', options: { timeout: '={{ $json.t }}' } };
		const lookUp = async (timeouts: number[]) => {
			env.reset();
			env.sb.clearRequests();
			const { error, output } = await env.run(
				parameters,
				timeouts.map((t, i) => ({ ids: `63902794415452720${i}`, t })),
			);
			expect(error).toBeUndefined();
			expect(output?.[0]).toHaveLength(timeouts.length);
			return env.sb.requests().length;
		};
		expect(await lookUp([5000, 5000])).toBe(1);
		expect(await lookUp([5000, 6000])).toBe(2);
	});
});
