/**
 * AmootSMS status table as data (seed 001: every number and title; D-doc adds −109).
 *
 * On the REST API every reply is HTTP 200 and the `Status` field carries the
 * **title** (e.g. `"CreditNotEnough"`); the numbers are the same enumeration's
 * values in the old SOAP service and are kept as stable codes in error messages.
 * Success is `Success` and nothing else; an unknown title is an error.
 */

export type AmootStatusClass =
	| 'success'
	/** Generic failure of the operation. */
	| 'failed'
	/** The token or the account cannot be used (fix the credential or the panel settings). */
	| 'credentials'
	/** The account cannot do this: demo account, missing line or service. */
	| 'account'
	/** Not enough credit. */
	| 'credit'
	/** A request field is empty or invalid. */
	| 'invalidInput'
	/** An id that does not exist (or is not the account's). */
	| 'notFound'
	/** Already registered. */
	| 'duplicate'
	/** The provider's own trouble; trying again later may work. */
	| 'transient';

export interface AmootStatus {
	/** Number of the seed's table. */
	code: number;
	/** Title, exactly as on the wire. */
	title: string;
	/** English meaning. */
	text: string;
	class: AmootStatusClass;
	/** Trying the same request again later may succeed. */
	retryable: boolean;
	/**
	 * The answer proves the request was refused, so a send did not happen.
	 * False for Success (it happened) and for ServerError (it may have happened).
	 */
	provesNotSent: boolean;
	/** The request field the status is about, when it names one. */
	field?: string;
}

type Row = [code: number, title: string, text: string, cls: AmootStatusClass, field?: string];

const ROWS: readonly Row[] = [
	[0, 'Failed', 'The operation failed', 'failed'],
	[1, 'Success', 'The operation succeeded', 'success'],
	[2, 'AccountIsDemo', 'The account is a demo account and cannot send', 'account'],
	[4, 'CreditNotEnough', 'Not enough credit', 'credit'],
	[
		5,
		'LineNumber_NotExist',
		'The sending line does not exist on this account',
		'account',
		'LineNumber',
	],
	[
		6,
		'BackupLineNumber_NotExist',
		'The backup line does not exist on this account',
		'account',
		'BackupLineNumber',
	],
	[7, 'Avanak_NotAvailable', 'The Avanak voice-message service is not available', 'account'],
	[10, 'UserName_Empty', 'The username is empty', 'credentials', 'UserName'],
	[11, 'Password_Empty', 'The password is empty', 'credentials', 'Password'],
	[12, 'LineNumber_Empty', 'The line number is empty', 'invalidInput', 'LineNumber'],
	[
		13,
		'BackupLineNumber_Empty',
		'The backup line number is empty',
		'invalidInput',
		'BackupLineNumber',
	],
	[14, 'SMSMessageText_Empty', 'The message text is empty', 'invalidInput', 'SMSMessageText'],
	[
		15,
		'AvanakMessageText_Empty',
		'The voice-message text is empty',
		'invalidInput',
		'AvanakMessageText',
	],
	[16, 'Mobile_Empty', 'The mobile number is empty', 'invalidInput', 'Mobile'],
	[17, 'Mobiles_Empty', 'The list of mobile numbers is empty', 'invalidInput', 'Mobiles'],
	[18, 'Title_Empty', 'The title is empty', 'invalidInput', 'Title'],
	[19, 'FirstNameOrLastName_Empty', 'The first or last name is empty', 'invalidInput'],
	[20, 'URLAddress_Empty', 'The URL is empty', 'invalidInput', 'URLAddress'],
	[100, 'UserNameOrPassword_Invalid', 'The username or password is wrong', 'credentials'],
	[
		101,
		'Mobile_Invalid',
		'The mobile number is invalid or on the blacklist',
		'invalidInput',
		'Mobile',
	],
	[
		102,
		'Mobiles_Invalid',
		'A mobile number of the list is invalid or on the blacklist',
		'invalidInput',
		'Mobiles',
	],
	[103, 'Count_Invalid', 'The count is invalid', 'invalidInput', 'Count'],
	[104, 'FromRow_Invalid', 'The start row is invalid', 'invalidInput', 'FromRow'],
	[105, 'FromDate_Invalid', 'The start date is invalid', 'invalidInput', 'FromDate'],
	[106, 'FromDateTime_Invalid', 'The start date-time is invalid', 'invalidInput', 'FromDateTime'],
	[107, 'ToDate_Invalid', 'The end date is invalid', 'invalidInput', 'ToDate'],
	[108, 'ToDateTime_Invalid', 'The end date-time is invalid', 'invalidInput', 'ToDateTime'],
	[
		109,
		'FromDateIsAfterThanToDate',
		'The start date is after the end date',
		'invalidInput',
		'FromDate',
	],
	[
		110,
		'FromDateTimeIsAfterThanToDateTime',
		'The start date-time is after the end date-time',
		'invalidInput',
		'FromDateTime',
	],
	[111, 'MessageID_Invalid', 'The message id is invalid or not found', 'notFound', 'MessageID'],
	[
		112,
		'BulkID_Invalid',
		'The campaign (bulk) id is invalid or not found',
		'notFound',
		'CampaignID',
	],
	[113, 'ContactID_Invalid', 'The contact id is invalid', 'notFound', 'ContactID'],
	[114, 'ContactGroupID_Invalid', 'The contact group id is invalid', 'notFound', 'ContactGroupID'],
	[115, 'CourseID_Invalid', 'The periodic-send id is invalid', 'notFound', 'CourseID'],
	[
		116,
		'CourseGroupID_Invalid',
		'The periodic-send group id is invalid',
		'notFound',
		'CourseGroupID',
	],
	[117, 'URLAddress_Duplicate', 'This URL is already registered', 'duplicate', 'URLAddress'],
	[
		118,
		'RelayMessageDeliveryID_Invalid',
		'The delivery-relay id is invalid',
		'notFound',
		'RelayMessageDeliveryID',
	],
	[
		119,
		'RelayRecieveMessageID_Invalid',
		'The receive-relay id is invalid',
		'notFound',
		'RelayRecieveMessageID',
	],
	[
		120,
		'Length_Invalid',
		'A length is invalid (for example the code length, 4 to 8)',
		'invalidInput',
	],
	[121, 'Length_Exceeded', 'A length is above the maximum', 'invalidInput'],
	[500, 'ServerError', 'Server error at AmootSMS', 'transient'],
	[-300, 'System_Disabled', 'The AmootSMS system is disabled', 'transient'],
	[
		-208,
		'Token_NotAllowMethod',
		'The token is not allowed to call this method (see its Allowed Methods in the AmootSMS panel)',
		'credentials',
	],
	[
		-207,
		'Token_NotAllowIP',
		'The token is not allowed from this IP address (see its Allowed IPs in the AmootSMS panel)',
		'credentials',
	],
	[-204, 'Token_Expired', 'The token has expired', 'credentials'],
	[-203, 'Token_Disabled', 'The token is disabled', 'credentials'],
	[-202, 'Token_Invalid', 'The token is malformed or wrong', 'credentials'],
	[-201, 'Token_NotExists', 'The token does not exist (or was deleted)', 'credentials'],
	[-109, 'User_NotAllowHttp', 'The account may not use plain HTTP (use https)', 'credentials'],
	[-108, 'User_NotAllowMethod', 'The account is not allowed to call this method', 'credentials'],
	[-107, 'User_NotAllowIP', 'The account is not allowed from this IP address', 'credentials'],
	[
		-106,
		'User_NotAllowWebService',
		'The account is not allowed to use the web service',
		'credentials',
	],
	[-105, 'User_WebServiceBanned', "The account's web-service access is banned", 'credentials'],
	[-104, 'User_Expired', 'The account has expired', 'credentials'],
	[-103, 'User_Disabled', 'The account is disabled', 'credentials'],
	[
		-102,
		'User_MobileNotVerified',
		"The account owner's mobile number (identity) is not verified",
		'credentials',
	],
	[-1, 'User_NotExists', 'The user does not exist, or the token is invalid', 'credentials'],
];

function entry([code, title, text, cls, field]: Row): AmootStatus {
	return {
		code,
		title,
		text,
		class: cls,
		retryable: cls === 'transient',
		// ServerError may come after the work was done; every other error is a refusal.
		provesNotSent: cls !== 'success' && title !== 'ServerError',
		...(field !== undefined ? { field } : {}),
	};
}

/** Every status, in the seed's order. */
export const AMOOT_STATUSES: readonly AmootStatus[] = Object.freeze(ROWS.map(entry));

const BY_TITLE: ReadonlyMap<string, AmootStatus> = new Map(AMOOT_STATUSES.map((s) => [s.title, s]));
const BY_CODE: ReadonlyMap<number, AmootStatus> = new Map(AMOOT_STATUSES.map((s) => [s.code, s]));

export const SUCCESS_TITLE = 'Success';

/** The status of a wire title (exact spelling); undefined for a title the tables do not have. */
export function lookupStatus(title: string): AmootStatus | undefined {
	return BY_TITLE.get(title);
}

/** The status of a table number. */
export function statusByCode(code: number): AmootStatus | undefined {
	return BY_CODE.get(code);
}

/** True only for the exact title `Success`. */
export function isSuccessStatus(title: unknown): boolean {
	return title === SUCCESS_TITLE;
}

/**
 * What a reply's `Status` means. An unknown or missing title is an error of class
 * `failed` that proves nothing (a send may have happened) and is not retryable.
 */
export function classifyStatus(title: unknown): AmootStatus {
	if (typeof title === 'string') {
		const known = BY_TITLE.get(title);
		if (known) return known;
	}
	const shown = typeof title === 'string' ? title : JSON.stringify(title ?? null);
	return {
		code: Number.NaN,
		title: shown,
		text: `AmootSMS returned undocumented status ${shown}`,
		class: 'failed',
		retryable: false,
		provesNotSent: false,
	};
}

/** `CreditNotEnough (4): Not enough credit`, or the undocumented-status text. */
export function describeStatus(title: unknown): string {
	const s = classifyStatus(title);
	if (Number.isNaN(s.code)) return s.text;
	return `${s.title} (${s.code}): ${s.text}`;
}

/**
 * Credential-test wording for a status of `AccountStatus` (the test's only call):
 * undefined means the credential works.
 */
export function credentialTestMessage(title: unknown): string | undefined {
	if (isSuccessStatus(title)) return undefined;
	if (title === 'Token_NotAllowMethod') {
		return (
			'Token_NotAllowMethod (-208): the token works but may not call AccountStatus, which this test uses. ' +
			"Allow AccountStatus in the token's Allowed Methods, or save the credential anyway if the token is meant to send only"
		);
	}
	return describeStatus(title);
}

/**
 * `DeliveryType` of GetDelivery(ies): the provider documents it only as "the numeric final
 * delivery code". No value is documented yet, so every value is labelled `undocumented`.
 */
export const DELIVERY_TYPES: Readonly<Record<string, string>> = Object.freeze({});

export function deliveryTypeLabel(value: number): string {
	return DELIVERY_TYPES[String(value)] ?? 'undocumented';
}
