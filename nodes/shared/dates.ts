import { toLatinDigits } from './digits';

export const TEHRAN = 'Asia/Tehran';

export interface DateParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, calendar: 'gregory' | 'persian'): Intl.DateTimeFormat {
	const key = `${timeZone}|${calendar}`;
	let cached = formatters.get(key);
	if (!cached) {
		cached = new Intl.DateTimeFormat(`en-US-u-ca-${calendar}-nu-latn`, {
			timeZone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			hourCycle: 'h23',
		});
		formatters.set(key, cached);
	}
	return cached;
}

/** Wall-clock parts of an instant in a time zone, in the Gregorian or the Persian (Jalali) calendar. */
export function zonedParts(at: Date, timeZone: string, calendar: 'gregory' | 'persian' = 'gregory'): DateParts {
	const parts: Record<string, number> = {};
	for (const part of formatter(timeZone, calendar).formatToParts(at)) {
		if (part.type !== 'literal' && part.type !== 'era') parts[part.type] = parseInt(part.value, 10);
	}
	return {
		year: parts.year ?? parts.relatedYear,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second,
	};
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `YYYY-MM-DD` of the instant's local (Gregorian) day in the zone: a sortable day key. */
export function localDayKey(at: Date, timeZone: string): string {
	const p = zonedParts(at, timeZone);
	return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Shifts a `YYYY-MM-DD` day key by whole days. */
export function addDays(dayKey: string, days: number): string {
	const [y, m, d] = dayKey.split('-').map(Number);
	const shifted = new Date(Date.UTC(y, m - 1, d + days));
	return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The Jalali date `YYYY/MM/DD` (Latin digits) of a Gregorian `YYYY-MM-DD` day key. */
export function dayKeyToJalali(dayKey: string): string {
	const [y, m, d] = dayKey.split('-').map(Number);
	// Noon UTC of that date is the same calendar day in UTC, so read its Persian date in UTC.
	const p = zonedParts(new Date(Date.UTC(y, m - 1, d, 12)), 'UTC', 'persian');
	return `${pad(p.year, 4)}/${pad(p.month)}/${pad(p.day)}`;
}

/** Converts a Jalali date to Gregorian with Node's own Persian calendar (no date library). */
export function jalaliToGregorian(year: number, month: number, day: number): { year: number; month: number; day: number } | undefined {
	if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
	// 1 Farvardin falls on 20–22 March; start there and walk by the day difference.
	const dayOfYear = (month <= 6 ? (month - 1) * 31 : 186 + (month - 7) * 30) + day - 1;
	let guess = Date.UTC(year + 621, 2, 21, 12) + dayOfYear * 86_400_000;
	for (let attempt = 0; attempt < 4; attempt++) {
		const p = zonedParts(new Date(guess), 'UTC', 'persian');
		const got = (p.month <= 6 ? (p.month - 1) * 31 : 186 + (p.month - 7) * 30) + p.day - 1;
		if (p.year === year && p.month === month && p.day === day) {
			const g = new Date(guess);
			return { year: g.getUTCFullYear(), month: g.getUTCMonth() + 1, day: g.getUTCDate() };
		}
		// Leap years make the 365-day estimate one off; step by one day when it says "equal".
		const diff = (year - p.year) * 365 + (dayOfYear - got) || (year > p.year ? 1 : -1);
		guess += diff * 86_400_000;
	}
	return undefined;
}

/** The UTC instant of a wall-clock time in a zone (handles historical offsets through Intl). */
export function zonedTimeToUtc(p: DateParts, timeZone: string): Date {
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	let guess = asUtc;
	for (let attempt = 0; attempt < 3; attempt++) {
		const seen = zonedParts(new Date(guess), timeZone);
		const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
		const diff = asUtc - seenAsUtc;
		if (diff === 0) break;
		guess += diff;
	}
	return new Date(guess);
}

export type DatePrecision = 'day' | 'minute' | 'second';

/**
 * The calendar a provider's date field is written in, stated per field (never guessed from the
 * year, except where the provider's own documentation contradicts itself:
 * `jalaliOrGregorian` reads years below 1700 as Jalali).
 */
export type ProviderCalendar = 'gregorian' | 'jalali' | 'jalaliOrGregorian';

export interface ProviderDateFormat {
	timeZone: string;
	calendar: ProviderCalendar;
}

export interface ParsedProviderDate {
	at: Date;
	precision: DatePrecision;
	/** Local Gregorian day `YYYY-MM-DD` in the provider's zone. */
	dayKey: string;
}

/** .NET's `DateTime.MinValue` (`0001-01-01T00:00:00`), which APIs return for "no date". */
export function isNoDate(raw: unknown): boolean {
	return typeof raw === 'string' && /^0{0,3}1[-/]0?1[-/]0?1(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?(?:Z|[+-]00:?00)?$/.test(toLatinDigits(raw).trim());
}

/**
 * Reads the date strings Iranian APIs return: `Y/M/D` or `Y-M-D` with an optional ` HH:mm[:ss]`,
 * in the field's stated calendar, local to its zone; ISO 8601 with an offset as a fallback.
 * Persian digits are accepted. "No date" (.NET's minimum) and unreadable text give `undefined`.
 */
export function parseProviderDate(raw: unknown, format: ProviderDateFormat): ParsedProviderDate | undefined {
	if (typeof raw !== 'string' || isNoDate(raw)) return undefined;
	const { timeZone, calendar } = format;
	const text = toLatinDigits(raw).trim();
	const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
	if (match) {
		let year = Number(match[1]);
		let month = Number(match[2]);
		let day = Number(match[3]);
		if (calendar === 'jalali' || (calendar === 'jalaliOrGregorian' && year < 1700)) {
			const gregorian = jalaliToGregorian(year, month, day);
			if (!gregorian) return undefined;
			({ year, month, day } = gregorian);
		}
		if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
		const hasTime = match[4] !== undefined;
		const parts: DateParts = {
			year,
			month,
			day,
			hour: hasTime ? Number(match[4]) : 0,
			minute: hasTime ? Number(match[5]) : 0,
			second: match[6] !== undefined ? Number(match[6]) : 0,
		};
		const at = zonedTimeToUtc(parts, timeZone);
		return {
			at,
			precision: !hasTime ? 'day' : match[6] !== undefined ? 'second' : 'minute',
			dayKey: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
		};
	}
	if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
		const at = new Date(text);
		if (Number.isNaN(at.getTime())) return undefined;
		return { at, precision: 'second', dayKey: localDayKey(at, timeZone) };
	}
	return undefined;
}

/**
 * Writes an instant as a provider's local wall-clock text: `YYYY-MM-DD HH:mm:ss` (Gregorian) or
 * `YYYY/MM/DD HH:mm:ss` (Jalali), in the zone; `withTime: false` leaves the time out.
 */
export function formatProviderDate(at: Date, format: { timeZone: string; calendar: 'gregorian' | 'jalali'; withTime?: boolean }): string {
	const p = zonedParts(at, format.timeZone, format.calendar === 'jalali' ? 'persian' : 'gregory');
	const separator = format.calendar === 'jalali' ? '/' : '-';
	const date = [pad(p.year, 4), pad(p.month), pad(p.day)].join(separator);
	return format.withTime === false ? date : `${date} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
