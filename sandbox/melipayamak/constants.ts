/**
 * Fixed data of the Melipayamak sandbox: fixture accounts, lines, templates, console keys,
 * routes of the three API surfaces and the provider's (Persian) texts. Spec §8.1.
 */

export const TEMPURI_NS = 'http://tempuri.org/';
export const SOAP11_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** recIds come from a counter that starts above 2^62 (19 digits) and moves by 2, so every id is odd
 * and none is exactly representable as a double (spacing 1024 at this size). */
export const FIRST_REC_ID = 5107391183294726719n;
export const REC_ID_STEP = 2n;
/** Inbox `MsgID`s: normal mode starts here (spec's example region)... */
export const FIRST_MSG_ID = 120035n;
/** ...the `bigMsgIds` mode starts above int32 (GetMessagesAfterID's `msgId` cannot express them). */
export const FIRST_BIG_MSG_ID = 2147483648n + 1000n;
export const INT32_MAX = 2147483647n;
export const INT32_MIN = -2147483648n;
export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/** Credit is kept in hundredths of one SMS (the current page's unit: number of SMS). */
export const CREDIT_SCALE = 100n;
/** Default credit of the `good` account: enough for a 10,000-recipient send of long texts. */
export const DEFAULT_CREDIT = '100000.5';
/** `SendSimpleSMS`: at most 100 numbers per call (P-send); 101 → code 4 (inferred choice). */
export const MAX_SIMPLE_RECIPIENTS = 100;

/** Default delivery progression by age of the send (spec §8.2: 200 → 8 → 1). */
export const SENT_FOR_MS = 5_000;
export const DELIVERED_AFTER_MS = 30_000;
/** GetDeliveries2 for an unknown recId: `{"Value":"100","RetStatus":1,...}` unless switched. */
export const UNKNOWN_REC_ID_CODE = 100;

export const DEDICATED_LINE = '50002710000000';
/** A dedicated line of the `good` account that may not send links (→ 14). */
export const NO_LINK_LINE = '50002710000001';
/** One of the panel's public lines: sending through the web service → 9. */
export const PUBLIC_LINE = '50001060';
/** A recipient on the telecom blacklist: free-text sends → 35, pattern sends succeed. */
export const BLACKLISTED_NUMBER = '09120000035';
/** Text containing this word is refused with code 7 (filtered word). */
export const FILTERED_WORD = 'قمار';
export const OPT_OUT = 'لغو11';

export interface AccountFixture {
	username: string;
	password: string;
	/** Panel API key usable in place of the password (section 3). */
	apiKey: string;
	credit: string;
	lines: string[];
	/** The account refuses the real password (→ −110); only the API key is accepted. */
	apiKeyOnly?: boolean;
	/** Not active: sends → 10 (pattern → −1). */
	inactive?: boolean;
	/** The caller's IP is blocked after failed logins: every call → −108. */
	ipBlocked?: boolean;
	/** Reseller ("agent") data for ForgotPassword. */
	mobile?: string;
	email?: string;
	subUsers?: string[];
}

export const ACCOUNTS: readonly AccountFixture[] = [
	// The everyday account is also a reseller ("agent") with two users, so one sandbox login can try every operation.
	{
		username: 'good',
		password: 'good-pass-1234',
		apiKey: 'a1b2c3d4-good-api-key',
		credit: DEFAULT_CREDIT,
		lines: [DEDICATED_LINE, NO_LINK_LINE],
		mobile: '09121110000',
		email: 'owner@example.com',
		subUsers: ['client7', 'client8'],
	},
	{ username: 'nocredit', password: 'nocredit-pass-1234', apiKey: 'a1b2c3d4-nocredit-api-key', credit: '0', lines: [DEDICATED_LINE] },
	{ username: 'inactive', password: 'inactive-pass-1234', apiKey: 'a1b2c3d4-inactive-api-key', credit: '500', lines: [DEDICATED_LINE], inactive: true },
	{ username: 'ipblocked', password: 'ipblocked-pass-1234', apiKey: 'a1b2c3d4-ipblocked-api-key', credit: '500', lines: [DEDICATED_LINE], ipBlocked: true },
	{
		username: 'apikeyonly',
		password: 'apikeyonly-pass-1234',
		apiKey: 'a1b2c3d4-apikeyonly-api-key',
		credit: '500',
		lines: [DEDICATED_LINE],
		apiKeyOnly: true,
	},
	{
		username: 'reseller',
		password: 'reseller-pass-1234',
		apiKey: 'a1b2c3d4-reseller-api-key',
		credit: '2500',
		lines: [DEDICATED_LINE],
		mobile: '09121112233',
		email: 'agent@example.com',
		subUsers: ['customer42', 'customer43'],
	},
];

export interface TemplateFixture {
	bodyId: number;
	/** `{0}`, `{1}`... are the variables, filled from `text` split on `;`. */
	text: string;
	variables: number;
	approved: boolean;
}

export const TEMPLATES: readonly TemplateFixture[] = [
	{ bodyId: 1001, text: 'کد تایید شما: {0}', variables: 1, approved: true },
	{ bodyId: 1002, text: '{0} عزیز، کد ورود شما {1} است.', variables: 2, approved: true },
	{ bodyId: 1003, text: 'پیشنهاد ویژه برای {0}', variables: 1, approved: false },
];

/** Console API keys (32 hex): one valid (bound to `good`), one syntactically fine but invalid. */
export const CONSOLE_KEY = '6f1d3c0b9a8e47d2b5c4a3f2e1d0c9b8';
export const INVALID_CONSOLE_KEY = '00000000000000000000000000000000';

export const STATUS_OK_FA = 'عملیات موفق';
export const CONSOLE_BAD_KEY_FA = 'کلید کنسول معتبر نیست';
/** Console failure texts (inferred: the console has no public error table). */
export const CONSOLE_BAD_NUMBER_FA = 'شماره موبایل نامعتبر است';
export const CONSOLE_NO_CREDIT_FA = 'اعتبار کافی نیست';
export const CONSOLE_BAD_INPUT_FA = 'اطلاعات ارسالی نامعتبر است';
export const CONSOLE_TEMPLATE_FA = 'کد متن (bodyId) نامعتبر است';

/** User numbers (`GetUserNumbers`) and base price (`GetBasePrice`) fixtures: shapes undocumented (gap). */
export const BASE_PRICE = '94.5';

// ------------------------------------------------------------------ routes

export const REST_METHODS = [
	'SendSMS',
	'BaseServiceNumber',
	'GetDeliveries2',
	'GetMessages',
	'GetCredit',
	'GetBasePrice',
	'GetUserNumbers',
] as const;
export type RestMethod = (typeof REST_METHODS)[number];

export type SoapService = 'Send' | 'Receive' | 'Users';

/** SOAP operations per .asmx service. `GetInboxCount` answers on Send (SDKs) and Receive (help page). */
export const SOAP_OPERATIONS: Readonly<Record<SoapService, readonly string[]>> = {
	Send: [
		'SendSimpleSMS',
		'SendSimpleSMS2',
		'SendByBaseNumber',
		'SendByBaseNumber2',
		'GetDeliveries',
		'GetCredit',
		'getMessages',
		'GetInboxCount',
	],
	Receive: ['GetMessagesAfterID', 'GetInboxCount', 'ChangeIsRead', 'GetMessagesWithChangeIsRead', 'RemoveMessages2'],
	Users: ['ForgotPassword'],
};

export const CONSOLE_OPERATIONS = ['send/otp', 'send/simple', 'send/shared', 'receive/credit', 'receive/status'] as const;
export type ConsoleOperation = (typeof CONSOLE_OPERATIONS)[number];

/** Every name a fault's `route` may use (case-insensitive). */
export function routeNames(): string[] {
	const names = new Set<string>(['rest', 'soap', 'console']);
	for (const m of REST_METHODS) {
		names.add(`rest:${m}`);
		names.add(m);
		names.add(`/api/SendSMS/${m}`);
	}
	for (const [service, ops] of Object.entries(SOAP_OPERATIONS)) {
		names.add(`/post/${service}.asmx`);
		for (const op of ops) {
			names.add(`soap:${op}`);
			names.add(op);
		}
	}
	for (const op of CONSOLE_OPERATIONS) names.add(`console:${op}`);
	return [...names];
}
