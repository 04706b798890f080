import type { IDataObject } from 'n8n-workflow';

import { InboxCursor, compareKeys } from '../../nodes/shared/inboxCursor';

describe('inbox cursor', () => {
	it('changes static data only on commit, and prunes by key and bound', () => {
		const staticData: IDataObject = {};
		const cursor = InboxCursor.load(staticData, 'instant', 3);
		cursor.remember('a', '2026-01-01');
		cursor.remember('b', '2026-01-02');
		cursor.advanceWatermark('2026-01-02');
		cursor.advanceWatermark('2026-01-01');
		expect(staticData).toEqual({});
		cursor.markInitialised();
		cursor.commit(staticData);
		const again = InboxCursor.load(staticData, 'instant', 3);
		expect(again.initialised).toBe(true);
		expect(again.watermark).toBe('2026-01-02');
		expect(again.has('a')).toBe(true);
		again.prune('2026-01-02');
		expect(again.has('a')).toBe(false);
		expect(again.has('b')).toBe(true);
		for (const [id, key] of [['c', '2026-01-03'], ['d', '2026-01-04'], ['e', '2026-01-05']]) again.remember(id, key);
		again.prune('2026-01-01');
		expect(again.size).toBe(3);
		expect(again.has('b')).toBe(false);
		expect(again.has('e')).toBe(true);
	});
});

describe('inbox cursor ordering, as the provider states it', () => {
	it("compares numeric ids as big integers: '999' comes before '1000'", () => {
		expect(compareKeys('integer', '999', '1000')).toBeLessThan(0);
		expect(compareKeys('integer', '18446744073709551616', '9223372036854775807')).toBeGreaterThan(0);
		// As text the order would be wrong, which is why the provider states it.
		expect(compareKeys('text', '999', '1000')).toBeGreaterThan(0);
		const staticData: IDataObject = {};
		const cursor = InboxCursor.load(staticData, 'integer');
		cursor.advanceWatermark('999');
		cursor.advanceWatermark('1000');
		cursor.advanceWatermark('998');
		expect(cursor.watermark).toBe('1000');
		cursor.remember('a', '999');
		cursor.remember('b', '1000');
		cursor.prune('1000');
		expect([cursor.has('a'), cursor.has('b')]).toEqual([false, true]);
	});

	it('compares dates as instants, whatever their offset', () => {
		expect(compareKeys('instant', '2026-03-10T00:30:00+03:30', '2026-03-09T22:00:00Z')).toBeLessThan(0);
		expect(compareKeys('instant', '2026-03-09', '2026-03-10')).toBeLessThan(0);
	});
});
