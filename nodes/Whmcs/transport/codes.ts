/**
 * WHMCS's answers as data. WHMCS has no error codes: a failure is
 * `{"result":"error","message":"<English text>"}`, mostly with HTTP 200, so the
 * "code" of a failure is its message text. Each documented text is an entry here
 * (provider spec §3-§5; the three ResetPassword texts come from the seed).
 *
 * An unknown text, an unknown `result` or a missing `result` is an error, never a success.
 */

/** Every WHMCS API action the node calls, in the documented spelling. */
export const WHMCS_ACTION_NAMES = [
	'ResetPassword',
	'GetUsers',
	'GetClientsDetails',
	'ValidateLogin',
	'CreateSsoToken',
	'UpdateUser',
	'AddUser',
	'SendEmail',
	'WhmcsDetails',
	'GetAdminDetails',
] as const;
export type WhmcsActionName = (typeof WHMCS_ACTION_NAMES)[number];

export interface WhmcsActionInfo {
	/** What a successful call changes or sends; null when it only reads. */
	sideEffect: string | null;
	/**
	 * The same request may be sent again after an ambiguous failure (timeout, reset,
	 * 5xx, garbled body) without a second effect: true only for reads and for
	 * updates that set the same values again.
	 */
	safeToRepeat: boolean;
	/** First WHMCS version with the action in its current form. */
	minVersion: string;
}

export const WHMCS_ACTIONS: Readonly<Record<WhmcsActionName, WhmcsActionInfo>> = {
	ResetPassword: { sideEffect: 'WHMCS emails the user a password-reset link', safeToRepeat: false, minVersion: '8.0.0' },
	GetUsers: { sideEffect: null, safeToRepeat: true, minVersion: '8.1.0' },
	GetClientsDetails: { sideEffect: null, safeToRepeat: true, minVersion: '8.0.0' },
	ValidateLogin: { sideEffect: "WHMCS starts a session and updates the user's last-login time", safeToRepeat: false, minVersion: '8.0.0' },
	CreateSsoToken: { sideEffect: 'WHMCS mints a single-use sign-in token with full access to the account', safeToRepeat: false, minVersion: '7.10.0' },
	UpdateUser: { sideEffect: "WHMCS changes the user's details (setting the same values again changes nothing more)", safeToRepeat: true, minVersion: '8.0.0' },
	AddUser: { sideEffect: 'WHMCS creates a user', safeToRepeat: false, minVersion: '8.0.0' },
	SendEmail: { sideEffect: 'WHMCS sends an email', safeToRepeat: false, minVersion: '1.0' },
	WhmcsDetails: { sideEffect: null, safeToRepeat: true, minVersion: '8.0.0' },
	GetAdminDetails: { sideEffect: null, safeToRepeat: true, minVersion: '1.0' },
};

/** The action, matched case-insensitively (WHMCS echoes action names in lower case). */
export function lookupWhmcsAction(name: string): WhmcsActionName | undefined {
	const lower = name.trim().toLowerCase();
	return WHMCS_ACTION_NAMES.find((a) => a.toLowerCase() === lower);
}

export type WhmcsResultClass = 'success' | 'error' | 'unknown';

/** `result` of a WHMCS answer: only the exact string "success" is a success. */
export function classifyResult(result: unknown): WhmcsResultClass {
	if (result === 'success') return 'success';
	if (result === 'error') return 'error';
	return 'unknown';
}

export type WhmcsErrorClass =
	/** The identifier/secret or admin login is wrong, or the admin lacks API Access. */
	| 'credentials'
	/** The credential works but its API role does not allow the action. */
	| 'permission'
	/** The caller's IP is not on the API allow list and no valid access key was sent. */
	| 'ipNotAllowed'
	/** The installation does not know the action (too old, or a typo). */
	| 'unknownAction'
	/** A parameter is missing or malformed. */
	| 'invalidInput'
	/** The user, client or template does not exist. */
	| 'notFound'
	/** The email address belongs to another user. */
	| 'conflict'
	/** ValidateLogin: the email or password is wrong. */
	| 'loginInvalid'
	/** WHMCS refuses by configuration (SSO off for the client, template disabled). */
	| 'refused'
	/** WHMCS tried and failed (mail not sent, token not stored). */
	| 'failed'
	/** A message no table entry matches: still an error. */
	| 'unknown';

export interface WhmcsMessageEntry {
	/** Stable key, for tests and option values. */
	key: string;
	/** The exact WHMCS text; for texts with a variable part, the text with `{…}` placeholders. */
	message: string;
	/** For texts with a variable part: named groups are the variables. */
	pattern?: RegExp;
	/** English explanation for the node's error, with what to do. */
	text: string;
	class: WhmcsErrorClass;
	/** Actions that answer it ('any': the common API checks). */
	actions: readonly WhmcsActionName[] | 'any';
	/** Where the text comes from (spec's origin labels). */
	origin: 'seed' | 'known' | 'inferred';
}

const ANY = 'any' as const;

export const WHMCS_MESSAGES: readonly WhmcsMessageEntry[] = [
	// ---- common checks (every action)
	{
		key: 'authenticationFailed',
		message: 'Authentication Failed',
		text: "The credentials were rejected; check the API identifier and secret (or the admin username and password), and that the admin's role group has the API Access permission",
		class: 'credentials',
		actions: ANY,
		origin: 'known',
	},
	{
		key: 'actionNotAllowed',
		message: 'Invalid Permissions: API action "{action}" is not allowed',
		pattern: /^Invalid Permissions: API action "(?<action>[^"]*)" is not allowed$/,
		text: "The credentials work, but the credential's API role does not allow this action; add it to the role in the WHMCS admin area",
		class: 'permission',
		actions: ANY,
		origin: 'known',
	},
	{
		key: 'invalidIp',
		message: 'Invalid IP {ip}',
		pattern: /^Invalid IP (?<ip>\S+)$/,
		text: "WHMCS does not accept API calls from this IP address; add n8n's outbound IP address to the API IP allow list in WHMCS (Setup > General Settings > Security), or set the access key in the credential",
		class: 'ipNotAllowed',
		actions: ANY,
		origin: 'known',
	},
	{
		key: 'commandNotFound',
		message: 'Command Not Found',
		text: 'This WHMCS installation does not know the API action (it may be older than the action; the node needs WHMCS 8.1 or later)',
		class: 'unknownAction',
		actions: ANY,
		origin: 'inferred',
	},
	// ---- ResetPassword (seed: its three error texts)
	{
		key: 'resetNeedIdOrEmail',
		message: 'Please enter the email address or provide the id',
		text: 'Neither a user ID nor an email address was sent',
		class: 'invalidInput',
		actions: ['ResetPassword'],
		origin: 'seed',
	},
	{
		key: 'resetInvalidEmail',
		message: 'Please provide a valid email address',
		text: 'WHMCS did not accept the email address as valid',
		class: 'invalidInput',
		actions: ['ResetPassword'],
		origin: 'seed',
	},
	{
		key: 'userNotFound',
		message: 'User Not Found',
		text: 'No WHMCS user has this user ID or email address',
		class: 'notFound',
		actions: ['ResetPassword'],
		origin: 'seed',
	},
	// ---- GetClientsDetails
	{
		key: 'clientIdOrEmailRequired',
		message: 'Either clientid Or email Is Required',
		text: 'Neither a client ID nor an email address was sent',
		class: 'invalidInput',
		actions: ['GetClientsDetails'],
		origin: 'known',
	},
	{
		key: 'clientNotFound',
		message: 'Client Not Found',
		text: 'No WHMCS client has this client ID or email address',
		class: 'notFound',
		actions: ['GetClientsDetails'],
		origin: 'known',
	},
	// ---- ValidateLogin
	{
		key: 'loginInvalid',
		message: 'Email or Password Invalid',
		text: 'The email address or the password is wrong',
		class: 'loginInvalid',
		actions: ['ValidateLogin'],
		origin: 'known',
	},
	// ---- CreateSsoToken
	{
		key: 'ssoInvalidClient',
		message: 'Invalid client_id',
		text: 'No WHMCS client has this client ID',
		class: 'notFound',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	{
		key: 'ssoInvalidUser',
		message: 'Invalid user_id',
		text: 'No WHMCS user has this user ID',
		class: 'notFound',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	{
		key: 'ssoUserNotOfClient',
		message: 'Invalid user_id for client',
		text: 'The user does not belong to the client',
		class: 'invalidInput',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	{
		key: 'ssoNeedClientOrUser',
		message: 'A valid client_id or user_id is required',
		text: 'Neither a client ID nor a user ID was sent',
		class: 'invalidInput',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	{
		key: 'ssoInvalidDestination',
		message: 'Invalid destination',
		text: 'WHMCS does not know this single sign-on destination',
		class: 'invalidInput',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	{
		key: 'ssoNotProvisioned',
		message: 'Token could not be provisioned: {reason}',
		pattern: /^Token could not be provisioned: (?<reason>.*)$/s,
		text: 'WHMCS could not create the single sign-on token',
		class: 'failed',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	{
		key: 'ssoBlocked',
		message: 'SSO authentication blocked for client {clientId}',
		pattern: /^SSO authentication blocked for client (?<clientId>\S+)$/,
		text: 'Single sign-on is turned off for this client in WHMCS',
		class: 'refused',
		actions: ['CreateSsoToken'],
		origin: 'known',
	},
	// ---- UpdateUser / AddUser
	{
		key: 'invalidUserId',
		message: 'Invalid User ID requested',
		text: 'No WHMCS user has this user ID',
		class: 'notFound',
		actions: ['UpdateUser'],
		origin: 'known',
	},
	{
		key: 'updateNeedsField',
		message: 'One of `email`, `firstname`, `lastname`, or `language` is required',
		text: 'Nothing to update: give an email, first name, last name or language',
		class: 'invalidInput',
		actions: ['UpdateUser'],
		origin: 'known',
	},
	{
		key: 'emailNotValid',
		message: 'The email address entered is not valid',
		text: 'WHMCS did not accept the email address as valid',
		class: 'invalidInput',
		actions: ['UpdateUser', 'AddUser'],
		origin: 'known',
	},
	{
		key: 'emailTaken',
		message: 'A user already exists with that email address',
		text: 'Another WHMCS user already has this email address',
		class: 'conflict',
		actions: ['UpdateUser', 'AddUser'],
		origin: 'known',
	},
	{
		key: 'noFirstName',
		message: 'You did not enter a first name',
		text: 'The first name is missing',
		class: 'invalidInput',
		actions: ['AddUser'],
		origin: 'known',
	},
	{
		key: 'noLastName',
		message: 'You did not enter a last name',
		text: 'The last name is missing',
		class: 'invalidInput',
		actions: ['AddUser'],
		origin: 'known',
	},
	{
		key: 'noEmail',
		message: 'You did not enter an email address',
		text: 'The email address is missing',
		class: 'invalidInput',
		actions: ['AddUser'],
		origin: 'known',
	},
	{
		key: 'noPassword',
		message: 'You did not enter a password',
		text: 'The password is missing',
		class: 'invalidInput',
		actions: ['AddUser'],
		origin: 'known',
	},
	// ---- SendEmail
	{
		key: 'sendNeedTemplateOrType',
		message: 'You must provide either an existing email template name or a custom message type',
		text: 'Give a template name, or a custom message type with subject and body',
		class: 'invalidInput',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'sendInvalidType',
		message: 'Invalid message type provided',
		text: 'The custom message type must be general, product, domain, invoice, support or affiliate',
		class: 'invalidInput',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'sendNeedSubject',
		message: 'A subject is required for a custom message',
		text: 'The custom message has no subject',
		class: 'invalidInput',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'sendNeedBody',
		message: 'A message body is required for a custom message',
		text: 'The custom message has no body',
		class: 'invalidInput',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'sendInvalidVars',
		message: 'The custom variables you provided are invalid.',
		text: 'WHMCS could not read the custom variables',
		class: 'invalidInput',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'sendNeedRelatedId',
		message: 'A related ID is required',
		text: 'The related ID (client, service, domain, invoice, ticket or affiliate ID) is missing',
		class: 'invalidInput',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'templateNotFound',
		message: 'Email Template not found',
		text: 'WHMCS has no client email template with this name that the API may send (password-reset and order-confirmation templates cannot be sent this way)',
		class: 'notFound',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'templateDisabled',
		message: 'Email Template is disabled',
		text: 'The email template is disabled in WHMCS',
		class: 'refused',
		actions: ['SendEmail'],
		origin: 'known',
	},
	{
		key: 'sendingFailed',
		message: 'Sending Failed. Please see documentation.',
		text: "WHMCS did not send the email: the related ID may be wrong for the template's type, the template may render empty, a hook may have stopped it, or the mailer failed (see WHMCS's activity log)",
		class: 'failed',
		actions: ['SendEmail'],
		origin: 'known',
	},
];

/** GetClientsDetails' documented `warning` (sent with a success). */
export const WHMCS_KNOWN_WARNINGS: readonly string[] = [
	'Credit Card related parameters are now deprecated and have been removed. Use GetPayMethods instead.',
];

export interface WhmcsMessageMatch {
	entry: WhmcsMessageEntry;
	/** Variable parts of the text (`action`, `ip`, `clientId`, `reason`). */
	params: Record<string, string>;
}

const EXACT = new Map(WHMCS_MESSAGES.filter((e) => !e.pattern).map((e) => [e.message, e]));
const PATTERNS = WHMCS_MESSAGES.filter((e) => e.pattern);

/** The entry of a WHMCS message text (surrounding spaces ignored), or undefined when WHMCS did not document it. */
export function lookupWhmcsMessage(message: string): WhmcsMessageMatch | undefined {
	const text = message.trim();
	const exact = EXACT.get(text);
	if (exact) return { entry: exact, params: {} };
	for (const entry of PATTERNS) {
		const m = entry.pattern!.exec(text);
		if (m) return { entry, params: { ...(m.groups ?? {}) } };
	}
	return undefined;
}

export interface WhmcsErrorDescription {
	class: WhmcsErrorClass;
	/** English explanation (the WHMCS text itself is kept separately by the caller). */
	text: string;
	known: boolean;
	key?: string;
}

/** Class and English explanation of a WHMCS error message; an unknown text is class 'unknown'. */
export function describeWhmcsError(message: string | undefined): WhmcsErrorDescription {
	if (message === undefined || message.trim() === '') {
		return { class: 'unknown', text: 'WHMCS answered an error without a message', known: false };
	}
	const hit = lookupWhmcsMessage(message);
	if (!hit) return { class: 'unknown', text: 'WHMCS answered an error it does not document', known: false };
	return { class: hit.entry.class, text: hit.entry.text, known: true, key: hit.entry.key };
}

export type WhmcsHttpClass =
	/** The body decides (WHMCS answers business errors with 200). */
	| 'body'
	/** 403: IP allow list / access key (or, on some installations, bad credentials: read the body too). */
	| 'forbidden'
	/** 404: the URL is not a WHMCS API endpoint. */
	| 'notFound'
	/** 429: refused before processing by a proxy or rate limiter; nothing happened. */
	| 'rateLimited'
	/** 5xx: the request may have been processed. */
	| 'serverError'
	| 'unexpected';

export interface WhmcsHttpStatusInfo {
	class: WhmcsHttpClass;
	text: string;
	/** The answer proves WHMCS did not act on the request. */
	provesNotProcessed: boolean;
}

/** What an HTTP status of `includes/api.php` means. */
export function describeHttpStatus(status: number): WhmcsHttpStatusInfo {
	if (status >= 200 && status < 300) return { class: 'body', text: 'WHMCS answered', provesNotProcessed: false };
	if (status === 403) {
		return {
			class: 'forbidden',
			text: "WHMCS refused the call; add n8n's outbound IP address to the API IP allow list in WHMCS, or set the access key in the credential",
			provesNotProcessed: true,
		};
	}
	if (status === 404) return { class: 'notFound', text: 'No WHMCS API at this URL; check the WHMCS URL in the credential', provesNotProcessed: true };
	if (status === 429) return { class: 'rateLimited', text: 'Too many requests; the call was refused before WHMCS processed it', provesNotProcessed: true };
	if (status >= 500 && status < 600) {
		return { class: 'serverError', text: 'The WHMCS server failed; the request may have been processed', provesNotProcessed: false };
	}
	return { class: 'unexpected', text: 'Unexpected HTTP status from WHMCS', provesNotProcessed: false };
}
