/** The AmootSMS status table as data: complete against the seed, one class each, unknown = error. */
import {
	AMOOT_STATUSES,
	classifyStatus,
	credentialTestMessage,
	deliveryTypeLabel,
	describeStatus,
	isSuccessStatus,
	lookupStatus,
	statusByCode,
} from '../../nodes/AmootSms/transport/codes';
import { STATUS_TABLE as SANDBOX_STATUS_TABLE } from '../../sandbox/amootsms';

/** The seed's table (001_2aff8760b9512029.txt, "وضعیت"), number and title, in its order. */
const SEED_TABLE =
	`0Failed 1Success 2AccountIsDemo 4CreditNotEnough 5LineNumber_NotExist 6BackupLineNumber_NotExist
7Avanak_NotAvailable 10UserName_Empty 11Password_Empty 12LineNumber_Empty 13BackupLineNumber_Empty
14SMSMessageText_Empty 15AvanakMessageText_Empty 16Mobile_Empty 17Mobiles_Empty 18Title_Empty
19FirstNameOrLastName_Empty 20URLAddress_Empty 100UserNameOrPassword_Invalid 101Mobile_Invalid
102Mobiles_Invalid 103Count_Invalid 104FromRow_Invalid 105FromDate_Invalid 106FromDateTime_Invalid
107ToDate_Invalid 108ToDateTime_Invalid 109FromDateIsAfterThanToDate 110FromDateTimeIsAfterThanToDateTime
111MessageID_Invalid 112BulkID_Invalid 113ContactID_Invalid 114ContactGroupID_Invalid 115CourseID_Invalid
116CourseGroupID_Invalid 117URLAddress_Duplicate 118RelayMessageDeliveryID_Invalid
119RelayRecieveMessageID_Invalid 120Length_Invalid 121Length_Exceeded 500ServerError -300System_Disabled
-208Token_NotAllowMethod -207Token_NotAllowIP -204Token_Expired -203Token_Disabled -202Token_Invalid
-201Token_NotExists -108User_NotAllowMethod -107User_NotAllowIP -106User_NotAllowWebService
-105User_WebServiceBanned -104User_Expired -103User_Disabled -102User_MobileNotVerified -1User_NotExists`
		.split(/\s+/)
		.map((s) => {
			const m = /^(-?[0-9]+)(.+)$/.exec(s)!;
			return [Number(m[1]), m[2]] as const;
		});

describe('AmootSMS status table', () => {
	it('has every number and title of the seed, plus D-doc’s −109 User_NotAllowHttp, nothing else', () => {
		expect(SEED_TABLE).toHaveLength(56);
		const ours = AMOOT_STATUSES.map((s) => [s.code, s.title] as const);
		expect(ours.filter(([c]) => c !== -109)).toEqual(SEED_TABLE);
		expect(lookupStatus('User_NotAllowHttp')).toMatchObject({ code: -109, class: 'credentials' });
		expect(new Set(AMOOT_STATUSES.map((s) => s.title)).size).toBe(AMOOT_STATUSES.length);
		expect(new Set(AMOOT_STATUSES.map((s) => s.code)).size).toBe(AMOOT_STATUSES.length);
	});

	it('agrees with the table the sandbox answers with', () => {
		expect(AMOOT_STATUSES.map((s) => [s.code, s.title])).toEqual(
			SANDBOX_STATUS_TABLE.map(([c, t]) => [c, t]),
		);
	});

	it('gives every status an English text and finds it by title and by number', () => {
		for (const s of AMOOT_STATUSES) {
			expect(s.text.length).toBeGreaterThan(5);
			expect(s.text).not.toMatch(/[\u0600-\u06FF]/);
			expect(lookupStatus(s.title)).toBe(s);
			expect(statusByCode(s.code)).toBe(s);
		}
		expect(statusByCode(3)).toBeUndefined();
	});

	it('counts only the exact title Success as success', () => {
		expect(isSuccessStatus('Success')).toBe(true);
		for (const v of [
			'success',
			'SUCCESS',
			' Success',
			'Success ',
			1,
			'1',
			true,
			null,
			undefined,
			'',
		]) {
			expect(isSuccessStatus(v)).toBe(false);
		}
		expect(AMOOT_STATUSES.filter((s) => s.class === 'success').map((s) => s.title)).toEqual([
			'Success',
		]);
	});

	it('classes token and account problems as credentials, credit and account problems apart', () => {
		for (const s of AMOOT_STATUSES) {
			if (/^(Token|User)_/.test(s.title))
				expect([s.title, s.class]).toEqual([s.title, 'credentials']);
		}
		expect(lookupStatus('CreditNotEnough')!.class).toBe('credit');
		expect(lookupStatus('AccountIsDemo')!.class).toBe('account');
		expect(lookupStatus('LineNumber_NotExist')).toMatchObject({
			class: 'account',
			field: 'LineNumber',
		});
		expect(lookupStatus('Mobile_Invalid')).toMatchObject({
			class: 'invalidInput',
			field: 'Mobile',
		});
		expect(lookupStatus('MessageID_Invalid')).toMatchObject({
			class: 'notFound',
			field: 'MessageID',
		});
		expect(lookupStatus('BulkID_Invalid')).toMatchObject({
			class: 'notFound',
			field: 'CampaignID',
		});
		expect(lookupStatus('URLAddress_Duplicate')!.class).toBe('duplicate');
	});

	it('marks ServerError as "may have been sent" and retryable, System_Disabled as a retryable refusal', () => {
		expect(lookupStatus('ServerError')).toMatchObject({
			class: 'transient',
			retryable: true,
			provesNotSent: false,
		});
		expect(lookupStatus('System_Disabled')).toMatchObject({
			class: 'transient',
			retryable: true,
			provesNotSent: true,
		});
		expect(lookupStatus('Success')!.provesNotSent).toBe(false);
		const refusals = AMOOT_STATUSES.filter((s) => s.provesNotSent).map((s) => s.title);
		expect(refusals).toHaveLength(AMOOT_STATUSES.length - 2);
		expect(AMOOT_STATUSES.filter((s) => s.retryable).map((s) => s.title)).toEqual([
			'ServerError',
			'System_Disabled',
		]);
	});

	it('makes an unknown or missing status an error that proves nothing', () => {
		for (const v of ['Queued', 'success', '', 42, null, undefined, { a: 1 }]) {
			const s = classifyStatus(v);
			expect(s.class).toBe('failed');
			expect(s.provesNotSent).toBe(false);
			expect(s.retryable).toBe(false);
			expect(s.text).toMatch(/^AmootSMS returned undocumented status /);
		}
		expect(describeStatus('Queued')).toBe('AmootSMS returned undocumented status Queued');
		expect(describeStatus(undefined)).toBe('AmootSMS returned undocumented status null');
	});

	it('writes errors that keep the title and the number', () => {
		expect(describeStatus('CreditNotEnough')).toBe('CreditNotEnough (4): Not enough credit');
		expect(describeStatus('Token_Expired')).toBe('Token_Expired (-204): The token has expired');
		expect(describeStatus('System_Disabled')).toBe('System_Disabled (-300): The AmootSMS system is disabled');
	});

	it('words the credential test, naming a token that may send but not read the account', () => {
		expect(credentialTestMessage('Success')).toBeUndefined();
		expect(credentialTestMessage('Token_NotAllowMethod')).toMatch(
			/works but may not call AccountStatus/,
		);
		expect(credentialTestMessage('Token_Invalid')).toBe(
			'Token_Invalid (-202): The token is malformed or wrong',
		);
		expect(credentialTestMessage('Whatever')).toMatch(/undocumented status Whatever/);
	});

	it('labels every DeliveryType as undocumented until the provider documents one', () => {
		for (const v of [0, 1, 2, 35, -1]) expect(deliveryTypeLabel(v)).toBe('undocumented');
	});
});
