import { createHash, createHmac } from 'node:crypto';

import {
	computeSign,
	formatUtcTimeStamp,
	md5Hex,
	RANDOM_MAX,
	RANDOM_MIN,
	selfCheckVectorA,
	signingPlainText,
	signRequest,
	VECTOR_A,
} from '../../nodes/ChinaTrainTickets/transport/signing';
import { computeSign as sandboxSign } from '../../sandbox/chinatraintickets';

describe('ChinaTrainTickets signing (spec §3)', () => {
	it('reproduces test vector A with its exact published values', () => {
		expect(signingPlainText(12345, '20240101120000', 1)).toBe(
			'random=12345&timestamp=20240101120000&terminal=1',
		);
		expect(md5Hex('random=12345&timestamp=20240101120000&terminal=1')).toBe(
			'2d013bf067b59289926c270465d34985',
		);
		expect(computeSign('abc@123!', 12345, '20240101120000', 1)).toBe(
			'4c807e5a8fab27506acce3e258c37286e6a9a42c5580f8a27cbd345caa12c86e',
		);
		expect(
			signRequest('abc@123!', { now: new Date('2024-01-01T12:00:00Z'), random: 12345 }),
		).toEqual({
			terminal: 1,
			time_stamp: '20240101120000',
			random: 12345,
			sign: VECTOR_A.sign,
		});
		expect(selfCheckVectorA()).toBe(true);
	});

	it('agrees with the emulator and with a plain node:crypto computation for other inputs', () => {
		for (const [key, random, ts] of [
			['k', 10000, '20260301080000'],
			['密钥-ключ', 19999, '19991231235959'],
			['', 15000, '20240229000000'],
		] as const) {
			const expected = createHmac('sha256', key)
				.update(
					createHash('md5').update(`random=${random}&timestamp=${ts}&terminal=1`).digest('hex'),
				)
				.digest('hex');
			expect(computeSign(key, random, ts)).toBe(expected);
			expect(sandboxSign(key, random, ts, 1)).toBe(expected);
		}
	});

	it('writes the time in UTC, zero-padded, 14 digits (never Beijing time)', () => {
		expect(formatUtcTimeStamp(new Date('2026-03-01T23:05:09+08:00'))).toBe('20260301150509');
		expect(formatUtcTimeStamp(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102030405');
	});

	it('draws a fresh random in 10000..19999 and a lowercase 64-hex sign for every call', () => {
		const seen = new Set<number>();
		for (let i = 0; i < 200; i++) {
			const f = signRequest('key');
			expect(f.random).toBeGreaterThanOrEqual(RANDOM_MIN);
			expect(f.random).toBeLessThanOrEqual(RANDOM_MAX);
			expect(Number.isInteger(f.random)).toBe(true);
			expect(f.sign).toMatch(/^[0-9a-f]{64}$/);
			expect(f.time_stamp).toMatch(/^[0-9]{14}$/);
			seen.add(f.random);
		}
		expect(seen.size).toBeGreaterThan(150);
	});

	it('never repeats a random within the same second in this process (a replay-checking server would refuse it)', () => {
		const now = new Date('2026-03-01T08:00:00Z');
		const randoms = Array.from({ length: 2000 }, () => signRequest('key', { now }).random);
		expect(new Set(randoms).size).toBe(2000);
		expect(randoms.every((r) => r >= RANDOM_MIN && r <= RANDOM_MAX)).toBe(true);
		const next = signRequest('key', { now: new Date('2026-03-01T08:00:01Z') });
		expect(next.time_stamp).toBe('20260301080001');
	});
});
