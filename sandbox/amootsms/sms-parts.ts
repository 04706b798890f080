/**
 * SMS pages as AmootSMS's `SMSPagesCount` counts them (spec §6.4, 3GPP TS 23.038):
 * GSM 7-bit 160 / 153 septets per page, UCS-2 (any other character, e.g. Persian)
 * 70 / 67 UTF-16 units per page. A surrogate pair or an escaped GSM character is
 * never split across pages.
 */
const GSM_BASIC = new Set(
	Array.from(
		'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
			'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
	),
);
const GSM_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

export type SmsEncoding = 'gsm7' | 'ucs2';

export function smsEncoding(text: string): SmsEncoding {
	for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return 'ucs2';
	return 'gsm7';
}

/** Number of pages; 0 for an empty text. */
export function smsPages(text: string): number {
	if (text.length === 0) return 0;
	const gsm = smsEncoding(text) === 'gsm7';
	const units = Array.from(text).map((ch) => (gsm ? (GSM_EXTENSION.has(ch) ? 2 : 1) : ch.length));
	const total = units.reduce((a, b) => a + b, 0);
	if (total <= (gsm ? 160 : 70)) return 1;
	const perPage = gsm ? 153 : 67;
	let pages = 1;
	let used = 0;
	for (const u of units) {
		if (used + u > perPage) {
			pages++;
			used = 0;
		}
		used += u;
	}
	return pages;
}
