/**
 * How many SMS parts the sandbox bills for a text (spec §6.4): GSM-7 text 160 septets in one
 * part, 153 per part when concatenated, extension characters taking two septets; any other
 * character (Persian, emoji) makes the text UCS-2: 70 UTF-16 units, 67 per part.
 */
const GSM7 = new Set(
	Array.from(
		'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
			'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
	),
);
const GSM7_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

export function billedParts(text: string): number {
	if (text === '') return 0;
	let septets = 0;
	for (const ch of text) {
		if (GSM7.has(ch)) septets += 1;
		else if (GSM7_EXTENSION.has(ch)) septets += 2;
		else return split(text.length, 70, 67);
	}
	return split(septets, 160, 153);
}

function split(units: number, single: number, perPart: number): number {
	return units <= single ? 1 : Math.ceil(units / perPart);
}
