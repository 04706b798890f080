import { toLatinDigits } from './digits';

/** The forms Iranian SMS APIs want a mobile number in. */
export type MobileFormat =
	/** 09121234567 */
	| 'national'
	/** 989121234567 */
	| 'international'
	/** +989121234567 */
	| 'e164'
	/** 9121234567 */
	| 'subscriber';

// Separators people paste: spaces (incl. no-break and zero-width), dashes, dots, parentheses, and
// the invisible bidi marks that right-to-left editors add around numbers.
const SEPARATORS = /[\s\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069().\-‐-―]/g;

/**
 * Normalises what users type for an Iranian mobile number (`09…`, `9…`, `+989…`, `989…`,
 * `00989…`, Persian/Arabic digits, spaces, dashes) to its 10-digit subscriber part `9XXXXXXXXX`,
 * or returns `undefined` when it is not an Iranian mobile number.
 */
export function parseIranianMobile(input: unknown): string | undefined {
	if (typeof input === 'number' && Number.isSafeInteger(input)) input = String(input);
	if (typeof input !== 'string') return undefined;
	let digits = toLatinDigits(input).replace(SEPARATORS, '');
	if (digits.startsWith('+')) digits = '00' + digits.slice(1);
	if (!/^[0-9]+$/.test(digits)) return undefined;
	const match = /^(?:0098|98|0)?(9[0-9]{9})$/.exec(digits);
	return match ? match[1] : undefined;
}

export function formatIranianMobile(subscriber: string, format: MobileFormat): string {
	switch (format) {
		case 'national':
			return '0' + subscriber;
		case 'international':
			return '98' + subscriber;
		case 'e164':
			return '+98' + subscriber;
		case 'subscriber':
			return subscriber;
	}
}

/** A sender or receiving line: digits only after converting Persian digits (lengths vary). */
export function parseLineNumber(input: unknown): string | undefined {
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) input = String(input);
	if (typeof input !== 'string') return undefined;
	const digits = toLatinDigits(input).replace(SEPARATORS, '').replace(/^\+/, '');
	return /^[0-9]{3,20}$/.test(digits) ? digits : undefined;
}
