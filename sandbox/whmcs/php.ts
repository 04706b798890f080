/**
 * The PHP side of a WHMCS installation, as far as the API shows it: how `$_POST`
 * is built from a form body, how values are read (truthiness), how `json_encode`
 * writes, and the XML / NVP response types.
 */
import { createHash } from 'node:crypto';

import { toJson } from '../core/json';
import type { Jsonable } from '../core/json';

/** A `$_POST` value: a string, or a one-level array from `name[key]=value` / `name[]=value`. */
export type PostValue = string | Record<string, string>;
export type PostFields = Record<string, PostValue>;

const BRACKET_RE = /^([^[\]]+)\[([^[\]]*)\]$/;

/**
 * Parses `application/x-www-form-urlencoded` the way PHP fills `$_POST`:
 * `+` is a space, the last duplicate wins, `a[k]=v` and `a[]=v` build an array.
 */
export function parsePhpForm(body: string): PostFields {
	const out: PostFields = Object.create(null) as PostFields;
	for (const [key, value] of new URLSearchParams(body)) {
		const m = BRACKET_RE.exec(key);
		if (!m) {
			out[key] = value;
			continue;
		}
		const [, name, sub] = m;
		let arr = out[name];
		if (typeof arr !== 'object') {
			arr = Object.create(null) as Record<string, string>;
			out[name] = arr;
		}
		const index = sub === '' ? String(Object.keys(arr).filter((k) => /^[0-9]+$/.test(k)).length) : sub;
		arr[index] = value;
	}
	return out;
}

/** A field read as a string (`App::getFromRequest`): arrays read as ''. */
export function str(fields: PostFields, name: string): string {
	const v = fields[name];
	return typeof v === 'string' ? v : '';
}

/** PHP truthiness of a request string: only '' and '0' are false (so 'false' is true). */
export function phpTruthy(value: string): boolean {
	return value !== '' && value !== '0';
}

/** PHP `(int)` of a request string: leading digits, else 0. */
export function phpInt(value: string): number {
	const m = /^\s*([+-]?[0-9]+)/.exec(value);
	if (!m) return 0;
	const n = Number(m[1]);
	return Number.isSafeInteger(n) ? n : 0;
}

/** Close to PHP's FILTER_VALIDATE_EMAIL for ordinary addresses. */
export function isValidEmail(value: string): boolean {
	if (value.length > 254) return false;
	return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(
		value,
	) && !/^\.|\.\.|\.@/.test(value);
}

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * `json_encode` with default flags: `/` written as `\/`, every non-ASCII character
 * as `\uXXXX` (UTF-16 units). Only valid inside strings, which is where JSON has them.
 */
export function phpJson(value: Jsonable): string {
	return toJson(value)
		.replace(/\//g, '\\/')
		.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function xmlEscape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlValue(value: Jsonable): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return (value as readonly Jsonable[]).map((v) => `<item>${xmlValue(v)}</item>`).join('');
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, Jsonable>)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>`)
			.join('');
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return xmlEscape(String(value));
}

/** `responsetype=xml` (and, by default here, no responsetype at all). */
export function phpXml(action: string, value: Record<string, Jsonable>, version: string): string {
	const members = Object.entries(value)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>\n`)
		.join('');
	return `<?xml version="1.0" encoding="utf-8"?>\n<whmcsapi version="${version}">\n<action>${xmlEscape(action)}</action>\n${members}</whmcsapi>`;
}

/** `responsetype=nvp` (deprecated): `key=value;` pairs, nested values flattened. */
export function phpNvp(value: Record<string, Jsonable>): string {
	const parts: string[] = [];
	const walk = (prefix: string, v: Jsonable) => {
		if (v === undefined) return;
		if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
			for (const [k, inner] of Object.entries(v as Record<string, Jsonable>)) walk(prefix ? `${prefix}[${k}]` : k, inner);
			return;
		}
		parts.push(`${prefix}=${v === null ? '' : v instanceof Date ? v.toISOString() : String(v)}`);
	};
	walk('', value);
	return parts.join(';');
}

/**
 * PHP `unserialize()` of a flat array of scalars (what SendEmail's `customvars` carries
 * after `base64_decode`). Returns undefined for anything else. Lengths are UTF-8 bytes.
 */
export function unserializeFlatArray(text: string): Record<string, string> | undefined {
	const buf = Buffer.from(text, 'utf8');
	let pos = 0;
	const readUntil = (ch: string): string | undefined => {
		const end = buf.indexOf(ch, pos, 'utf8');
		if (end < 0) return undefined;
		const s = buf.subarray(pos, end).toString('utf8');
		pos = end + 1;
		return s;
	};
	const expect = (s: string): boolean => {
		if (buf.subarray(pos, pos + s.length).toString('utf8') !== s) return false;
		pos += s.length;
		return true;
	};
	const readScalar = (): string | undefined => {
		const type = buf.subarray(pos, pos + 2).toString('utf8');
		pos += 2;
		switch (type) {
			case 's:': {
				const len = readUntil(':');
				if (len === undefined || !/^[0-9]+$/.test(len) || !expect('"')) return undefined;
				const n = Number(len);
				if (pos + n > buf.length) return undefined;
				const s = buf.subarray(pos, pos + n).toString('utf8');
				pos += n;
				return expect('";') ? s : undefined;
			}
			case 'i:': {
				const v = readUntil(';');
				return v !== undefined && /^-?[0-9]+$/.test(v) ? v : undefined;
			}
			case 'd:': {
				const v = readUntil(';');
				return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? v : undefined;
			}
			case 'b:': {
				const v = readUntil(';');
				return v === '0' ? '' : v === '1' ? '1' : undefined;
			}
			default:
				if (type === 'N;') return '';
				return undefined;
		}
	};
	if (!expect('a:')) return undefined;
	const count = readUntil(':');
	if (count === undefined || !/^[0-9]+$/.test(count) || !expect('{')) return undefined;
	const out: Record<string, string> = {};
	for (let i = 0; i < Number(count); i++) {
		const keyType = buf.subarray(pos, pos + 2).toString('utf8');
		if (keyType !== 's:' && keyType !== 'i:') return undefined;
		const key = readScalar();
		if (key === undefined) return undefined;
		const value = readScalar();
		if (value === undefined) return undefined;
		out[key] = value;
	}
	if (!expect('}') || pos !== buf.length) return undefined;
	return out;
}

/** PHP `serialize()` of a flat string map (used by tests and the control surface). */
export function serializeFlatArray(map: Record<string, string>): string {
	const s = (v: string) => `s:${Buffer.byteLength(v, 'utf8')}:"${v}";`;
	const entries = Object.entries(map);
	return `a:${entries.length}:{${entries.map(([k, v]) => s(k) + s(v)).join('')}}`;
}
