import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A SOAP parameter: text, a number or flag (written as text), a `string[]` array, or an array of
 * another item type (`{ itemName: 'long', items }` → `<long>…</long>` children, e.g. `long[]`).
 */
export type SoapValue = string | number | boolean | readonly string[] | { itemName: string; items: readonly string[] };

export interface SoapCall {
	/** The service's XML namespace, e.g. `http://tempuri.org/`. */
	namespace: string;
	/** The operation, e.g. `ForgotPassword`. */
	method: string;
	/** Parameters in the order the service's WSDL lists them. */
	params: ReadonlyArray<[name: string, value: SoapValue]>;
}

const builder = new XMLBuilder({ processEntities: true, suppressEmptyNode: false, ignoreAttributes: false, attributeNamePrefix: '@_' });

/**
 * A SOAP 1.1 envelope. Every value is escaped by the XML builder, so a value holding `<`, `&`,
 * `]]>` or a forged element arrives as text, never as markup.
 */
export function buildSoapEnvelope(call: SoapCall): string {
	const body: Record<string, unknown> = {};
	for (const [name, value] of call.params) {
		if (Array.isArray(value)) body[name] = { string: [...(value as readonly string[])] };
		else if (typeof value === 'object') body[name] = { [(value as { itemName: string }).itemName]: [...(value as { items: readonly string[] }).items] };
		else body[name] = String(value);
	}
	const document = {
		'soap:Envelope': {
			'@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
			'@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
			'@_xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/',
			'soap:Body': { [call.method]: { '@_xmlns': call.namespace, ...body } },
		},
	};
	return '<?xml version="1.0" encoding="utf-8"?>' + builder.build(document);
}

/** The `SOAPAction` header of a SOAP 1.1 call: the namespace and the method, quoted. */
export function soapAction(call: Pick<SoapCall, 'namespace' | 'method'>): string {
	return `"${call.namespace.replace(/\/?$/, '/')}${call.method}"`;
}

const parser = new XMLParser({
	removeNSPrefix: true,
	ignoreAttributes: true,
	parseTagValue: false,
	// Values keep their spaces and line breaks (an SMS text may start or end with them);
	// the indentation between elements is dropped by `withoutIndentation`.
	trimValues: false,
	processEntities: true,
	ignoreDeclaration: true,
});

/** Removes the whitespace-only text that indentation leaves beside child elements. */
function withoutIndentation(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutIndentation);
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
		if (key === '#text' && typeof child === 'string' && child.trim() === '') continue;
		out[key] = withoutIndentation(child);
	}
	return out;
}

export interface SoapFault {
	code: string;
	message: string;
}

export type SoapReading = { kind: 'result'; value: unknown } | { kind: 'fault'; fault: SoapFault } | { kind: 'unreadable' };

/**
 * Reads a SOAP 1.1 answer: the `<method>Result` value (text stays text: ids keep every digit),
 * a SOAP fault, or `unreadable` when the text is not a SOAP envelope for this method.
 */
export function readSoapResponse(text: string, method: string): SoapReading {
	let document: Record<string, unknown>;
	// The parser reads a cut-off answer as far as it goes; only a whole document is an answer.
	if (XMLValidator.validate(text) !== true) return { kind: 'unreadable' };
	try {
		document = withoutIndentation(parser.parse(text)) as Record<string, unknown>;
	} catch {
		return { kind: 'unreadable' };
	}
	const envelope = document?.Envelope as Record<string, unknown> | undefined;
	const body = envelope?.Body as Record<string, unknown> | undefined;
	if (!body || typeof body !== 'object') return { kind: 'unreadable' };
	const fault = body.Fault as Record<string, unknown> | undefined;
	if (fault && typeof fault === 'object') {
		return { kind: 'fault', fault: { code: String(fault.faultcode ?? ''), message: String(fault.faultstring ?? '') } };
	}
	const response = body[`${method}Response`];
	if (response === undefined) return { kind: 'unreadable' };
	if (response === '' || response === null) return { kind: 'result', value: undefined };
	const value = (response as Record<string, unknown>)[`${method}Result`];
	return { kind: 'result', value };
}
