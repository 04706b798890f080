/**
 * SMS part counting with the GSM figures, the same for every emulator (each kept apart from the
 * node's own counting, so the sandboxes stay an independent oracle): GSM 03.38 (7-bit) 160 / 153
 * septets, an extension character taking two; UCS-2 (anything else, e.g. Persian) 70 / 67 UTF-16
 * units per part.
 */
export const GSM_BASIC = new Set(
	Array.from(
		'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
			'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
	),
);
export const GSM_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

export type SmsEncoding = 'gsm7' | 'ucs2';

export function smsEncoding(text: string): SmsEncoding {
	for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return 'ucs2';
	return 'gsm7';
}

/** Number of parts; 0 for an empty text. Multi-byte units are never split across parts. */
export function smsParts(text: string): number {
	if (text.length === 0) return 0;
	const encoding = smsEncoding(text);
	const units =
		encoding === 'gsm7'
			? Array.from(text).map((ch) => (GSM_EXTENSION.has(ch) ? 2 : 1))
			: Array.from(text).map((ch) => ch.length); // UTF-16 code units; surrogate pairs stay together
	const single = encoding === 'gsm7' ? 160 : 70;
	const multi = encoding === 'gsm7' ? 153 : 67;
	const total = units.reduce((a, b) => a + b, 0);
	if (total <= single) return 1;
	let parts = 1;
	let used = 0;
	for (const u of units) {
		if (used + u > multi) {
			parts++;
			used = 0;
		}
		used += u;
	}
	return parts;
}
