import { countSmsParts } from '../../nodes/shared/smsParts';

describe('SMS part count', () => {
	it('counts GSM-7 texts at 160 / 153', () => {
		expect(countSmsParts('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, parts: 1 });
		expect(countSmsParts('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, parts: 2 });
		expect(countSmsParts('a'.repeat(306)).parts).toBe(2);
		expect(countSmsParts('a'.repeat(307)).parts).toBe(3);
	});

	it('counts GSM extension characters twice', () => {
		expect(countSmsParts('€'.repeat(80))).toEqual({ encoding: 'GSM-7', characters: 160, parts: 1 });
		expect(countSmsParts('€'.repeat(81)).parts).toBe(2);
	});

	it('counts Persian (UCS-2) texts at 70 / 67', () => {
		expect(countSmsParts('س'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, parts: 1 });
		expect(countSmsParts('س'.repeat(71)).parts).toBe(2);
		expect(countSmsParts('س'.repeat(134)).parts).toBe(2);
		expect(countSmsParts('س'.repeat(135)).parts).toBe(3);
		expect(countSmsParts('code 1234 کد').encoding).toBe('UCS-2');
	});

	it('has no parts for an empty text', () => {
		expect(countSmsParts('').parts).toBe(0);
	});
});
