const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;

/** Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits with Latin ones; everything else is kept. */
export function toLatinDigits(value: string): string {
	let out = '';
	for (const char of value) {
		const code = char.charCodeAt(0);
		if (code >= PERSIAN_ZERO && code <= PERSIAN_ZERO + 9) out += String(code - PERSIAN_ZERO);
		else if (code >= ARABIC_INDIC_ZERO && code <= ARABIC_INDIC_ZERO + 9) out += String(code - ARABIC_INDIC_ZERO);
		else out += char;
	}
	return out;
}
