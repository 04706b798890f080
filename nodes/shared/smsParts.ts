// GSM 03.38 basic set, and the extension characters that take two septets.
const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsPartInfo {
	encoding: 'GSM-7' | 'UCS-2';
	/** Characters as the network counts them (GSM extension characters count twice; UCS-2 counts UTF-16 units). */
	characters: number;
	parts: number;
}

/**
 * Counts the SMS parts a text takes: GSM-7 160 per single part, 153 per part when
 * concatenated; UCS-2 (any Persian character) 70 and 67. Informational: providers bill their own way.
 */
export function countSmsParts(text: string): SmsPartInfo {
	let septets = 0;
	let gsm = true;
	for (const char of text) {
		if (GSM_BASIC.includes(char)) septets += 1;
		else if (GSM_EXTENDED.includes(char)) septets += 2;
		else {
			gsm = false;
			break;
		}
	}
	if (gsm) {
		return { encoding: 'GSM-7', characters: septets, parts: partsFor(septets, 160, 153) };
	}
	const units = text.length; // UTF-16 code units, as UCS-2/UTF-16 on the air interface
	return { encoding: 'UCS-2', characters: units, parts: partsFor(units, 70, 67) };
}

function partsFor(length: number, single: number, perPart: number): number {
	if (length === 0) return 0;
	return length <= single ? 1 : Math.ceil(length / perPart);
}
