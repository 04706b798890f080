import { deterministicRequestId } from '../../nodes/shared/requestId';

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
