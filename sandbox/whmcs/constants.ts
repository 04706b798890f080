/**
 * Fixed data of the WHMCS sandbox: test credentials, the seeded users and clients,
 * email templates, and WHMCS's own (English) message texts.
 *
 * The texts are kept here, apart from the node's code table
 * (nodes/Whmcs/transport/codes.ts), so a test can prove the two agree.
 */

/** The one API endpoint, relative to an installation's root. */
export const API_PATH = '/includes/api.php';
/** A second installation root, for "WHMCS in a sub-folder" (https://example.com/whmcs). */
export const SUBFOLDER_ROOT = '/whmcs';
/** Where an SSO token is redeemed (CreateSsoToken's redirect_url). */
export const SSO_PATH = '/oauth/singlesignon.php';

export const WHMCS_VERSION = { version: '8.13.1', canonicalversion: '8.13.1-release.1' };

/** Mode A: API credentials (identifier + secret), each tied to an admin and an API role. */
export interface ApiCredentialDef {
	identifier: string;
	secret: string;
	/** Admin the credential belongs to. */
	admin: string;
	/** Allowed actions (any case), or 'all'. */
	role: readonly string[] | 'all';
}

/** Mode B: an admin login; the API receives md5(password) in lowercase hex. */
export interface AdminDef {
	id: number;
	username: string;
	password: string;
	firstname: string;
	lastname: string;
	/** The admin's role group has the "API Access" permission. */
	apiAccess: boolean;
}

export const DEFAULT_ADMINS: readonly AdminDef[] = [
	{ id: 1, username: 'sandboxadmin', password: 'Admin-Pass#2026', firstname: 'Sandbox', lastname: 'Admin', apiAccess: true },
	{ id: 2, username: 'noapiadmin', password: 'NoApi-Pass#2026', firstname: 'Support', lastname: 'Staff', apiAccess: false },
];

/** Full-access credential (the sandbox's default). 32-character strings, as in the docs. */
export const DEFAULT_CREDENTIAL: ApiCredentialDef = {
	identifier: 'Wq7ZpX2mN4bR8sT1vY6cK3dF9gH5jL0a',
	secret: 'e3B9xQ2rT7mK5nV1cZ8pL4wS6yD0fG2h',
	admin: 'sandboxadmin',
	role: 'all',
};

/** A credential whose API role lacks WhmcsDetails, SendEmail and CreateSsoToken. */
export const LIMITED_CREDENTIAL: ApiCredentialDef = {
	identifier: 'Lm3Rn8Qp2Vx6Zb1Tc9Wd4Yf7Kg0Hj5Sa',
	secret: 'k8N2vB6xM1zQ9rT4wE7yU3iO5pA0sD2f',
	admin: 'sandboxadmin',
	role: ['ResetPassword', 'GetUsers', 'GetClientsDetails'],
};

/** A credential of an admin without the API Access permission: always "Authentication Failed". */
export const NO_API_ACCESS_CREDENTIAL: ApiCredentialDef = {
	identifier: 'Nx5Aq1Wz8Ec3Rv6Tb2Yn9Um4Ik7Ol0Pj',
	secret: 'p4L9kJ2hG7fD1sA6zX3cV8bN5mQ0wE2r',
	admin: 'noapiadmin',
	role: 'all',
};

/**
 * `$api_access_key` of configuration.php. Uses every special character WHMCS allows
 * (`! @ # $ % . ( ) * [ ] - _`), so the value must travel through the form encoding intact.
 */
export const DEFAULT_ACCESS_KEY = 'Sbx-Key_[2026]!@#$%.()*';
export const ACCESS_KEY_RE = /^[A-Za-z0-9!@#$%.()*[\]\-_]+$/;

/** IP allow list (Setup > General Settings > Security). Loopback is allowed by default. */
export const DEFAULT_ALLOWED_IPS: readonly string[] = ['127.0.0.1'];

export const SSO_TOKEN_TTL_MS = 60_000;

export interface SeedUser {
	id: number;
	firstname: string;
	lastname: string;
	email: string;
	password: string;
	datecreated: string;
	language: string;
	twoFactorEnabled: boolean;
}

export interface SeedClient {
	id: number;
	uuid: string;
	firstname: string;
	lastname: string;
	companyname: string;
	email: string;
	status: 'Active' | 'Inactive' | 'Closed';
	allowSingleSignOn: boolean;
	/** Linked users, the owner first. */
	users: number[];
}

/**
 * Users: 1 belongs to two clients (owner of 1, member of 2); 3's email starts with 1's
 * (a prefix search for 1's email also finds 3); 4 has two-factor authentication and a
 * Persian name (non-ASCII, escaped by PHP's json_encode); 5 belongs to no client.
 */
export const SEED_USERS: readonly SeedUser[] = [
	{ id: 1, firstname: 'John', lastname: 'Smith', email: 'john.smith@example.net', password: 'Correct-Horse-1', datecreated: '2020-12-15 15:29:49', language: '', twoFactorEnabled: false },
	{ id: 2, firstname: 'Jane', lastname: 'Doe', email: 'jane.doe@example.com', password: 'Battery-Staple-2', datecreated: '2021-03-02 09:10:11', language: 'english', twoFactorEnabled: false },
	{ id: 3, firstname: 'Johnny', lastname: 'Smithers', email: 'john.smith@example.net.au', password: 'Koala-Bear-3', datecreated: '2022-07-19 22:01:05', language: '', twoFactorEnabled: false },
	{ id: 4, firstname: 'علی', lastname: 'رضایی', email: 'ali.rezaei@example.ir', password: 'Tehran-1404', datecreated: '2023-01-08 06:45:00', language: 'farsi', twoFactorEnabled: true },
	{ id: 5, firstname: 'Orphan', lastname: 'User', email: 'orphan@example.org', password: 'No-Client-5', datecreated: '2024-05-30 12:00:00', language: '', twoFactorEnabled: false },
];

/** Clients: 3 has single sign-on disabled; 4 is closed. */
export const SEED_CLIENTS: readonly SeedClient[] = [
	{ id: 1, uuid: 'f08ea4d1-c578-441a-9b0a-aa3aff8b1acf', firstname: 'John', lastname: 'Smith', companyname: '', email: 'billing@smith.example.net', status: 'Active', allowSingleSignOn: true, users: [1] },
	{ id: 2, uuid: '3c1f0b52-8a8e-4e0a-9d55-7b1f2c6a9e10', firstname: 'Jane', lastname: 'Doe', companyname: 'Doe Hosting Ltd', email: 'accounts@doe.example.com', status: 'Active', allowSingleSignOn: true, users: [2, 1] },
	{ id: 3, uuid: '9b2d7e44-1c3a-4f6b-8e0d-2a5c9f1b7d33', firstname: 'Johnny', lastname: 'Smithers', companyname: '', email: 'johnny@example.net.au', status: 'Active', allowSingleSignOn: false, users: [3] },
	{ id: 4, uuid: '5e8a1c93-6d2f-4b7e-a0c4-8f3b2d1e6a77', firstname: 'علی', lastname: 'رضایی', companyname: 'شرکت نمونه', email: 'ali.rezaei@example.ir', status: 'Closed', allowSingleSignOn: true, users: [4] },
];

/** Related ids that exist, per SendEmail type ('general' relates to clients). */
export const SEED_RELATED_IDS: Readonly<Record<'product' | 'domain' | 'invoice' | 'support' | 'affiliate', readonly number[]>> = {
	product: [101, 102],
	domain: [201],
	invoice: [301, 302],
	support: [401],
	affiliate: [501],
};

export const EMAIL_TYPES = ['general', 'product', 'domain', 'invoice', 'support', 'affiliate'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export interface EmailTemplateDef {
	name: string;
	type: EmailType;
	disabled: boolean;
}

export const SEED_TEMPLATES: readonly EmailTemplateDef[] = [
	{ name: 'Client Signup Email', type: 'general', disabled: false },
	{ name: 'Account Recovery Notice', type: 'general', disabled: false },
	{ name: 'Hosting Account Welcome Email', type: 'product', disabled: false },
	{ name: 'Invoice Created', type: 'invoice', disabled: false },
	{ name: 'Retired Newsletter', type: 'general', disabled: true },
	// Present in every installation, but SendEmail refuses them (docs: "cannot be sent in this way").
	{ name: 'Password Reset Validation', type: 'general', disabled: false },
	{ name: 'Password Reset Confirmation', type: 'general', disabled: false },
	{ name: 'Order Confirmation', type: 'general', disabled: false },
];

/** Templates SendEmail cannot send (docs: sendemail.md). */
export const UNSENDABLE_TEMPLATES: readonly string[] = [
	'Order Confirmation',
	'Password Reset Confirmation',
	'Password Reset Validation',
	'Quote Accepted',
	'Quote Accepted Notification',
	'Quote Delivery with PDF',
	'Clients Only Bounce Message',
	'Replies Only Bounce Message',
	'Affiliate Monthly Referrals Report',
];

/** CreateSsoToken destinations the sandbox knows (short form of the SSO developer guide). */
export const SSO_DESTINATIONS: readonly string[] = [
	'clientarea:homepage',
	'clientarea:profile',
	'clientarea:billing_info',
	'clientarea:emails',
	'clientarea:product_details',
	'clientarea:domain_details',
	'clientarea:domain_dns',
	'clientarea:domain_nameservers',
	'clientarea:services',
	'clientarea:domains',
	'clientarea:invoices',
	'clientarea:tickets',
	'clientarea:submit_ticket',
	'clientarea:shopping_cart',
	'clientarea:upgrade',
	'clientarea:security',
	'clientarea:users',
	'sso:custom_redirect',
];

/** Every action the sandbox implements (documented PascalCase). */
export const ACTIONS = [
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
export type ActionName = (typeof ACTIONS)[number];

/** Exact WHMCS message texts (docs and seed; see the provider spec §3-§5). */
export const MSG = {
	authFailed: 'Authentication Failed',
	invalidIp: (ip: string) => `Invalid IP ${ip}`,
	notAllowed: (lowerAction: string) => `Invalid Permissions: API action "${lowerAction}" is not allowed`,
	commandNotFound: 'Command Not Found',
	// ResetPassword (seed)
	resetNeedIdOrEmail: 'Please enter the email address or provide the id',
	resetInvalidEmail: 'Please provide a valid email address',
	userNotFound: 'User Not Found',
	// GetClientsDetails
	clientIdOrEmailRequired: 'Either clientid Or email Is Required',
	clientNotFound: 'Client Not Found',
	clientsDetailsWarning: 'Credit Card related parameters are now deprecated and have been removed. Use GetPayMethods instead.',
	// ValidateLogin
	loginInvalid: 'Email or Password Invalid',
	// CreateSsoToken
	ssoInvalidClient: 'Invalid client_id',
	ssoInvalidUser: 'Invalid user_id',
	ssoUserNotOfClient: 'Invalid user_id for client',
	ssoNeedClientOrUser: 'A valid client_id or user_id is required',
	ssoInvalidDestination: 'Invalid destination',
	ssoNotProvisioned: (reason: string) => `Token could not be provisioned: ${reason}`,
	ssoBlocked: (clientId: number) => `SSO authentication blocked for client ${clientId}`,
	// UpdateUser / AddUser
	invalidUserId: 'Invalid User ID requested',
	updateNeedsField: 'One of `email`, `firstname`, `lastname`, or `language` is required',
	emailNotValid: 'The email address entered is not valid',
	emailTaken: 'A user already exists with that email address',
	noFirstName: 'You did not enter a first name',
	noLastName: 'You did not enter a last name',
	noEmail: 'You did not enter an email address',
	noPassword: 'You did not enter a password',
	// SendEmail
	sendNeedTemplateOrType: 'You must provide either an existing email template name or a custom message type',
	sendInvalidType: 'Invalid message type provided',
	sendNeedSubject: 'A subject is required for a custom message',
	sendNeedBody: 'A message body is required for a custom message',
	sendInvalidVars: 'The custom variables you provided are invalid.',
	sendNeedRelatedId: 'A related ID is required',
	templateNotFound: 'Email Template not found',
	templateDisabled: 'Email Template is disabled',
	sendingFailed: 'Sending Failed. Please see documentation.',
} as const;

/** Body of an injected `failure200` fault: an error text WHMCS does not document (the node must still fail). */
export const UNDOCUMENTED_ERROR = 'An unexpected error occurred. Please contact support.';
