/**
 * Hostile input in every free field of every operation (empty, whitespace, 10 kB of text, invalid
 * numbers, a 20-digit id, control characters, XML/SOAP injection, emoji, mixed Persian/Latin digits), given as
 * upstream data through an expression. The only acceptable outcomes: a validation error naming
 * the item and the field with nothing sent, or the value sent intact (the emulator's request log
 * shows it, decoded from JSON, form, query or XML), never altered, never half-sent.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { freezeDate } from '../support/time';
import { Counts, exposedText, providerRow, secretsIn, startProvider, tableFor, trackUnhandledRejections, type ProviderEnv } from './env';
import type { OperationFaultCase } from './types';

const TEN_KB = 'Hostile input سلام '.repeat(Math.ceil(10_240 / 'Hostile input سلام '.length)).slice(0, 10_240);

export const HOSTILE_VALUES: Array<{ name: string; value: string }> = [
	{ name: 'empty', value: '' },
	{ name: 'whitespace', value: ' \t \n ' },
	{ name: '10 kB of text', value: TEN_KB },
	{ name: 'an invalid number', value: '12abc' },
	{ name: 'a negative fraction', value: '-1.5' },
	{ name: 'a 20-digit id', value: '12345678901234567890' },
	{ name: 'control characters', value: 'a\u0000b\u0007c\u001bd' },
	{ name: 'XML/SOAP injection', value: '</text><to>09120000000</to>]]><![CDATA[&amp;<soap:Body>' },
	{ name: 'emoji', value: '👋🏽 سلام 🇮🇷' },
	{ name: 'mixed Persian/Latin digits', value: '۰۹۱۲1234567' },
];

/** What the emulators write in their request logs in place of a secret or a code. */
const MASK = '***';

/** Parameters that are never free input: the routing and the option collections. */
const NOT_FIELDS = new Set(['resource', 'operation']);
const FREE_TYPES = new Set(['string', 'number']);

function latinDigits(text: string): string {
	return text.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

function unescapeXml(text: string): string {
	return text
		.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
		.replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

function stringsIn(value: unknown, out: string[]): void {
	if (typeof value === 'string') out.push(value);
	else if (typeof value === 'number' || typeof value === 'bigint') out.push(String(value));
	else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
	else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
}

/** Every value the requests carried, decoded from the query, a JSON, form or XML body. */
function sentValues(requests: Array<{ path: string; body: string }>): string[] {
	const out: string[] = [];
	for (const request of requests) {
		const [pathname, query = ''] = request.path.split('?', 2);
		for (const segment of pathname.split('/')) out.push(decodeURIComponent(segment));
		for (const [, v] of new URLSearchParams(query)) out.push(v);
		const body = request.body ?? '';
		try {
			stringsIn(JSON.parse(body), out);
			continue;
		} catch {
			// not JSON
		}
		if (body.trimStart().startsWith('<')) {
			for (const match of body.matchAll(/>([^<]*)</g)) out.push(unescapeXml(match[1]));
			for (const match of body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) out.push(match[1]);
		} else {
			for (const [, v] of new URLSearchParams(body)) out.push(v);
		}
	}
	return out;
}

function fieldOf(description: INodeProperties[], name: string): INodeProperties | undefined {
	return description.find((field) => field.name === name);
}

/** The fields of an operation a hostile value goes into: free text and numbers the table sets. */
function hostileFields(op: OperationFaultCase<never>, description: INodeProperties[]): INodeProperties[] {
	return Object.keys(op.parameters)
		.filter((name) => !NOT_FIELDS.has(name) && !(op.skipHostile ?? []).includes(name))
		.map((name) => fieldOf(description, name))
		.filter((field): field is INodeProperties => field !== undefined && FREE_TYPES.has(field.type));
}

/** Declares the hostile-input tests of one manifest row. */
export function describeHostileInput(rowId: string): void {
	const row = providerRow(rowId);
	const counts = new Counts(`hostile-${rowId}`);
	const unhandled = trackUnhandledRejections();
	afterAll(() => counts.write());

	describe(`${row.title}: hostile input in every field`, () => {
		let env: ProviderEnv;
		beforeAll(async () => {
			env = await startProvider(row);
		});
		afterAll(async () => await env?.close());

		for (const op of tableFor(row).operations) {
			it(`${op.covers}: a validation error naming the item and field with nothing sent, or the value sent intact`, async () => {
				const [resource, operation] = op.covers.split('.');
				const description = env.resources[resource].operations[operation].description;
				const fields = hostileFields(op as OperationFaultCase<never>, description);
				for (const field of fields) {
					for (const hostile of HOSTILE_VALUES) {
						env.reset();
						if (op.now) freezeDate(op.now);
						let result;
						const before = { ledger: 0 };
						try {
							await op.prepare?.(env.sb, async (p, items) => await env.run(p, items));
							before.ledger = env.table.ledger(env.sb);
							env.sb.clearRequests();
							const parameters: INodeParameters = { ...op.parameters, [field.name]: '={{ $json.hostileValue }}' };
							const item: IDataObject = { ...(op.hostileItem ?? op.items?.[0] ?? {}), hostileValue: hostile.value };
							result = await env.run(parameters, [item]);
						} finally {
							jest.useRealTimers();
						}
						counts.add('cases');
						expect(unhandled).toEqual([]);
						const found = secretsIn(exposedText({ output: result.output, error: result.error, logs: result.logs }), env.secrets);
						counts.add('secretsFound', found.length);
						expect(found).toEqual([]);

						const label = `${field.displayName} = ${hostile.name}`;
						const requests = env.sb.requests();
						const error = result.error;
						const isValidation = error?.constructor.name === 'NodeOperationError';
						if (isValidation) {
							// Named: the item and the field; nothing sent, nothing changed.
							expect({ label, message: error!.message }).toEqual({ label, message: expect.stringMatching(/^Item 1\b/) });
							expect({ label, message: error!.message }).toEqual({ label, message: expect.stringContaining(`"${field.displayName}"`) });
							expect({ label, requests: requests.length }).toEqual({ label, requests: 0 });
							expect(env.table.ledger(env.sb)).toBe(before.ledger);
							counts.add('refused');
							continue;
						}
						// Accepted (or refused by the provider after sending): the value went out intact.
						expect({ label, requests: requests.length > 0 }).toEqual({ label, requests: true });
						const sent = sentValues(requests);
						const blank = hostile.value.trim() === '';
						// The emulator masks secrets and codes in its log: such a field is seen to arrive, not read.
						const masked = (field.typeOptions?.password === true || (op.maskedInLog ?? []).includes(field.name)) && sent.includes(MASK);
						if (masked) counts.add('sentMasked');
						const intact =
							masked ||
							sent.some((v) => v.includes(hostile.value)) ||
							// Persian digits in a number field may be read as the same number.
							(field.type !== 'string' || !(op.textFields ?? []).includes(field.name)
								? sent.some((v) => v.includes(latinDigits(hostile.value)))
								: false) ||
							// An empty optional field means "not set": nothing to send.
							(blank && !field.required) ||
							// A filter the node applies to what it read (the table says which, and why).
							(!error && (op.appliedLocally ?? []).includes(field.name));
						const shown = intact ? undefined : { error: error?.message, sent: sent.map((v) => JSON.stringify(v).slice(0, 120)) };
						expect({ label, intact, shown }).toEqual({ label, intact: true, shown: undefined });
						if (!masked) counts.add('sentIntact');
					}
				}
				counts.add('fields', fields.length);
			});
		}
	});
}
