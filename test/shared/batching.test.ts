import { chunk, groupInOrder } from '../../nodes/shared/batching';

describe('batching', () => {
	it('chunks 10,000 recipients into ceil(10,000 / 100) = 100 chunks, order kept', () => {
		const list = Array.from({ length: 10_000 }, (_, i) => i);
		const chunks = chunk(list, 100);
		expect(chunks).toHaveLength(100);
		expect(chunks.flat()).toEqual(list);
		expect(chunk(list.slice(0, 101), 100).map((c) => c.length)).toEqual([100, 1]);
	});

	it('groups by key in first-seen order', () => {
		expect(groupInOrder(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => s[0])).toEqual([['a1', 'a2'], ['b1', 'b2'], ['c1']]);
	});
});
