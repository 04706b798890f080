import { exactInteger, integerToString, parseJsonPreservingBigInts, stringifyJsonExact } from '../../nodes/shared/json';

describe('big-int-safe JSON', () => {
	it('keeps 64-bit ids exact and other numbers as numbers', () => {
		const parsed = parseJsonPreservingBigInts(
			'{"ids":[639027944154527201,-4,9223372036854775807],"price":2837,"ratio":1.5,"text":"سلام"}',
		) as { ids: unknown[]; price: unknown; ratio: unknown; text: unknown };
		expect(parsed.ids).toEqual(['639027944154527201', -4, '9223372036854775807']);
		expect(parsed.price).toBe(2837);
		expect(parsed.ratio).toBe(1.5);
		expect(parsed.text).toBe('سلام');
		// What JSON.parse would have done:
		expect(String((JSON.parse('[639027944154527201]') as number[])[0])).toBe('639027944154527200');
	});

	it('converts integers to exact strings', () => {
		expect(integerToString(12)).toBe('12');
		expect(integerToString('639027944154527201')).toBe('639027944154527201');
		expect(integerToString('12.5')).toBeUndefined();
	});

	it('writes exact integers as bare literals and everything else as JSON.stringify does', () => {
		expect(stringifyJsonExact(['639027944154527201', '5'].map(exactInteger))).toBe('[639027944154527201,5]');
		expect(stringifyJsonExact({ ids: [exactInteger('9223372036854775807')], text: 'سلام "x"', n: 1.5, flag: true, none: null })).toBe(
			JSON.stringify({ ids: [0], text: 'سلام "x"', n: 1.5, flag: true, none: null }).replace('[0]', '[9223372036854775807]'),
		);
		expect(() => exactInteger('12a')).toThrow('Not a decimal integer');
	});
});
