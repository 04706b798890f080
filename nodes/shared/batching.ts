/** Splits a list into consecutive chunks of at most `size` entries, keeping order. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new Error(`Invalid chunk size ${size}`);
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

/**
 * Groups entries by a key in first-seen order (entries keep their relative order inside each
 * group), so items that share sender and text can travel in one request.
 */
export function groupInOrder<T>(list: readonly T[], keyOf: (entry: T) => string): T[][] {
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const key = keyOf(entry);
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}
	return [...groups.values()];
}
