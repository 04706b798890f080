/**
 * Fixed data of the AmootSMS sandbox: the status table (seed), fixture tokens and
 * accounts (spec §8.1), lines, prices, patterns, method names and the provider's
 * Persian texts.
 */

/** The seed's status table, number → title (the title is what the REST `Status` carries). */
export const STATUS_TABLE: ReadonlyArray<readonly [number, string]> = [
	[0, 'Failed'],
	[1, 'Success'],
	[2, 'AccountIsDemo'],
	[4, 'CreditNotEnough'],
	[5, 'LineNumber_NotExist'],
	[6, 'BackupLineNumber_NotExist'],
	[7, 'Avanak_NotAvailable'],
	[10, 'UserName_Empty'],
	[11, 'Password_Empty'],
	[12, 'LineNumber_Empty'],
	[13, 'BackupLineNumber_Empty'],
	[14, 'SMSMessageText_Empty'],
	[15, 'AvanakMessageText_Empty'],
	[16, 'Mobile_Empty'],
	[17, 'Mobiles_Empty'],
	[18, 'Title_Empty'],
	[19, 'FirstNameOrLastName_Empty'],
	[20, 'URLAddress_Empty'],
	[100, 'UserNameOrPassword_Invalid'],
	[101, 'Mobile_Invalid'],
	[102, 'Mobiles_Invalid'],
	[103, 'Count_Invalid'],
	[104, 'FromRow_Invalid'],
	[105, 'FromDate_Invalid'],
	[106, 'FromDateTime_Invalid'],
	[107, 'ToDate_Invalid'],
	[108, 'ToDateTime_Invalid'],
	[109, 'FromDateIsAfterThanToDate'],
	[110, 'FromDateTimeIsAfterThanToDateTime'],
	[111, 'MessageID_Invalid'],
	[112, 'BulkID_Invalid'],
	[113, 'ContactID_Invalid'],
	[114, 'ContactGroupID_Invalid'],
	[115, 'CourseID_Invalid'],
	[116, 'CourseGroupID_Invalid'],
	[117, 'URLAddress_Duplicate'],
	[118, 'RelayMessageDeliveryID_Invalid'],
	[119, 'RelayRecieveMessageID_Invalid'],
	[120, 'Length_Invalid'],
	[121, 'Length_Exceeded'],
	[500, 'ServerError'],
	[-300, 'System_Disabled'],
	[-208, 'Token_NotAllowMethod'],
	[-207, 'Token_NotAllowIP'],
	[-204, 'Token_Expired'],
	[-203, 'Token_Disabled'],
	[-202, 'Token_Invalid'],
	[-201, 'Token_NotExists'],
	// Not in the seed: D-doc's status list only.
	[-109, 'User_NotAllowHttp'],
	[-108, 'User_NotAllowMethod'],
	[-107, 'User_NotAllowIP'],
	[-106, 'User_NotAllowWebService'],
	[-105, 'User_WebServiceBanned'],
	[-104, 'User_Expired'],
	[-103, 'User_Disabled'],
	[-102, 'User_MobileNotVerified'],
	[-1, 'User_NotExists'],
];

export const STATUS_TITLES: readonly string[] = STATUS_TABLE.map(([, t]) => t);

/** A status given as its title or its number → the title; undefined when not in the table. */
export function statusTitle(v: string | number): string | undefined {
	if (typeof v === 'number') return STATUS_TABLE.find(([n]) => n === v)?.[1];
	const trimmed = v.trim();
	if (/^-?[0-9]+$/.test(trimmed)) return statusTitle(Number(trimmed));
	return STATUS_TITLES.find((t) => t === trimmed);
}

/** Account-level failures a fixture account (or the control surface) can put on every call. */
export const USER_ERRORS = [
	'User_NotExists',
	'User_MobileNotVerified',
	'User_Disabled',
	'User_Expired',
	'User_WebServiceBanned',
	'User_NotAllowWebService',
	'User_NotAllowIP',
	'User_NotAllowMethod',
	'User_NotAllowHttp',
] as const;
export type UserError = (typeof USER_ERRORS)[number];

/** Every REST method the emulator implements (spelling as the provider's: "Recieve", "OWN"). */
export const METHODS = [
	'SendOTP',
	'SendQuickOTP',
	'SendSimple',
	'SendWithBackupLine',
	'SendWithPattern',
	'SendWithPatternOWN',
	'SendPeerToPeer',
	'GetMessage',
	'GetMessages',
	'GetDelivery',
	'GetDeliveries',
	'GetDeliveriesByCampaignID',
	'AccountStatus',
	'RecieveMessages',
	'RecieveNewMessages',
	'RelayRecieveMessageCreate',
	'RelayRecieveMessageList',
	'RelayRecieveMessageSetActive',
	'RelayMessageDeliveryCreate',
	'RelayMessageDeliveryList',
	'RelayMessageDeliverySetActive',
] as const;
export type MethodName = (typeof METHODS)[number];

export const REST_PREFIX = '/rest';

/** Fixture tokens (40 hex digits: the sandbox's idea of a well-formed token), one per outcome. */
export const FIXTURE_TOKENS = {
	valid: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870001',
	demo: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870002',
	noCredit: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870003',
	disabled: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870004',
	expired: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870005',
	ipRestricted: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870006',
	methodRestricted: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870007',
	userDisabled: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870008',
	userExpired: '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870009',
	/** Well-formed but unknown → Token_NotExists. */
	unknown: '5A0C1E2D3F4B5A6978871E2D3F4B5A69788700FF',
	/** Not token-shaped → Token_Invalid. */
	malformed: 'not a token!',
} as const;
export type FixtureTokenName = keyof typeof FIXTURE_TOKENS;

/** Token shape the sandbox accepts as "well-formed" (anything else: Token_Invalid). */
export const TOKEN_SHAPE = /^[A-Za-z0-9]{20,64}$/;

/** Account ids of the fixtures. */
export const MAIN_ACCOUNT = 'main';
export const DEMO_ACCOUNT = 'demo';
export const EMPTY_ACCOUNT = 'empty';
export const DISABLED_ACCOUNT = 'userDisabled';
export const EXPIRED_ACCOUNT = 'userExpired';

/** Remaining credit of the main account, in Rial. */
export const DEFAULT_CREDIT = 25_000_000n;

/** Sending lines of the main account (AccountStatus `ListLineNumbers`). Names match case-insensitively. */
export const DEFAULT_LINES = ['98', 'Public', 'Service', '50004000123'] as const;
/** The account's dedicated line, also its receiving line. */
export const DEDICATED_LINE = '50004000123';
/** A second receiving line (inbound only, not a sending line). */
export const SECOND_RECEIVING_LINE = '50004000999';
export const DEFAULT_BACKUP_LINE = '98';

/** Blacklisted recipient (10-digit form): Mobile_Invalid on plain sends, routed via the backup line otherwise. */
export const BLACKLISTED_MOBILE = '9199999999';

/** Prices per SMS page in Rial (D-doc's AccountStatus sample). */
export const PRICES = {
	BaseSMS_PersianPrice: 1000,
	BaseSMS_EnglishPrice: 5000,
	ServiceSMS_PersianPrice: 2050,
	ServiceSMS_EnglishPrice: 6670,
	AdsSMS_PersianPrice: 3870,
	AdsSMS_EnglishPrice: 11560,
	Avanak_SecondPrice: 23,
} as const;

export type LineKind = 'base' | 'service' | 'ads';

/** Price class of a line: "98" is the advertising line, "Service" the service line, others base. */
export function lineKind(line: string): LineKind {
	const l = line.toLowerCase();
	if (l === '98') return 'ads';
	if (l === 'service') return 'service';
	return 'base';
}

export interface PatternDef {
	id: number;
	text: string;
	/** Number of `{n}` variables. */
	variables: number;
	approved: boolean;
	/** Registered with the OTP option (used by SendQuickOTP). */
	otp: boolean;
}

export const DEFAULT_PATTERNS: readonly PatternDef[] = [
	{ id: 101, text: 'سلام {0}، سفارش {1} ثبت شد.', variables: 2, approved: true, otp: false },
	{ id: 102, text: 'کد تایید شما: {0}', variables: 1, approved: true, otp: true },
	{ id: 103, text: 'الگوی تایید نشده {0}', variables: 1, approved: false, otp: false },
];

/** Id of the first message and campaign (9 digits, like the documented samples). */
export const FIRST_MESSAGE_ID = 600_000_001n;
export const FIRST_CAMPAIGN_ID = 12_000_001n;
/** With the `bigIds` switch: first odd integer above 2^53 (never exact as a double). */
export const BIG_FIRST_MESSAGE_ID = 9_007_199_254_740_993n;
export const BIG_FIRST_CAMPAIGN_ID = 9_007_199_354_740_993n;

/** Delivery progression (DeliveryType values are undocumented; the sandbox uses 0 then 1). */
export const PENDING_DELIVERY_TYPE = 0;
export const DELIVERED_DELIVERY_TYPE = 1;
export const DELIVERED_AFTER_MS = 30_000;

/** .NET `default(DateTime)` as the API writes it. */
export const DOTNET_MIN_DATE = '0001-01-01T00:00:00';

export const NEW_MESSAGES_FOUND = 'پیامک‌های جدید با موفقیت دریافت شدند';
export const NO_NEW_MESSAGES = 'هیچ پیام جدیدی یافت نشد';
