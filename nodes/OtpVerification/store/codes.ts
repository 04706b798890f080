/** Codes at rest: an HMAC-SHA256 under the credential's key, compared in constant time. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_HASHING_KEY_LENGTH = 16;

/** The hash of a code for one challenge; the challenge id makes every challenge's hashes distinct. */
export function hashCode(key: string, challengeId: string, code: string): string {
	return createHmac('sha256', key).update(`${challengeId}:${code}`, 'utf8').digest('hex');
}

/** Whether `code` is the code whose hash is `storedHash`, in time independent of where they differ. */
export function codeMatches(key: string, challengeId: string, code: string, storedHash: string): boolean {
	const given = Buffer.from(hashCode(key, challengeId, code), 'hex');
	const stored = Buffer.from(storedHash, 'hex');
	// Both are SHA-256 digests unless the row was edited by hand; compare same-length buffers only.
	if (stored.length !== given.length) {
		timingSafeEqual(given, given);
		return false;
	}
	return timingSafeEqual(given, stored);
}

/** A new challenge id: 128 random bits as hex. */
export function newChallengeId(): string {
	return randomBytes(16).toString('hex');
}
