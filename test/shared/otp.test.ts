import { fillCodeTemplate, generateNumericCode, hasCodePlaceholder } from '../../nodes/shared/otp';

describe('OTP codes', () => {
	it('generates numeric codes of the asked length from all ten digits', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const code = generateNumericCode(6);
			expect(code).toMatch(/^[0-9]{6}$/);
			for (const digit of code) seen.add(digit);
		}
		expect(seen.size).toBe(10);
		expect(() => generateNumericCode(3)).toThrow(RangeError);
		expect(() => generateNumericCode(11)).toThrow(RangeError);
	});

	it('fills {code} and {{code}} placeholders', () => {
		expect(hasCodePlaceholder('Your code: {code}')).toBe(true);
		expect(hasCodePlaceholder('Your code')).toBe(false);
		expect(fillCodeTemplate('کد شما: {code} ({{ code }})', '0042')).toBe('کد شما: 0042 (0042)');
	});
});
