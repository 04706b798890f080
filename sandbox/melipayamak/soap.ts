/**
 * SOAP 1.1 mechanics of the Melipayamak sandbox, the way an ASP.NET ASMX service behaves:
 * strict XML (well-formedness checked, no DTD), namespace-aware element lookup (parameters
 * count only in `http://tempuri.org/`), XmlSerializer-style value reading, and the standard
 * fault texts (spec §8.3, §8.4). Responses are built by string concatenation with every value
 * escaped, so ids stay exact and text stays text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { SandboxResponse } from '../core/server';
import { INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, SOAP11_ENV_NS, TEMPURI_NS } from './constants';

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

export interface XmlElement {
	/** Local name (case-sensitive). */
	name: string;
	/** Namespace URI ('' for none). */
	ns: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** Concatenated character data directly inside this element (entities decoded, CDATA included). */
	text: string;
}

/** A request the emulator refuses the way ASMX does (→ soap:Client fault). */
export class SoapClientError extends Error {}

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	processEntities: false,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	commentPropName: '#comment',
});

type Ordered = Record<string, unknown>;

/** Decodes the five XML entities and numeric character references; anything else is an error. */
export function decodeXmlText(raw: string): string {
	return raw.replace(/&([^;&\s]{1,10});/g, (whole, ent: string) => {
		switch (ent) {
			case 'amp':
				return '&';
			case 'lt':
				return '<';
			case 'gt':
				return '>';
			case 'quot':
				return '"';
			case 'apos':
				return "'";
			default:
				break;
		}
		const m = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(ent);
		if (m) {
			const cp = m[1].startsWith('x') ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
			if (cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)) {
				return String.fromCodePoint(cp);
			}
		}
		throw new SoapClientError(`Reference to undeclared entity '${whole}'.`);
	});
}

export function escapeXml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Strict parse: well-formed XML 1.0, no DOCTYPE, one root element; namespaces resolved. */
export function parseXmlDocument(text: string): XmlElement {
	if (text.trim() === '') throw new SoapClientError('Root element is missing.');
	if (/<!DOCTYPE/i.test(text)) throw new SoapClientError('For security reasons DTD is prohibited in this XML document.');
	const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
	if (valid !== true) throw new SoapClientError(`There is an error in XML document (${valid.err.line}, ${valid.err.col}).`);
	// The validator accepts bare '&' inside attribute values and some text; the entity decoder refuses them.
	const nodes = parser.parse(text) as Ordered[];
	const roots = nodes.filter((n) => elementName(n) !== undefined);
	if (roots.length !== 1) throw new SoapClientError('There are multiple root elements.');
	return toElement(roots[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function elementName(node: Ordered): string | undefined {
	return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
}

function toElement(node: Ordered, scope: Map<string, string>): XmlElement {
	const qname = elementName(node) as string;
	const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
	const inner = new Map(scope);
	const attrs: Record<string, string> = {};
	for (const [k, v] of Object.entries(rawAttrs)) {
		const value = decodeXmlText(String(v));
		if (k === 'xmlns') inner.set('', value);
		else if (k.startsWith('xmlns:')) inner.set(k.slice(6), value);
		else attrs[k] = value;
	}
	const colon = qname.indexOf(':');
	const prefix = colon >= 0 ? qname.slice(0, colon) : '';
	const name = colon >= 0 ? qname.slice(colon + 1) : qname;
	const ns = inner.get(prefix);
	if (ns === undefined && prefix !== '') throw new SoapClientError(`'${prefix}' is an undeclared prefix.`);
	const children: XmlElement[] = [];
	let text = '';
	for (const child of (node[qname] ?? []) as Ordered[]) {
		if (typeof child['#text'] === 'string') text += decodeXmlText(child['#text']);
		else if (elementName(child) !== undefined) children.push(toElement(child, inner));
	}
	return { name, ns: ns ?? '', attrs, children, text };
}

export function child(el: XmlElement, name: string, ns = TEMPURI_NS): XmlElement | undefined {
	return el.children.find((c) => c.name === name && c.ns === ns);
}

export interface SoapCall {
	operation: string;
	/** The operation element inside soap:Body. */
	body: XmlElement;
}

/** Reads the envelope and checks that the Body holds exactly the operation the SOAPAction names. */
export function readSoapCall(text: string, operation: string): SoapCall {
	const root = parseXmlDocument(text);
	if (root.name !== 'Envelope' || root.ns !== SOAP11_ENV_NS) {
		throw new SoapClientError(`There is an error in XML document (1, 1). ---> <${root.name} xmlns='${root.ns}'> was not expected.`);
	}
	const body = root.children.find((c) => c.name === 'Body' && c.ns === SOAP11_ENV_NS);
	if (!body) throw new SoapClientError('There is an error in XML document. ---> The soap:Body element is missing.');
	const op = body.children[0];
	if (!op || op.name !== operation || op.ns !== TEMPURI_NS) {
		const seen = op ? `<${op.name} xmlns='${op.ns}'>` : 'an empty soap:Body';
		throw new SoapClientError(`There is an error in XML document (1, 1). ---> ${seen} was not expected.`);
	}
	return { operation, body: op };
}

// ------------------------------------------------------------------ XmlSerializer-style readers

/** Missing element: null, like XmlSerializer leaves a string parameter. */
export function readString(op: XmlElement, name: string): string | null {
	const el = child(op, name);
	if (!el) return null;
	if (el.attrs['xsi:nil'] === 'true' || el.attrs.nil === 'true') return null;
	return el.text;
}

function integer(el: XmlElement, min: bigint, max: bigint, typeName: string): bigint {
	const t = el.text.trim();
	if (!/^[+-]?[0-9]+$/.test(t)) {
		throw new SoapClientError(`There is an error in XML document. ---> Input string was not in a correct format.`);
	}
	const v = BigInt(t);
	if (v < min || v > max) {
		throw new SoapClientError(`There is an error in XML document. ---> Value was either too large or too small for an ${typeName}.`);
	}
	return v;
}

/** Missing element: 0 (the parameter's default). */
export function readInt32(op: XmlElement, name: string): number {
	const el = child(op, name);
	return el ? Number(integer(el, INT32_MIN, INT32_MAX, 'Int32')) : 0;
}

export function readInt64(op: XmlElement, name: string): bigint {
	const el = child(op, name);
	return el ? integer(el, INT64_MIN, INT64_MAX, 'Int64') : 0n;
}

/** xs:boolean: true/false/1/0 (trimmed); missing → false. */
export function readBool(op: XmlElement, name: string): boolean {
	const el = child(op, name);
	if (!el) return false;
	const t = el.text.trim();
	if (t === 'true' || t === '1') return true;
	if (t === 'false' || t === '0') return false;
	throw new SoapClientError(`There is an error in XML document. ---> The string '${t}' is not a valid Boolean value.`);
}

/** `<to><string>a</string>…</to>`; missing → null. Other children are ignored, as XmlSerializer does. */
export function readStringArray(op: XmlElement, name: string): string[] | null {
	const el = child(op, name);
	if (!el) return null;
	return el.children.filter((c) => c.name === 'string' && c.ns === TEMPURI_NS).map((c) => c.text);
}

export function readInt64Array(op: XmlElement, name: string): bigint[] | null {
	const el = child(op, name);
	if (!el) return null;
	return el.children.filter((c) => c.name === 'long' && c.ns === TEMPURI_NS).map((c) => integer(c, INT64_MIN, INT64_MAX, 'Int64'));
}

// ------------------------------------------------------------------ responses

const ENVELOPE_OPEN =
	'<?xml version="1.0" encoding="utf-8"?>\n' +
	'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n' +
	'  <soap:Body>\n';
const ENVELOPE_CLOSE = '  </soap:Body>\n</soap:Envelope>';

/** A result value: scalar text, an array of typed items, a list of records, or null (element absent). */
export type SoapResult =
	| { kind: 'scalar'; value: string }
	| { kind: 'array'; itemName: string; items: string[] }
	| { kind: 'records'; recordName: string; records: Array<Array<[string, string]>> }
	| { kind: 'null' };

export function soapResponse(operation: string, result: SoapResult): SandboxResponse {
	let inner: string;
	const tag = `${operation}Result`;
	switch (result.kind) {
		case 'scalar':
			inner = `<${tag}>${escapeXml(result.value)}</${tag}>`;
			break;
		case 'array':
			inner =
				result.items.length === 0
					? `<${tag} />`
					: `<${tag}>${result.items.map((i) => `<${result.itemName}>${escapeXml(i)}</${result.itemName}>`).join('')}</${tag}>`;
			break;
		case 'records':
			inner =
				result.records.length === 0
					? `<${tag} />`
					: `<${tag}>${result.records
							.map(
								(r) =>
									`<${result.recordName}>${r.map(([k, v]) => (v === '' ? `<${k} />` : `<${k}>${escapeXml(v)}</${k}>`)).join('')}</${result.recordName}>`,
							)
							.join('')}</${tag}>`;
			break;
		case 'null':
			inner = '';
			break;
	}
	const body =
		inner === ''
			? `    <${operation}Response xmlns="${TEMPURI_NS}" />\n`
			: `    <${operation}Response xmlns="${TEMPURI_NS}">\n      ${inner}\n    </${operation}Response>\n`;
	return { status: 200, headers: { 'content-type': SOAP_CONTENT_TYPE }, body: ENVELOPE_OPEN + body + ENVELOPE_CLOSE };
}

export function soapFault(faultcode: 'soap:Client' | 'soap:Server', faultstring: string, status = 500): SandboxResponse {
	const body =
		ENVELOPE_OPEN +
		'    <soap:Fault>\n' +
		`      <faultcode>${faultcode}</faultcode>\n` +
		`      <faultstring>${escapeXml(faultstring)}</faultstring>\n` +
		'      <detail />\n' +
		'    </soap:Fault>\n' +
		ENVELOPE_CLOSE;
	return { status, headers: { 'content-type': SOAP_CONTENT_TYPE }, body };
}

export function unknownActionFault(action: string): SandboxResponse {
	return soapFault('soap:Client', `Server did not recognize the value of HTTP Header SOAPAction: ${action}.`);
}

export function readRequestFault(detail: string): SandboxResponse {
	return soapFault('soap:Client', `Server was unable to read request. ---> ${detail}`);
}

export function processRequestFault(detail: string): SandboxResponse {
	return soapFault('soap:Server', `Server was unable to process request. ---> ${detail}`);
}

/** `"http://tempuri.org/Op"` or `http://tempuri.org/Op` → the header value without quotes. */
export function soapActionOf(header: string | string[] | undefined): string | undefined {
	const raw = (Array.isArray(header) ? header[0] : header)?.trim();
	if (raw === undefined) return undefined;
	return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}

/** The SOAP request log keeps everything except the password element's text. */
export function maskSoapPassword(body: string): string {
	return body.replace(/(<(?:[A-Za-z_][\w.-]*:)?password\b[^>]*>)([\s\S]*?)(<\/(?:[A-Za-z_][\w.-]*:)?password\s*>)/g, '$1***$3');
}
