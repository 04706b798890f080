import { GSM_EXTENSION, smsEncoding } from '../core/sms-parts';

/**
 * How many SMS parts the sandbox bills for a text (spec §6.4): the GSM figures, with
 * Melipayamak's own rounding: total units divided by the units per part, rounded up.
 */
export function billedParts(text: string): number {
	if (text === '') return 0;
	if (smsEncoding(text) === 'ucs2') return split(text.length, 70, 67);
	let septets = 0;
	for (const ch of text) septets += GSM_EXTENSION.has(ch) ? 2 : 1;
	return split(septets, 160, 153);
}

function split(units: number, single: number, perPart: number): number {
	return units <= single ? 1 : Math.ceil(units / perPart);
}
