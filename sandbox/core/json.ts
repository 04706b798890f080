/**
 * Lossless JSON for the sandboxes.
 *
 * - `parseJson` is a strict RFC 8259 parser that returns every integer literal
 *   (no fraction, no exponent) as a `bigint`, so 64-bit ids never pass through a
 *   JS `number`. Literals with a fraction or exponent become `number`.
 * - `toJson` writes `bigint` values as bare JSON integer literals. This is the only
 *   way the sandboxes emit big ids: the JSON text is built here, never by
 *   `JSON.stringify` on a number.
 */

export type JsonValue = null | boolean | string | number | bigint | JsonValue[] | JsonObject;
export interface JsonObject {
	[key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(`${message} at position ${position}`);
		this.name = 'JsonSyntaxError';
	}
}

export function parseJson(text: string): JsonValue {
	let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

	const fail = (msg: string): never => {
		throw new JsonSyntaxError(msg, pos);
	};
	const skipWs = () => {
		while (pos < text.length) {
			const c = text[pos];
			if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
			else break;
		}
	};
	const expectLiteral = (word: string) => {
		if (text.startsWith(word, pos)) pos += word.length;
		else fail(`Unexpected token '${text[pos] ?? 'end of input'}'`);
	};

	const parseString = (): string => {
		pos++; // opening quote
		let out = '';
		let chunkStart = pos;
		while (true) {
			if (pos >= text.length) fail('Unterminated string');
			const c = text.charCodeAt(pos);
			if (c === 0x22) {
				out += text.slice(chunkStart, pos);
				pos++;
				return out;
			}
			if (c < 0x20) fail('Control character in string');
			if (c === 0x5c) {
				out += text.slice(chunkStart, pos);
				const e = text[pos + 1];
				switch (e) {
					case '"':
						out += '"';
						break;
					case '\\':
						out += '\\';
						break;
					case '/':
						out += '/';
						break;
					case 'b':
						out += '\b';
						break;
					case 'f':
						out += '\f';
						break;
					case 'n':
						out += '\n';
						break;
					case 'r':
						out += '\r';
						break;
					case 't':
						out += '\t';
						break;
					case 'u': {
						const hex = text.slice(pos + 2, pos + 6);
						if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid unicode escape');
						out += String.fromCharCode(parseInt(hex, 16));
						pos += 4;
						break;
					}
					default:
						fail('Invalid escape');
				}
				pos += 2;
				chunkStart = pos;
				continue;
			}
			pos++;
		}
	};

	const parseNumber = (): number | bigint => {
		const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(pos, pos + 400));
		if (!m) return fail('Invalid number');
		pos += m[0].length;
		if (m[1] === undefined && m[2] === undefined) return BigInt(m[0]);
		return Number(m[0]);
	};

	const parseValue = (depth: number): JsonValue => {
		if (depth > 200) fail('Nesting too deep');
		skipWs();
		const c = text[pos];
		if (c === '{') {
			pos++;
			const obj: JsonObject = Object.create(null) as JsonObject;
			skipWs();
			if (text[pos] === '}') {
				pos++;
				return obj;
			}
			while (true) {
				skipWs();
				if (text[pos] !== '"') fail('Expected property name');
				const key = parseString();
				skipWs();
				if (text[pos] !== ':') fail("Expected ':'");
				pos++;
				obj[key] = parseValue(depth + 1);
				skipWs();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === '}') {
					pos++;
					return obj;
				}
				fail("Expected ',' or '}'");
			}
		}
		if (c === '[') {
			pos++;
			const arr: JsonValue[] = [];
			skipWs();
			if (text[pos] === ']') {
				pos++;
				return arr;
			}
			while (true) {
				arr.push(parseValue(depth + 1));
				skipWs();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === ']') {
					pos++;
					return arr;
				}
				fail("Expected ',' or ']'");
			}
		}
		if (c === '"') return parseString();
		if (c === 't') {
			expectLiteral('true');
			return true;
		}
		if (c === 'f') {
			expectLiteral('false');
			return false;
		}
		if (c === 'n') {
			expectLiteral('null');
			return null;
		}
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
		return fail(c === undefined ? 'Unexpected end of input' : `Unexpected token '${c}'`);
	};

	const value = parseValue(0);
	skipWs();
	if (pos !== text.length) fail('Unexpected data after JSON value');
	return value;
}

/** A value `toJson` can write. Dates become ISO strings; undefined object members are skipped. */
export type Jsonable =
	| null
	| undefined
	| boolean
	| string
	| number
	| bigint
	| Date
	| readonly Jsonable[]
	| { readonly [key: string]: Jsonable };

export function toJson(value: Jsonable, indent = 0): string {
	return write(value, indent, '');
}

function write(value: Jsonable, indent: number, pad: string): string {
	if (value === null || value === undefined) return 'null';
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'string':
			return JSON.stringify(value);
		case 'bigint':
			return value.toString();
		case 'number':
			if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON`);
			return JSON.stringify(value);
		default:
			break;
	}
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	const inner = indent > 0 ? pad + ' '.repeat(indent) : '';
	const nl = indent > 0 ? '\n' : '';
	const colon = indent > 0 ? ': ' : ':';
	if (Array.isArray(value)) {
		const arr = value as readonly Jsonable[];
		if (arr.length === 0) return '[]';
		return `[${nl}${arr.map((v) => inner + write(v, indent, inner)).join(`,${nl}`)}${nl}${pad}]`;
	}
	const obj = value as { readonly [key: string]: Jsonable };
	const members = Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.map((k) => `${inner}${JSON.stringify(k)}${colon}${write(obj[k], indent, inner)}`);
	if (members.length === 0) return '{}';
	return `{${nl}${members.join(`,${nl}`)}${nl}${pad}}`;
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Property lookup the way ASP.NET Core's default JSON options bind it:
 * case-insensitive, exact match preferred.
 */
export function getMember(obj: JsonObject, name: string): JsonValue | undefined {
	if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
	const lower = name.toLowerCase();
	let found: JsonValue | undefined;
	for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) found = obj[key];
	return found;
}

/** Replaces the string values of the named JSON members (any depth) with "***". */
export function maskJsonStringMembers(text: string, names: readonly string[]): string {
	if (names.length === 0) return text;
	const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
	const re = new RegExp(`("(?:${alt})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
	return text.replace(re, '$1"***"');
}
