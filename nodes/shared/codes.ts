/** A provider's code table as data: code → English meaning (and, for delivery codes, a status class). */
export interface CodeEntry<Class extends string = string> {
	text: string;
	class?: Class;
}

export type CodeTable<Class extends string = string> = Readonly<Record<string, CodeEntry<Class>>>;

export function lookupCode<Class extends string>(
	table: CodeTable<Class>,
	code: number | string,
): CodeEntry<Class> | undefined {
	return table[String(code)];
}

/** English meaning of a code, or `Unknown code N` when the provider did not document it. */
export function describeCode(table: CodeTable, code: number | string): string {
	return lookupCode(table, code)?.text ?? `Unknown code ${code}`;
}
