/**
 * The emulator's own implementation of the signing scheme (spec §3.2), written
 * independently of the node's so that each checks the other:
 *   plain = "random=R&timestamp=T&terminal=1"
 *   sign  = hex(HMAC-SHA256(key, hex(MD5(plain))))   (all hex lowercase)
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function signingPlainText(random: number, timeStamp: string, terminal: number): string {
	return `random=${random}&timestamp=${timeStamp}&terminal=${terminal}`;
}

export function computeSign(
	key: string,
	random: number,
	timeStamp: string,
	terminal: number,
): string {
	const digest = createHash('md5')
		.update(signingPlainText(random, timeStamp, terminal), 'utf8')
		.digest('hex');
	return createHmac('sha256', Buffer.from(key, 'utf8')).update(digest, 'ascii').digest('hex');
}

/** Constant-time comparison of two lowercase hex signatures. */
export function signsEqual(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/** `yyyyMMddHHmmss` in UTC. */
export function formatTimeStamp(at: Date): string {
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	return (
		p(at.getUTCFullYear(), 4) +
		p(at.getUTCMonth() + 1) +
		p(at.getUTCDate()) +
		p(at.getUTCHours()) +
		p(at.getUTCMinutes()) +
		p(at.getUTCSeconds())
	);
}

/** Parses `yyyyMMddHHmmss` as a UTC instant (ms); undefined unless it is 14 digits forming a real date-time. */
export function parseTimeStamp(text: string): number | undefined {
	const m = /^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$/.exec(text);
	if (!m) return undefined;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
	const ms = Date.UTC(y, mo - 1, d, h, mi, s);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
		return undefined;
	return ms;
}
