/**
 * Request signing of the ChinaTrainTickets API (spec §3), the one place it is done.
 *
 *   plain = "random=" + random + "&timestamp=" + time_stamp + "&terminal=" + terminal
 *   sign  = lowercase hex of HMAC-SHA256(key, lowercase hex of MD5(plain))
 *
 * The four fields travel in the body next to the business fields. They are made fresh
 * for every HTTP attempt (new UTC time, new random): nothing is reused on a retry.
 */
import { createHash, createHmac, randomInt } from 'node:crypto';

import { TERMINAL_WEB_PAGE } from './codes';

export const RANDOM_MIN = 10000;
export const RANDOM_MAX = 19999;

export interface SigningFields {
	terminal: number;
	/** UTC `yyyyMMddHHmmss` (a JSON string). */
	time_stamp: string;
	/** 10000 to 19999 (a JSON number). */
	random: number;
	/** 64 lowercase hex characters. */
	sign: string;
}

/**
 * Test vector A (spec §3.3), published so that anyone can check the implementation.
 * Its key is test data only: it is never a default or a fallback of the credential.
 */
export const VECTOR_A = {
	random: 12345,
	timeStamp: '20240101120000',
	terminal: 1,
	key: 'abc@123!',
	plain: 'random=12345&timestamp=20240101120000&terminal=1',
	md5: '2d013bf067b59289926c270465d34985',
	sign: '4c807e5a8fab27506acce3e258c37286e6a9a42c5580f8a27cbd345caa12c86e',
} as const;

export function signingPlainText(
	random: number,
	timeStamp: string,
	terminal: number = TERMINAL_WEB_PAGE,
): string {
	return `random=${random}&timestamp=${timeStamp}&terminal=${terminal}`;
}

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

export function computeSign(
	key: string,
	random: number,
	timeStamp: string,
	terminal: number = TERMINAL_WEB_PAGE,
): string {
	const digest = md5Hex(signingPlainText(random, timeStamp, terminal));
	return createHmac('sha256', Buffer.from(key, 'utf8')).update(digest, 'ascii').digest('hex');
}

/** `yyyyMMddHHmmss` in UTC (not Beijing time). */
export function formatUtcTimeStamp(at: Date): string {
	const two = (n: number) => String(n).padStart(2, '0');
	return (
		String(at.getUTCFullYear()).padStart(4, '0') +
		two(at.getUTCMonth() + 1) +
		two(at.getUTCDate()) +
		two(at.getUTCHours()) +
		two(at.getUTCMinutes()) +
		two(at.getUTCSeconds())
	);
}

/**
 * Randoms this process already used in the current second. A server that refuses replays sees
 * `(random, time_stamp)`; with only 10,000 randoms, two requests in the same second would
 * otherwise collide now and then (about 0.3% for 8 requests). Only the current second is kept.
 */
const usedThisSecond: { timeStamp: string; randoms: Set<number> } = {
	timeStamp: '',
	randoms: new Set(),
};
const RANDOM_SPAN = RANDOM_MAX - RANDOM_MIN + 1;

function freshRandom(timeStamp: string): number {
	if (usedThisSecond.timeStamp !== timeStamp) {
		usedThisSecond.timeStamp = timeStamp;
		usedThisSecond.randoms = new Set();
	}
	const used = usedThisSecond.randoms;
	let random = randomInt(RANDOM_MIN, RANDOM_MAX + 1);
	// Bounded: at most one pass over the range, and only when this second is crowded.
	for (let step = 0; used.has(random) && step < RANDOM_SPAN; step++) {
		random = random === RANDOM_MAX ? RANDOM_MIN : random + 1;
	}
	used.add(random);
	return random;
}

/** A fresh set of signing fields; `now` and `random` are injectable for tests only. */
export function signRequest(
	key: string,
	opts: { now?: Date; random?: number } = {},
): SigningFields {
	const timeStamp = formatUtcTimeStamp(opts.now ?? new Date());
	const random = opts.random ?? freshRandom(timeStamp);
	return {
		terminal: TERMINAL_WEB_PAGE,
		time_stamp: timeStamp,
		random,
		sign: computeSign(key, random, timeStamp),
	};
}

/** Checks this implementation against test vector A (proves the code, not a key). */
export function selfCheckVectorA(): boolean {
	return (
		signingPlainText(VECTOR_A.random, VECTOR_A.timeStamp, VECTOR_A.terminal) === VECTOR_A.plain &&
		md5Hex(VECTOR_A.plain) === VECTOR_A.md5 &&
		computeSign(VECTOR_A.key, VECTOR_A.random, VECTOR_A.timeStamp, VECTOR_A.terminal) ===
			VECTOR_A.sign
	);
}
