import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** A SOAP parameter: text, a number or flag (written as text), or a `string[]` array. */
export type SoapValue = string | number | boolean | readonly string[];

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
		body[name] = Array.isArray(value) ? { string: [...(value as readonly string[])] } : String(value);
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
	trimValues: true,
	processEntities: true,
	ignoreDeclaration: true,
});

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
	try {
		document = parser.parse(text) as Record<string, unknown>;
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
