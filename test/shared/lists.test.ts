import { splitList } from '../../nodes/shared/lists';

describe('list fields', () => {
	it('splits lists from text, Persian separators and nested arrays', () => {
		expect(splitList('0912 123 4567, 09351234567;09121111111\n09122222222،09123333333')).toEqual([
			'0912 123 4567',
			'09351234567',
			'09121111111',
			'09122222222',
			'09123333333',
		]);
		expect(splitList(['0912,0935', ['0936']])).toEqual(['0912', '0935', '0936']);
		expect(splitList('')).toEqual([]);
		expect(splitList(undefined)).toEqual([]);
	});
});
