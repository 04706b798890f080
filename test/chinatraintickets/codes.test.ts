import {
	classifyHttpStatus,
	classifyResultCode,
	HTTP_STATUSES,
	refusalMessage,
	RESULT_CODES,
	SUCCESS_CODE,
	TERMINAL_WEB_PAGE,
	TERMINALS,
} from '../../nodes/ChinaTrainTickets/transport/codes';

describe('ChinaTrainTickets result codes', () => {
	it('documents exactly one code: 1 = success', () => {
		expect(Object.keys(RESULT_CODES)).toEqual(['1']);
		expect(SUCCESS_CODE).toBe(1);
		expect(classifyResultCode(1)).toEqual({ kind: 'success' });
		expect(classifyResultCode(1n)).toEqual({ kind: 'success' });
		expect(classifyResultCode('1', { literal: true })).toEqual({ kind: 'success' });
	});

	it('treats every other integer as a refusal that keeps its number (no single failure value is special)', () => {
		for (const code of [0, -1, -2, -3, 2, 7, 1001, -9007199254740993n]) {
			const r = classifyResultCode(code);
			expect(r.kind).toBe('refused');
			expect(r).toMatchObject({ code: String(code) });
		}
		expect(classifyResultCode('-12', { literal: true })).toMatchObject({
			kind: 'refused',
			code: '-12',
		});
	});

	it('never reads a missing, mistyped or non-integer code as success', () => {
		for (const code of [undefined, null, '1', true, 1.5, NaN, {}, [1], 'ok', 2 ** 60]) {
			expect(classifyResultCode(code).kind).toBe('unrecognised');
		}
		expect(classifyResultCode('01', { literal: true }).kind).toBe('unrecognised');
		expect(classifyResultCode('1.0', { literal: true }).kind).toBe('unrecognised');
	});
});

describe('HTTP statuses', () => {
	it('lets only 200 through to the body', () => {
		expect(classifyHttpStatus(200).class).toBe('body');
		for (const s of Object.keys(HTTP_STATUSES).filter((k) => k !== '200')) {
			expect(classifyHttpStatus(Number(s)).class).not.toBe('body');
		}
	});

	it('marks 4xx as refused and 5xx as ambiguous (may have been accepted)', () => {
		for (const s of [400, 401, 403, 404, 405, 413, 415, 429, 418, 422])
			expect(classifyHttpStatus(s).refused).toBe(true);
		for (const s of [500, 502, 503, 504, 501, 599, 201, 204, 301, 100]) {
			expect(classifyHttpStatus(s).refused).toBe(false);
			expect(classifyHttpStatus(s).class).toBe('ambiguous');
		}
	});

	it('classes signature refusals, wrong URLs, media problems and rate limits', () => {
		expect(classifyHttpStatus(401).class).toBe('credentials');
		expect(classifyHttpStatus(403).class).toBe('credentials');
		expect(classifyHttpStatus(404)).toMatchObject({
			class: 'notFound',
			text: expect.stringContaining('Base URL'),
		});
		expect(classifyHttpStatus(415).class).toBe('invalidInput');
		expect(classifyHttpStatus(429)).toMatchObject({
			class: 'rateLimited',
			refused: true,
			retryable: true,
		});
		expect(classifyHttpStatus(503)).toMatchObject({
			class: 'ambiguous',
			refused: false,
			retryable: true,
		});
		expect(classifyHttpStatus(204).text).toBe('Unexpected HTTP status 204');
	});
});

describe('texts', () => {
	it('passes the provider message through unchanged inside an English summary', () => {
		expect(refusalMessage('会员不存在')).toBe('The service refused the request: 会员不存在');
		expect(refusalMessage('  签名错误 ')).toBe('The service refused the request: 签名错误');
		expect(refusalMessage('')).toBe('The service refused the request: (no message)');
		expect(refusalMessage(null)).toBe('The service refused the request: (no message)');
	});

	it('knows the one documented terminal', () => {
		expect(TERMINAL_WEB_PAGE).toBe(1);
		expect(TERMINALS['1']).toEqual({ text: 'Web page', xmlName: 'WEBPAGEEnum' });
	});
});
