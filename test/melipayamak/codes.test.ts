/** Melipayamak code tables (spec §5) and their lookups: every documented code, and unknown ones never succeed. */
import {
	codeMessage,
	DELIVERY_CODES,
	FORGOT_PASSWORD_CODES,
	isRecId,
	isRestOk,
	lookupCode,
	lookupDelivery,
	normaliseCode,
	PATTERN_CODES,
	readCreditValue,
	readForgotPasswordResult,
	readSendBatch,
	readSendResult,
	REST_RET_STATUSES,
	SECURITY_CODES,
	SEND_CODES,
} from '../../nodes/Melipayamak/transport/codes';

describe('tables hold every code of the spec', () => {
	it('5.2 send codes: 0–12, 14–19 and 35; 13 and 20–34 stay undocumented', () => {
		expect(Object.keys(SEND_CODES).map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 35]);
		for (const c of [13, 20, 27, 34]) expect(lookupCode('send', c).documented).toBe(false);
		expect(SEND_CODES['15'].text).toContain('لغو11');
	});

	it('5.3 pattern codes: −1…−7, −10 and 0; −8 and −9 stay undocumented', () => {
		expect(Object.keys(PATTERN_CODES).map(Number).sort((a, b) => a - b)).toEqual([-10, -7, -6, -5, -4, -3, -2, -1, 0]);
		expect(lookupCode('pattern', -8).documented).toBe(false);
		expect(lookupCode('pattern', -9).class).toBe('rejected');
	});

	it('5.4 delivery codes: all 13, with labels and finality', () => {
		expect(Object.keys(DELIVERY_CODES).map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 8, 16, 35, 100, 200, 300, 400, 500]);
		const finals = Object.entries(DELIVERY_CODES)
			.filter(([, e]) => e.final)
			.map(([c]) => Number(c))
			.sort((a, b) => a - b);
		expect(finals).toEqual([1, 2, 3, 5, 16, 35, 300, 500]);
		expect(new Set(Object.values(DELIVERY_CODES).map((e) => e.label)).size).toBe(13);
	});

	it('5.5 security codes −108…−111, 5.1 RetStatus 1 and 35, 5.6 ForgotPassword 1 and −1', () => {
		expect(Object.keys(SECURITY_CODES).sort()).toEqual(['-108', '-109', '-110', '-111']);
		expect(Object.keys(REST_RET_STATUSES)).toEqual(['1', '35']);
		expect(Object.keys(FORGOT_PASSWORD_CODES).sort()).toEqual(['-1', '1']);
	});

	it('every entry has English text (no Persian apart from the quoted opt-out phrase) and a class', () => {
		for (const table of [SEND_CODES, PATTERN_CODES, SECURITY_CODES, FORGOT_PASSWORD_CODES, REST_RET_STATUSES]) {
			for (const [code, e] of Object.entries(table)) {
				expect(e.class).toBeDefined();
				expect(e.text.replace('لغو11', '')).not.toMatch(/[\u0600-\u06FF]/);
				expect(e.text.length).toBeGreaterThan(3);
				expect(normaliseCode(code)).toBe(code);
			}
		}
	});
});

describe('lookupCode', () => {
	it('classes the codes the node acts on', () => {
		expect(lookupCode('send', 0).class).toBe('credentials');
		expect(lookupCode('send', '2').class).toBe('credit');
		expect(lookupCode('send', 6).class).toBe('temporary');
		expect(lookupCode('send', 35).class).toBe('recipient');
		expect(lookupCode('pattern', -4).class).toBe('invalidInput');
		expect(lookupCode('pattern', 0).class).toBe('credentials');
	});

	it('security codes apply to every table', () => {
		for (const t of ['send', 'pattern', 'forgotPassword'] as const) {
			expect(lookupCode(t, -108)).toMatchObject({ code: '-108', class: 'credentials', documented: true });
			expect(lookupCode(t, '-111').class).toBe('account');
		}
	});

	it('the pattern table borrows the send table\'s error codes, never its success code', () => {
		expect(lookupCode('pattern', 2)).toMatchObject({ class: 'credit', documented: true });
		expect(lookupCode('pattern', 18).class).toBe('recipient');
		expect(lookupCode('pattern', 1)).toMatchObject({ documented: false, class: 'rejected' });
	});

	it('normalises spelling and keeps anything else as undocumented', () => {
		expect(lookupCode('send', ' +05 ').code).toBe('5');
		expect(lookupCode('send', '-0').code).toBe('0');
		expect(lookupCode('send', 'abc')).toMatchObject({ code: 'abc', documented: false, class: 'rejected', text: 'Undocumented code abc' });
		expect(lookupCode('send', 1.5).documented).toBe(false);
		expect(lookupCode('forgotPassword', 0)).toMatchObject({ documented: false, class: 'rejected' });
	});

	it('codeMessage keeps the provider code', () => {
		expect(codeMessage('SendSMS', lookupCode('send', 15))).toBe(
			'Melipayamak SendSMS failed: 15 — Sending to more than one number requires "لغو11" (opt-out) in the text',
		);
	});
});

describe('send results', () => {
	it('a recId is 3 to 19 digits within int64 and stays the exact string', () => {
		expect(readSendResult('send', '5107391183294726719')).toEqual({ ok: true, recId: '5107391183294726719' });
		expect(readSendResult('pattern', ' 123 ')).toEqual({ ok: true, recId: '123' });
		expect(isRecId('9223372036854775807')).toBe(true);
		expect(isRecId('9223372036854775808')).toBe(false);
		expect(isRecId('12345678901234567890')).toBe(false);
		expect(isRecId('35')).toBe(false);
		expect(isRecId('-108')).toBe(false);
	});

	it('codes are errors; the "completed" code 1 without a recId is not a success; unknown codes are errors', () => {
		expect(readSendResult('send', '15')).toMatchObject({ ok: false, error: { code: '15', class: 'content' } });
		expect(readSendResult('send', '1')).toMatchObject({ ok: false, error: { code: '1', class: 'rejected' } });
		expect(readSendResult('send', '13')).toMatchObject({ ok: false, error: { documented: false } });
		expect(readSendResult('pattern', '-4')).toMatchObject({ ok: false, error: { class: 'invalidInput' } });
		expect(readSendResult('send', '')).toMatchObject({ ok: false, error: { documented: false } });
		expect(readSendResult('send', 'NULL')).toMatchObject({ ok: false });
	});

	it('readSendBatch maps element i to recipient i, spreads a single code, and flags mismatches as ambiguous', () => {
		const mapped = readSendBatch(['5107391183294726719', '18', '35'], 3);
		expect(mapped.kind).toBe('perRecipient');
		if (mapped.kind === 'perRecipient') {
			expect(mapped.outcomes.map((o) => (o.ok ? o.recId : o.error.code))).toEqual(['5107391183294726719', '18', '35']);
		}
		const whole = readSendBatch(['2'], 3);
		expect(whole.kind === 'perRecipient' && whole.outcomes.map((o) => !o.ok && o.error.class)).toEqual(['credit', 'credit', 'credit']);
		const spread = readSendBatch(['0', '0'], 2);
		expect(spread.kind === 'perRecipient' && spread.outcomes.every((o) => !o.ok && o.error.class === 'credentials')).toBe(true);
		expect(readSendBatch(['5107391183294726719'], 2)).toMatchObject({ kind: 'ambiguous' });
		expect(readSendBatch(['5107391183294726719', '5107391183294726721'], 3).kind).toBe('ambiguous');
		expect(readSendBatch(['2', '2'], 3).kind).toBe('ambiguous');
		expect(readSendBatch([], 2).kind).toBe('ambiguous');
	});
});

describe('delivery, credit, ForgotPassword, envelope', () => {
	it('lookupDelivery labels every documented code and keeps undocumented ones (−1) as not final', () => {
		expect(lookupDelivery(1)).toEqual({ code: 1, label: 'delivered', text: 'Delivered to the handset', final: true, documented: true });
		expect(lookupDelivery('200')).toMatchObject({ label: 'sent', final: false });
		expect(lookupDelivery('-1')).toMatchObject({ code: -1, label: 'undocumented', final: false, documented: false });
		expect(lookupDelivery('x').label).toBe('undocumented');
	});

	it('readCreditValue: decimals are credit; NULL, null and text are login failures; security codes keep their meaning', () => {
		expect(readCreditValue('1520.5')).toEqual({ ok: true, credit: 1520.5, raw: '1520.5' });
		expect(readCreditValue('0')).toEqual({ ok: true, credit: 0, raw: '0' });
		expect(readCreditValue('NULL')).toMatchObject({ ok: false, error: { class: 'credentials' } });
		expect(readCreditValue(null)).toMatchObject({ ok: false, error: { class: 'credentials' } });
		expect(readCreditValue('-110')).toMatchObject({ ok: false, error: { code: '-110', class: 'credentials' } });
		expect(readCreditValue('-111')).toMatchObject({ ok: false, error: { class: 'account' } });
	});

	it('readForgotPasswordResult: 1 success, −1 credentials, anything else an undocumented error keeping the value', () => {
		expect(readForgotPasswordResult('1')).toEqual({ ok: true, code: 1 });
		expect(readForgotPasswordResult('-1')).toMatchObject({ ok: false, error: { code: '-1', class: 'credentials', documented: true } });
		expect(readForgotPasswordResult('0')).toMatchObject({ ok: false, error: { code: '0', documented: false } });
		expect(readForgotPasswordResult('2')).toMatchObject({ ok: false, error: { code: '2', documented: false } });
		expect(readForgotPasswordResult('')).toMatchObject({ ok: false, error: { documented: false } });
		expect(readForgotPasswordResult('-108')).toMatchObject({ ok: false, error: { class: 'credentials' } });
	});

	it('isRestOk needs RetStatus 1 and "Ok" (any case)', () => {
		expect(isRestOk(1, 'Ok')).toBe(true);
		expect(isRestOk(1, 'ok')).toBe(true);
		expect(isRestOk(35, 'InvalidData')).toBe(false);
		expect(isRestOk('1', 'Ok')).toBe(false);
		expect(isRestOk(1, undefined)).toBe(false);
	});
});
