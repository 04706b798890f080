import type { IExecuteFunctions } from 'n8n-workflow';

import { toLatinDigits } from './digits';
import { splitList } from './lists';
import type { MobileFormat } from './phone';
import { formatIranianMobile, parseIranianMobile, parseLineNumber } from './phone';
import { invalidInput } from './validation';

/** Readers of node parameters that validate before any request; each error names the item and the field. */

const MOBILE_HINT = 'Use an Iranian mobile number such as 09121234567 (+989…, 989…, 00989… and Persian digits are accepted).';

/** Iranian mobile numbers from a field holding one number, a comma/line-separated list, or an array. */
export function readMobileNumbers(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { parameter: string; label: string; single: boolean; format?: MobileFormat },
): string[] {
	const raw = ctx.getNodeParameter(options.parameter, itemIndex, '') as unknown;
	const entries = splitList(raw);
	if (entries.length === 0) throw invalidInput(ctx.getNode(), itemIndex, options.label, 'is empty', MOBILE_HINT);
	if (options.single && entries.length > 1) {
		throw invalidInput(ctx.getNode(), itemIndex, options.label, `must hold one number, got ${entries.length}`, 'Use one item per recipient.');
	}
	return entries.map((entry) => {
		const subscriber = parseIranianMobile(entry);
		if (!subscriber) {
			throw invalidInput(ctx.getNode(), itemIndex, options.label, `has an invalid Iranian mobile number: "${String(entry)}"`, MOBILE_HINT);
		}
		return formatIranianMobile(subscriber, options.format ?? 'national');
	});
}

/** A line number (sender or receiving line): digits only. `optional` allows an empty field. */
export function readLineNumber(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { parameter: string; label: string; hint?: string; optional?: boolean },
): string | undefined {
	const raw = ctx.getNodeParameter(options.parameter, itemIndex, '') as unknown;
	if (options.optional && String(raw ?? '').trim() === '') return undefined;
	const line = parseLineNumber(raw);
	if (!line) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			options.label,
			raw === '' || raw === undefined || raw === null ? 'is empty' : `is not a line number: "${String(raw)}"`,
			options.hint,
		);
	}
	return line;
}

/** Text with at least one visible character. */
export function readText(ctx: IExecuteFunctions, itemIndex: number, options: { parameter: string; label: string; hint?: string }): string {
	const text = ctx.getNodeParameter(options.parameter, itemIndex, '') as unknown;
	if (typeof text !== 'string' || text.trim() === '') {
		throw invalidInput(ctx.getNode(), itemIndex, options.label, 'is empty', options.hint ?? 'It must contain at least one visible character.');
	}
	return text;
}

const INT64_MAX = 9223372036854775807n;

/**
 * Positive integer ids (64-bit at most) as exact decimal strings, from one id, a list or an array.
 * A JS number that has already lost digits is refused rather than looked up wrongly.
 */
export function readIdList(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { parameter: string; label: string; /** What one id is called, e.g. `message ID`. */ noun?: string },
): string[] {
	const noun = options.noun ?? 'ID';
	const raw = ctx.getNodeParameter(options.parameter, itemIndex, '') as unknown;
	const entries = splitList(raw);
	if (entries.length === 0) throw invalidInput(ctx.getNode(), itemIndex, options.label, 'is empty');
	return entries.map((entry) => {
		if (typeof entry === 'number' && !Number.isSafeInteger(entry)) {
			throw invalidInput(
				ctx.getNode(),
				itemIndex,
				options.label,
				`holds a number that has lost digits: ${entry}`,
				`Pass ${noun}s as strings, as the provider's output gives them.`,
			);
		}
		const id = toLatinDigits(String(entry)).trim();
		if (!/^[1-9][0-9]{0,18}$/.test(id) || BigInt(id) > INT64_MAX) {
			throw invalidInput(ctx.getNode(), itemIndex, options.label, `has an invalid ${noun}: "${id}"`, `A ${noun} is a positive whole number of up to 19 digits.`);
		}
		return id;
	});
}
