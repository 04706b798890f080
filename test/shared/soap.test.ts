import { buildSoapEnvelope, readSoapResponse, soapAction } from '../../nodes/shared/soap';

const envelope = (body: string) =>
	`<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

describe('SOAP 1.1 helpers', () => {
	it('escapes every value, so markup in a value arrives as text', () => {
		const xml = buildSoapEnvelope({
			namespace: 'http://tempuri.org/',
			method: 'ForgotPassword',
			params: [
				['username', 'a<b>&c]]></username><password>forged'],
				['mobile', '09121234567'],
				['to', ['0912', '09<35']],
				['count', 5],
			],
		});
		expect(xml).toContain('<username>a&lt;b&gt;&amp;c]]&gt;&lt;/username&gt;&lt;password&gt;forged</username>');
		expect(xml).not.toContain('<password>');
		expect(xml).toContain('<to><string>0912</string><string>09&lt;35</string></to>');
		expect(xml).toContain('<ForgotPassword xmlns="http://tempuri.org/">');
		// The escaped document reads back to the same values.
		const echoed = readSoapResponse(xml.replace('<ForgotPassword ', '<ForgotPasswordResponse ').replace('</ForgotPassword>', '</ForgotPasswordResponse>'), 'ForgotPassword');
		expect(echoed.kind).toBe('result');
	});

	it('names the action as SOAP 1.1 wants it', () => {
		expect(soapAction({ namespace: 'http://tempuri.org/', method: 'GetCredit' })).toBe('"http://tempuri.org/GetCredit"');
		expect(soapAction({ namespace: 'http://tempuri.org', method: 'GetCredit' })).toBe('"http://tempuri.org/GetCredit"');
	});

	it('reads a result as text, so long ids keep every digit', () => {
		const text = envelope('<SendResponse xmlns="http://tempuri.org/"><SendResult>639027944154527201</SendResult></SendResponse>');
		expect(readSoapResponse(text, 'Send')).toEqual({ kind: 'result', value: '639027944154527201' });
		const arrays = envelope('<GetResponse xmlns="http://tempuri.org/"><GetResult><string>1</string><string>0012</string></GetResult></GetResponse>');
		expect(readSoapResponse(arrays, 'Get')).toEqual({ kind: 'result', value: { string: ['1', '0012'] } });
	});

	it('keeps the spaces and line breaks of a value, and drops only the indentation between elements', () => {
		const text = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <GetResponse xmlns="http://tempuri.org/">
      <GetResult>
        <Message>
          <Body>  padded\n</Body>
          <MsgID>5</MsgID>
        </Message>
      </GetResult>
    </GetResponse>
  </soap:Body>
</soap:Envelope>`;
		expect(readSoapResponse(text, 'Get')).toEqual({ kind: 'result', value: { Message: { Body: '  padded\n', MsgID: '5' } } });
	});

	it('reads a SOAP fault', () => {
		const text = envelope('<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Bad &amp; wrong</faultstring></soap:Fault>');
		expect(readSoapResponse(text, 'Send')).toEqual({ kind: 'fault', fault: { code: 'soap:Client', message: 'Bad & wrong' } });
	});

	it('calls anything else unreadable: HTML, JSON, another method, truncated XML', () => {
		expect(readSoapResponse('<html><body>Gateway</body></html>', 'Send').kind).toBe('unreadable');
		expect(readSoapResponse('{"a":1}', 'Send').kind).toBe('unreadable');
		expect(readSoapResponse(envelope('<OtherResponse><OtherResult>1</OtherResult></OtherResponse>'), 'Send').kind).toBe('unreadable');
		expect(readSoapResponse('', 'Send').kind).toBe('unreadable');
	});
});
