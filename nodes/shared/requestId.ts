import { createHash } from 'node:crypto';

/**
 * A UUID-formatted id derived from its parts (SHA-256, version nibble 8 = "custom"): the same
 * execution, node, batch index and batch content always give the same id, so a retry of the
 * same batch is recognised by the provider as a duplicate instead of being sent twice.
 */
export function deterministicRequestId(parts: readonly string[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(`${part.length}:${part}`);
	const hex = hash.digest('hex').slice(0, 32).split('');
	hex[12] = '8';
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const h = hex.join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
