/**
 * Splits a list field into single entries: an array (from an expression, nested arrays
 * flattened), or a string with commas, semicolons, Persian commas or line breaks between entries.
 */
export function splitList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.flatMap((entry) => splitList(entry));
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string') return value === undefined || value === null ? [] : [value];
	return value
		.split(/[,;،؛\n\r]+/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}
