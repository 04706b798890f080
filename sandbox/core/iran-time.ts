/**
 * Asia/Tehran wall-clock and Jalali (Persian calendar) helpers, built on Node's
 * Intl (full ICU). Shared by the Iranian providers' sandboxes.
 */
export const TEHRAN_TZ = 'Asia/Tehran';

export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const tehranFmt = new Intl.DateTimeFormat('en-US', {
	timeZone: TEHRAN_TZ,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
});

const jalaliFmtUtc = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
	timeZone: 'UTC',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
});

function partsOf(fmt: Intl.DateTimeFormat, ms: number): Record<string, number> {
	const out: Record<string, number> = {};
	for (const p of fmt.formatToParts(new Date(ms))) {
		if (p.type !== 'literal' && p.type !== 'era') out[p.type] = Number(p.value);
	}
	return out;
}

/** Gregorian wall-clock time in Tehran at an instant. */
export function tehranWallTime(at: Date | number): WallTime {
	const p = partsOf(tehranFmt, typeof at === 'number' ? at : at.getTime());
	return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** UTC instant of a Tehran wall-clock time (Gregorian fields). */
export function tehranToUtcMs(w: WallTime): number {
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	let guess = asUtc - 3.5 * 3600_000;
	for (let i = 0; i < 3; i++) {
		const seen = tehranWallTime(guess);
		const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
		const diff = asUtc - seenAsUtc;
		if (diff === 0) break;
		guess += diff;
	}
	return guess;
}

/** Seconds since Tehran midnight at an instant. */
export function tehranSecondsOfDay(at: Date | number): number {
	const w = tehranWallTime(at);
	return w.hour * 3600 + w.minute * 60 + w.second;
}

/** 'YYYY-MM-DD' (Gregorian) of the Tehran calendar day of an instant. */
export function tehranDayKey(at: Date | number): string {
	const w = tehranWallTime(at);
	return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

export interface JalaliDate {
	year: number;
	month: number;
	day: number;
}

/** Jalali date of a Gregorian calendar date (y, m 1-12, d). */
export function gregorianToJalali(year: number, month: number, day: number): JalaliDate {
	const p = partsOf(jalaliFmtUtc, Date.UTC(year, month - 1, day, 12));
	return { year: p.year, month: p.month, day: p.day };
}

function jalaliDayOfYear(month: number, day: number): number {
	return month <= 6 ? (month - 1) * 31 + day : 186 + (month - 7) * 30 + day;
}

/**
 * Gregorian date of a Jalali date, or undefined when the Jalali date does not
 * exist (e.g. 1403/12/30 in a common year, month 13, day 32).
 */
export function jalaliToGregorian(year: number, month: number, day: number): { year: number; month: number; day: number } | undefined {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
	if (year < 1 || year > 9000 || month < 1 || month > 12 || day < 1 || day > (month <= 6 ? 31 : 30)) return undefined;
	// Start near Nowruz of that year and walk by the day-of-year difference; a few corrections at most.
	let ms = Date.UTC(year + 621, 2, 21, 12);
	const target = jalaliDayOfYear(month, day);
	for (let i = 0; i < 4; i++) {
		const j = partsOf(jalaliFmtUtc, ms);
		const yearShift = j.year === year ? 0 : j.year < year ? 365 : -365;
		const delta = target - jalaliDayOfYear(j.month, j.day) + yearShift;
		if (delta === 0) break;
		ms += delta * 86_400_000;
	}
	const check = partsOf(jalaliFmtUtc, ms);
	if (check.year !== year || check.month !== month || check.day !== day) return undefined;
	const d = new Date(ms);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 'YYYY/MM/DD' Jalali date of an instant, in Tehran. */
export function formatJalaliTehran(at: Date | number): string {
	const w = tehranWallTime(at);
	const j = gregorianToJalali(w.year, w.month, w.day);
	return `${j.year}/${pad(j.month)}/${pad(j.day)}`;
}
