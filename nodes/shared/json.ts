import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses JSON text so that integers beyond ±(2^53 − 1) keep every digit: they come back as
 * decimal strings, every other number as a JS number. Provider message ids are 64-bit and
 * `JSON.parse` would silently round them.
 */
export function parseJsonPreservingBigInts(text: string): unknown {
	return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

const DECIMAL_INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** Formats a number-or-string integer from a parsed body as an exact decimal string. */
export function integerToString(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string' && DECIMAL_INTEGER.test(value)) return value;
	return undefined;
}

/** Returns a JS number when the integer is exactly representable, else its decimal string. */
export function integerToOutput(value: unknown): number | string | undefined {
	const text = integerToString(value);
	if (text === undefined) return undefined;
	const asNumber = Number(text);
	return Number.isSafeInteger(asNumber) ? asNumber : text;
}

/**
 * Builds the JSON text of an array of integers from validated decimal strings, writing them as
 * bare literals: the ids never pass through a JS number, and APIs that bind `long` reject strings.
 */
export function jsonIntegerArray(ids: readonly string[]): string {
	for (const id of ids) {
		if (!DECIMAL_INTEGER.test(id)) throw new Error(`Not a decimal integer: ${id}`);
	}
	return `[${ids.join(',')}]`;
}
