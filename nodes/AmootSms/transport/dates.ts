import {
	TEHRAN,
	formatProviderDate,
	isNoDate,
	parseProviderDate,
	zonedParts,
	zonedTimeToUtc,
} from '../../shared/dates';

/**
 * AmootSMS date-times (spec §6.2): requests in Tehran wall-clock time `yyyy-MM-dd HH:mm:ss`
 * (Gregorian); replies in Tehran time without an offset and with 0–3 fractional digits
 * (`2025-10-07T11:26:26.31`); .NET's `0001-01-01T00:00:00` means "none".
 */

/** An instant as the API's request text: `yyyy-MM-dd HH:mm:ss`, Tehran time. */
export function toApiDateTime(at: Date): string {
	return formatProviderDate(at, { timeZone: TEHRAN, calendar: 'gregorian' });
}

const REPLY = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/** A reply's date-time as an instant; undefined for "none" (.NET's minimum) or unreadable text. */
export function fromApiDateTime(raw: unknown): Date | undefined {
	if (typeof raw !== 'string' || isNoDate(raw)) return undefined;
	const match = REPLY.exec(raw.trim());
	if (match) {
		const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
		const fraction = match[7] ? Math.floor(Number(`0.${match[7]}`) * 1000) : 0;
		const at = zonedTimeToUtc({ year, month, day, hour, minute, second }, TEHRAN);
		return new Date(at.getTime() + fraction);
	}
	return parseProviderDate(raw, { timeZone: TEHRAN, calendar: 'gregorian' })?.at;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** ISO 8601 in Tehran time with its offset, e.g. `2026-01-05T09:40:00.000+03:30`. */
export function toTehranIso(at: Date): string {
	const p = zonedParts(at, TEHRAN);
	const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	const offsetMinutes = Math.round((wallAsUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const ms = ((at.getTime() % 1000) + 1000) % 1000;
	return (
		`${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(ms, 3)}` +
		`${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
	);
}

/** A reply's date-time as ISO 8601 with the Tehran offset, or null for "none". */
export function apiDateTimeToIso(raw: unknown): string | null {
	const at = fromApiDateTime(raw);
	return at ? toTehranIso(at) : null;
}
