import { TEHRAN, addDays, dayKeyToJalali, formatProviderDate, isNoDate, jalaliToGregorian, localDayKey, parseProviderDate } from '../../nodes/shared/dates';

const either = { timeZone: TEHRAN, calendar: 'jalaliOrGregorian' } as const;

describe('Persian calendar and Tehran dates (Node Intl, no library)', () => {
	it('converts Gregorian days to Jalali', () => {
		expect(dayKeyToJalali('2025-12-31')).toBe('1404/10/10');
		expect(dayKeyToJalali('2025-07-02')).toBe('1404/04/11');
		expect(dayKeyToJalali('2025-03-21')).toBe('1404/01/01');
		expect(dayKeyToJalali('2025-03-20')).toBe('1403/12/30');
	});

	it('converts Jalali to Gregorian, leap years included, and round-trips 2000 days', () => {
		expect(jalaliToGregorian(1404, 10, 10)).toEqual({ year: 2025, month: 12, day: 31 });
		expect(jalaliToGregorian(1403, 12, 30)).toEqual({ year: 2025, month: 3, day: 20 });
		expect(jalaliToGregorian(1404, 12, 30)).toBeUndefined();
		let day = '2022-01-01';
		for (let i = 0; i < 2000; i++) {
			const [y, m, d] = dayKeyToJalali(day).split('/').map(Number);
			const g = jalaliToGregorian(y, m, d);
			expect(g && `${g.year}-${String(g.month).padStart(2, '0')}-${String(g.day).padStart(2, '0')}`).toBe(day);
			day = addDays(day, 1);
		}
	});

	it('reads provider dates in Tehran time with their precision', () => {
		expect(parseProviderDate('2025/07/02', either)).toEqual({
			at: new Date('2025-07-01T20:30:00.000Z'),
			precision: 'day',
			dayKey: '2025-07-02',
		});
		expect(parseProviderDate('1404/10/10 13:05:09', either)).toEqual({
			at: new Date('2025-12-31T09:35:09.000Z'),
			precision: 'second',
			dayKey: '2025-12-31',
		});
		expect(parseProviderDate('۱۴۰۴/۱۰/۱۰', either)?.dayKey).toBe('2025-12-31');
		expect(parseProviderDate('2025-12-31T10:00:00Z', either)?.precision).toBe('second');
		expect(parseProviderDate('yesterday', either)).toBeUndefined();
		expect(parseProviderDate('2025/13/01', either)).toBeUndefined();
	});

	it('reads a field in its stated calendar, never guessing from the year', () => {
		expect(parseProviderDate('1404/10/10', { timeZone: TEHRAN, calendar: 'jalali' })?.dayKey).toBe('2025-12-31');
		// A Gregorian field with a year below 1700 stays Gregorian (or, like year 622, unreadable as a date we accept).
		expect(parseProviderDate('1404/10/10', { timeZone: TEHRAN, calendar: 'gregorian' })?.dayKey).toBe('1404-10-10');
		expect(parseProviderDate('2025/12/31', { timeZone: TEHRAN, calendar: 'gregorian' })?.dayKey).toBe('2025-12-31');
	});

	it("reads .NET's 0001-01-01 as no date, in every calendar", () => {
		for (const raw of ['0001-01-01T00:00:00', '0001-01-01 00:00:00', '0001/01/01', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.0000000']) {
			expect(isNoDate(raw)).toBe(true);
			for (const calendar of ['gregorian', 'jalali', 'jalaliOrGregorian'] as const) {
				expect(parseProviderDate(raw, { timeZone: TEHRAN, calendar })).toBeUndefined();
			}
		}
		expect(isNoDate('2001-01-01T00:00:00')).toBe(false);
	});

	it('writes instants as Tehran wall-clock text in either calendar', () => {
		const at = new Date('2025-12-31T09:35:09Z');
		expect(formatProviderDate(at, { timeZone: TEHRAN, calendar: 'gregorian' })).toBe('2025-12-31 13:05:09');
		expect(formatProviderDate(at, { timeZone: TEHRAN, calendar: 'jalali' })).toBe('1404/10/10 13:05:09');
		expect(formatProviderDate(at, { timeZone: TEHRAN, calendar: 'jalali', withTime: false })).toBe('1404/10/10');
	});

	it('uses the Tehran day, not the UTC day', () => {
		expect(localDayKey(new Date('2025-12-31T20:29:59Z'), TEHRAN)).toBe('2025-12-31');
		expect(localDayKey(new Date('2025-12-31T20:30:00Z'), TEHRAN)).toBe('2026-01-01');
	});
});
