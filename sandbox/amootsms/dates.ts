/**
 * Date-times as the AmootSMS API reads and writes them (spec §6.2): requests in
 * Tehran wall-clock time (`yyyy-MM-dd HH:mm:ss`), ISO 8601 with an offset, or the
 * en-US `DateTime.ToString()` of the C# samples; replies in Tehran time without an
 * offset and with 0–3 fractional digits, like .NET's `yyyy-MM-ddTHH:mm:ss.FFF`.
 */
import { pad, tehranToUtcMs, tehranWallTime } from '../core/iran-time';

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
	return (
		y >= 1 &&
		y <= 9999 &&
		mo >= 1 &&
		mo <= 12 &&
		d >= 1 &&
		d <= daysInMonth(y, mo) &&
		h <= 23 &&
		mi <= 59 &&
		s <= 59
	);
}

/** Milliseconds of a fraction string ('5' → 500, '59' → 590, '5904' → 590). */
function fractionMs(f: string | undefined): number {
	if (!f) return 0;
	return Math.floor(Number(`0.${f}`) * 1000);
}

/** A request date-time → UTC instant in ms; undefined when .NET would not parse it. */
export function parseRequestDateTime(text: string): number | undefined {
	const t = text.trim();
	let m =
		/^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,7}))?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$/.exec(
			t,
		);
	if (m) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
		if (!valid(y, mo, d, h, mi, s)) return undefined;
		const ms = fractionMs(m[7]);
		const zone = m[8];
		if (zone === undefined)
			return tehranToUtcMs({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }) + ms;
		if (m[4] === undefined) return undefined;
		const base = Date.UTC(y, mo - 1, d, h, mi, s) + ms;
		if (zone === 'Z') return base;
		const zm = /^([+-])([0-9]{2}):?([0-9]{2})$/.exec(zone)!;
		const offsetMin = (Number(zm[2]) * 60 + Number(zm[3])) * (zm[1] === '+' ? 1 : -1);
		if (Math.abs(offsetMin) > 14 * 60) return undefined;
		return base - offsetMin * 60_000;
	}
	// en-US DateTime.ToString(): M/d/yyyy h:mm:ss AM|PM (the seed's C# sample on an en-US server)
	m = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4}) ([0-9]{1,2}):([0-9]{2}):([0-9]{2}) ?(AM|PM)$/i.exec(
		t,
	);
	if (m) {
		const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
		let h = Number(m[4]);
		if (h < 1 || h > 12) return undefined;
		if (m[7].toUpperCase() === 'AM') h = h === 12 ? 0 : h;
		else h = h === 12 ? 12 : h + 12;
		const [mi, s] = [Number(m[5]), Number(m[6])];
		if (!valid(y, mo, d, h, mi, s)) return undefined;
		return tehranToUtcMs({ year: y, month: mo, day: d, hour: h, minute: mi, second: s });
	}
	return undefined;
}

/** An instant as the API writes it: Tehran time, no offset, trailing zeros of the fraction dropped. */
export function formatReplyDateTime(ms: number): string {
	const w = tehranWallTime(ms);
	const base = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
	const frac = ((ms % 1000) + 1000) % 1000;
	if (frac === 0) return base;
	return `${base}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}
