import { LosslessNumber, isSafeNumber, parse, stringify } from 'lossless-json';

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

/**
 * An integer that `stringifyJsonExact` writes as a bare literal with every digit: ids never pass
 * through a JS number, and APIs that bind `long` reject strings.
 */
export function exactInteger(decimal: string): LosslessNumber {
	if (!DECIMAL_INTEGER.test(decimal)) throw new Error(`Not a decimal integer: ${decimal}`);
	return new LosslessNumber(decimal);
}

/** `JSON.stringify` that writes `exactInteger` values as bare integer literals. */
export function stringifyJsonExact(value: unknown): string {
	return stringify(value) ?? 'null';
}
