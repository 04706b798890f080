import type { IDataObject } from 'n8n-workflow';

import { chunk, groupInOrder } from '../../nodes/shared/batching';
import { InboxCursor } from '../../nodes/shared/inboxCursor';
import { fillCodeTemplate, generateNumericCode, hasCodePlaceholder } from '../../nodes/shared/otp';
import { deterministicRequestId } from '../../nodes/shared/requestId';
import { bodySnippet, normaliseBaseUrl } from '../../nodes/shared/transport';

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

describe('request ids', () => {
	it('are deterministic UUIDs that change with any part', () => {
		const id = deterministicRequestId(['exec-1', 'node', '0', 'content']);
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(deterministicRequestId(['exec-1', 'node', '0', 'content'])).toBe(id);
		expect(deterministicRequestId(['exec-2', 'node', '0', 'content'])).not.toBe(id);
		expect(deterministicRequestId(['exec-1', 'node', '1', 'content'])).not.toBe(id);
		// Part boundaries matter: ['ab','c'] ≠ ['a','bc'].
		expect(deterministicRequestId(['ab', 'c'])).not.toBe(deterministicRequestId(['a', 'bc']));
	});
});

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

describe('inbox cursor', () => {
	it('changes static data only on commit, and prunes by key and bound', () => {
		const staticData: IDataObject = {};
		const cursor = InboxCursor.load(staticData, 3);
		cursor.remember('a', '2026-01-01');
		cursor.remember('b', '2026-01-02');
		cursor.advanceWatermark('2026-01-02');
		cursor.advanceWatermark('2026-01-01');
		expect(staticData).toEqual({});
		cursor.markInitialised();
		cursor.commit(staticData);
		const again = InboxCursor.load(staticData, 3);
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

describe('transport helpers', () => {
	it('normalises pasted base URLs', () => {
		expect(normaliseBaseUrl(' https://api.sepahansms.com/api/ ', ['/api', '/swagger'])).toBe('https://api.sepahansms.com');
		expect(normaliseBaseUrl('https://api.flashsms.ir/swagger', ['/api', '/swagger'])).toBe('https://api.flashsms.ir');
	});

	it('makes short, tag-free snippets without secrets', () => {
		const snippet = bodySnippet('<html><body><h1>502 Bad Gateway</h1> token=abcd1234secret</body></html>', ['abcd1234secret']);
		expect(snippet).toBe('502 Bad Gateway token=***');
	});
});
