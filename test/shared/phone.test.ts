import { formatIranianMobile, parseIranianMobile, parseLineNumber } from '../../nodes/shared/phone';

describe('Iranian mobile numbers', () => {
	it.each([
		['09121234567', '9121234567'],
		['9121234567', '9121234567'],
		['+989121234567', '9121234567'],
		['989121234567', '9121234567'],
		['00989121234567', '9121234567'],
		['۰۹۱۲۱۲۳۴۵۶۷', '9121234567'],
		['٠٩١٢١٢٣٤٥٦٧', '9121234567'],
		['0912 123 4567', '9121234567'],
		['0912-123-4567', '9121234567'],
		['+98 (912) 123-4567', '9121234567'],
		['\u200e09121234567\u200f', '9121234567'],
		[9121234567, '9121234567'],
	])('accepts %j', (input, expected) => {
		expect(parseIranianMobile(input)).toBe(expected);
	});

	it.each([
		'',
		'0912123456',
		'091212345678',
		'08121234567',
		'+449121234567',
		'0912123456a',
		'021-12345678',
		'++989121234567',
		null,
		undefined,
		{},
	])('rejects %j', (input) => {
		expect(parseIranianMobile(input)).toBeUndefined();
	});

	it('formats for each API', () => {
		expect(formatIranianMobile('9121234567', 'national')).toBe('09121234567');
		expect(formatIranianMobile('9121234567', 'international')).toBe('989121234567');
		expect(formatIranianMobile('9121234567', 'e164')).toBe('+989121234567');
		expect(formatIranianMobile('9121234567', 'subscriber')).toBe('9121234567');
	});

	it('reads sender lines as digits only', () => {
		expect(parseLineNumber('۳۰۰۰۱۲۳۴۵۶')).toBe('3000123456');
		expect(parseLineNumber('+98 3000 1234')).toBe('9830001234');
		expect(parseLineNumber('sender')).toBeUndefined();
		expect(parseLineNumber('12')).toBeUndefined();
	});
});
