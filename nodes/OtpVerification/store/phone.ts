import { toLatinDigits } from '../../shared/digits';
import { parseIranianMobile } from '../../shared/phone';

const SEPARATORS = /[\s\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069().\-‐-―]/g;

/**
 * The key a challenge is stored under: an Iranian mobile number in any form becomes `09XXXXXXXXX`
 * (so `+98 912…` and `0912…` are the same number); other numbers keep their digits with a leading
 * `+` if one was typed. `undefined` when it is not a phone number (6–15 digits).
 */
export function phoneKey(input: unknown): string | undefined {
	const iranian = parseIranianMobile(input);
	if (iranian) return `0${iranian}`;
	if (typeof input === 'number' && Number.isSafeInteger(input)) input = String(input);
	if (typeof input !== 'string') return undefined;
	const compact = toLatinDigits(input).replace(SEPARATORS, '');
	const match = /^(\+|00)?([0-9]{6,15})$/.exec(compact);
	if (!match) return undefined;
	return match[1] ? `+${match[2]}` : match[2];
}

const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;.]+$/;

/**
 * The key of whoever a code is for: a phone number (see `phoneKey`), or an email address in lower
 * case, for codes that go out by email (WHMCS Email → Send). `undefined` when it is neither.
 */
export function recipientKey(input: unknown): string | undefined {
	if (typeof input === 'string' && input.includes('@')) {
		const email = input.trim().toLowerCase();
		return email.length <= 254 && EMAIL.test(email) ? email : undefined;
	}
	return phoneKey(input);
}
