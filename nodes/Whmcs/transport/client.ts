/**
 * The WHMCS external API: every call is a form-encoded `POST {root}/includes/api.php` whose
 * `action` field picks the command; credentials travel in the same body. WHMCS answers
 * `{"result":"success",…}` or `{"result":"error","message":…}`, mostly with HTTP 200, so the
 * body decides, never the status.
 *
 * One typed function per action; each states whether it may be sent again once it may have
 * reached WHMCS (`repeatable`). Actions with a side effect (ResetPassword, ValidateLogin,
 * CreateSsoToken, AddUser, SendEmail) are never resent: WHMCS cannot recognise a repeat.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../shared/errors';
import type { HttpRequest, ProviderApi, ProviderResponse, ReadContext, RequestContext } from '../../shared/transport';
import { bodySnippet, callProvider, normaliseBaseUrl, redactSecrets, unexpectedAnswer } from '../../shared/transport';
import type { WhmcsActionName } from './codes';
import { WHMCS_ACTIONS, classifyResult, describeHttpStatus, describeWhmcsError, lookupWhmcsMessage } from './codes';

export const PROVIDER = 'WHMCS';
export const CREDENTIAL_TYPE = 'whmcsApi';
export const API_PATH = '/includes/api.php';
/** What users paste after the installation root: dropped, by the node and the credential test alike. */
export const URL_SUFFIXES = ['/includes/api.php'] as const;

/** GetUsers page size the node asks for (WHMCS documents no maximum; 25 is its default). */
export const USERS_PAGE_SIZE = 250;
/** Bound on GetUsers pages fetched for Return All and Get by Email (250 000 users). */
export const MAX_USER_PAGES = 1000;
/** CreateSsoToken: a token is valid for at most this long (docs). */
export const SSO_TOKEN_TTL_SECONDS = 60;

/** `$api_access_key` characters WHMCS allows (docs: api/access-control). */
export const ACCESS_KEY_RE = /^[A-Za-z0-9!@#$%.()*[\]\-_]+$/;

export type AuthType = 'apiCredentials' | 'adminLogin';

/** The credential's URL, reduced to the installation root (no trailing slash, no `/includes/api.php`). */
export function rootUrlOf(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.url, URL_SUFFIXES);
}

/** Why the credential's URL cannot be used, or undefined. HTTPS is required except on this machine. */
export function urlProblem(credentials: IDataObject): string | undefined {
	const root = rootUrlOf(credentials);
	if (root === '') return 'The WHMCS URL in the credential is empty';
	let url: URL;
	try {
		url = new URL(root);
	} catch {
		return `The WHMCS URL in the credential is not a URL: "${root}"`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The WHMCS URL must start with https://';
	if (url.search || url.hash) return 'The WHMCS URL must not have a query or fragment: use the installation root, e.g. https://billing.example.com';
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
	if (url.protocol === 'http:' && !loopback) {
		return 'The WHMCS URL must use https:// (credentials travel in the request body); http:// is accepted only for localhost';
	}
	return undefined;
}

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The credential's authentication fields, as WHMCS reads them from the POST body. */
export function authFields(credentials: IDataObject): Record<string, string> {
	const fields: Record<string, string> = {};
	if ((credentials.authType ?? 'apiCredentials') === 'adminLogin') {
		fields.username = String(credentials.username ?? '').trim();
		// Legacy admin login: WHMCS expects md5(password) in lowercase hex.
		fields.password = md5Hex(String(credentials.password ?? ''));
	} else {
		fields.identifier = String(credentials.identifier ?? '').trim();
		fields.secret = String(credentials.secret ?? '').trim();
	}
	const accessKey = String(credentials.accessKey ?? '').trim();
	if (accessKey !== '') fields.accesskey = accessKey;
	return fields;
}

/** Why the credential cannot authenticate at all (checked before any request), or undefined. */
export function credentialProblem(credentials: IDataObject): string | undefined {
	const url = urlProblem(credentials);
	if (url) return url;
	if ((credentials.authType ?? 'apiCredentials') === 'adminLogin') {
		if (!String(credentials.username ?? '').trim()) return 'The Admin Username in the credential is empty';
		if (!String(credentials.password ?? '')) return 'The Admin Password in the credential is empty';
	} else {
		if (!String(credentials.identifier ?? '').trim()) return 'The API Identifier in the credential is empty';
		if (!String(credentials.secret ?? '').trim()) return 'The API Secret in the credential is empty';
	}
	const accessKey = String(credentials.accessKey ?? '').trim();
	if (accessKey !== '' && !ACCESS_KEY_RE.test(accessKey)) {
		return 'The Access Key in the credential has characters WHMCS does not allow (letters, digits and ! @ # $ % . ( ) * [ ] - _ only)';
	}
	return undefined;
}

/** Secrets derived from the credential that `credentialSecrets` cannot see (the MD5 of the admin password). */
export function derivedSecrets(credentials: IDataObject): string[] {
	return credentials.authType === 'adminLogin' && credentials.password ? [md5Hex(String(credentials.password))] : [];
}

/** The form body of an action: its fields, then authentication and `responsetype=json`. */
export function actionForm(action: WhmcsActionName, fields: Record<string, string>, credentials: IDataObject): Record<string, string> {
	return { action, ...fields, ...authFields(credentials), responsetype: 'json' };
}

/** How WHMCS is reached: credentials are added to the form body, never to the URL or headers. */
export const whmcsApi: ProviderApi = {
	name: PROVIDER,
	credentialType: CREDENTIAL_TYPE,
	baseUrl: rootUrlOf,
	authorize(request: HttpRequest, credentials: IDataObject): HttpRequest {
		const problem = credentialProblem(credentials);
		// Thrown before anything is sent (prepare/authorize run before the request).
		if (problem) throw new ProviderError({ provider: PROVIDER, message: problem, outcome: 'notSent' });
		const form = request.body && 'form' in request.body ? request.body.form : {};
		return { ...request, body: { form: { ...form, ...authFields(credentials), responsetype: 'json' } } };
	},
	skipSslValidation: (credentials) => credentials.ignoreSslIssues === true,
};

/** A success answer's fields, without `result`. */
export type WhmcsAnswer = IDataObject;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Answer fields that are secrets themselves (a sign-in token, a session hash). */
const SECRET_ANSWER_FIELDS = ['access_token', 'redirect_url', 'passwordhash'];

/**
 * Masks secret answer fields in raw text before any of it is quoted in an error, also when the
 * text is cut short or garbled (then the closing quote may be missing).
 */
export function maskAnswerSecrets(text: string): string {
	const names = SECRET_ANSWER_FIELDS.join('|');
	return text
		.replace(new RegExp(`("(?:${names})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*("?)`, 'gi'), '$1***$2')
		.replace(new RegExp(`((?:${names})=)[^&"\\s<]*`, 'gi'), '$1***')
		.replace(new RegExp(`(<(${names})>)[^<]*`, 'gi'), '$1***');
}

/**
 * Reads an answer of `includes/api.php`. Only `result: "success"` is a success. A documented
 * `result: "error"` text proves WHMCS refused; anything else leaves the outcome unknown.
 */
export function readAnswer(action: WhmcsActionName, answer: ProviderResponse, context: ReadContext): WhmcsAnswer {
	// Only the masked text is ever quoted; the parsed body is read as it came.
	const response: ProviderResponse = { ...answer, text: maskAnswerSecrets(answer.text) };
	const { statusCode, json } = response;
	const status = describeHttpStatus(statusCode);
	const body = isObject(json) ? json : undefined;
	const result = body ? classifyResult(body.result) : 'unknown';

	if (body && result === 'success' && status.class === 'body') {
		return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'result')) as WhmcsAnswer;
	}
	if (body && result === 'error') {
		const message = typeof body.message === 'string' ? body.message : '';
		return failWithMessage(action, message, response, context);
	}
	// 403 without a WHMCS body (some web-server setups answer a bare "Invalid IP …" line).
	if (statusCode === 403) {
		const text = response.text.trim();
		if (lookupWhmcsMessage(text)) return failWithMessage(action, text, response, context);
		throw new ProviderError({
			provider: PROVIDER,
			message: status.text,
			httpCode: statusCode,
			outcome: 'refused',
			description: text ? `WHMCS's answer: ${bodySnippet(text, context.secrets)}` : undefined,
		});
	}
	if (statusCode === 404) throw new ProviderError({ provider: PROVIDER, message: status.text, httpCode: statusCode, outcome: 'refused' });
	const trimmed = response.text.trim();
	const hint = trimmed.startsWith('<?xml')
		? 'WHMCS answered in XML although JSON was asked for: the URL may not be a WHMCS API endpoint.'
		: statusCode === 200 && trimmed.startsWith('<')
			? 'An HTML page came back instead of a WHMCS answer: check the WHMCS URL (a maintenance page, login page or proxy may be in the way).'
			: undefined;
	throw unexpectedAnswer(response, context, hint);
}

function failWithMessage(action: WhmcsActionName, rawMessage: string, response: ProviderResponse, context: ReadContext): never {
	const message = redactSecrets(rawMessage.trim(), context.secrets);
	const described = describeWhmcsError(message);
	const serverError = response.statusCode >= 500;
	const hints: string[] = [];
	if (!described.known) {
		hints.push(
			message
				? `WHMCS's message: "${bodySnippet(message, context.secrets, 300)}". WHMCS does not document it, so the request may or may not have been carried out.`
				: 'WHMCS sent no message, so the request may or may not have been carried out.',
		);
	}
	if (described.class === 'permission') hints.push(`The node needs the action ${action} in the API role.`);
	if (described.class === 'unknownAction') hints.push(`The action was ${action} (WHMCS ${WHMCS_ACTIONS[action].minVersion} or later).`);
	throw new ProviderError({
		provider: PROVIDER,
		// The WHMCS text is the "code": it is what a workflow can match on.
		code: message || undefined,
		message: described.text,
		httpCode: response.statusCode,
		// A documented refusal is a decision WHMCS made; an undocumented text or a server error may hide a half-done action.
		outcome: described.known && !serverError ? 'refused' : 'unknown',
		retryable: serverError,
		description: hints.join(' ') || undefined,
	});
}

interface ActionCall {
	fields: Record<string, string>;
	timeoutMs?: number;
}

/** Calls one action with the retry policy its entry in `WHMCS_ACTIONS` states. */
export async function callAction(ctx: RequestContext, action: WhmcsActionName, call: ActionCall): Promise<WhmcsAnswer> {
	let extraSecrets: string[] = [];
	return await callProvider(ctx, whmcsApi, {
		prepare: (_attempt, credentials) => {
			extraSecrets = derivedSecrets(credentials);
			return { method: 'POST', path: API_PATH, body: { form: { action, ...call.fields } } };
		},
		read: (response, context) => readAnswer(action, response, { ...context, secrets: [...context.secrets, ...extraSecrets] }),
		repeatable: WHMCS_ACTIONS[action].safeToRepeat,
		timeoutMs: call.timeoutMs,
	});
}

// ------------------------------------------------------------------------------------------------
// Actions
// ------------------------------------------------------------------------------------------------

/**
 * `ResetPassword`: WHMCS emails the user a reset link. Exactly one of `id` (a user id, not a
 * client id) or `email`. Never resent: a repeat would send a second email.
 */
export async function resetPassword(ctx: RequestContext, target: { id: string } | { email: string }): Promise<void> {
	await callAction(ctx, 'ResetPassword', { fields: 'id' in target ? { id: target.id } : { email: target.email } });
}

export interface UsersPage {
	totalresults: number;
	startnumber: number;
	numreturned: number;
	users: IDataObject[];
}

/** `GetUsers` (WHMCS ≥ 8.1): one page of users whose email or name starts with `search`. Read-only: repeatable. */
export async function getUsers(
	ctx: RequestContext,
	query: { search?: string; limitstart: number; limitnum: number; sorting?: 'ASC' | 'DESC' },
): Promise<UsersPage> {
	const fields: Record<string, string> = { limitstart: String(query.limitstart), limitnum: String(query.limitnum) };
	if (query.search) fields.search = query.search;
	if (query.sorting) fields.sorting = query.sorting;
	const answer = await callAction(ctx, 'GetUsers', { fields });
	const count = (value: unknown) => {
		const n = Number(value);
		return Number.isFinite(n) && n >= 0 ? Math.trunc(n) : 0;
	};
	const users = Array.isArray(answer.users) ? (answer.users.filter(isObject) as IDataObject[]) : [];
	return { totalresults: count(answer.totalresults), startnumber: count(answer.startnumber), numreturned: users.length, users };
}

/** `GetClientsDetails`: a client by id or email, with its users, and statistics if asked. Read-only: repeatable. */
export async function getClientsDetails(
	ctx: RequestContext,
	target: ({ clientid: string } | { email: string }) & { stats: boolean },
): Promise<WhmcsAnswer> {
	const fields: Record<string, string> = 'clientid' in target ? { clientid: target.clientid } : { email: target.email };
	// WHMCS reads `stats` with PHP truthiness ("false" would be true): send it only when wanted.
	if (target.stats) fields.stats = '1';
	return await callAction(ctx, 'GetClientsDetails', { fields });
}

/**
 * `ValidateLogin`: checks a user's email and password. A success starts a session and moves the
 * user's last-login time, so it is never resent.
 */
export async function validateLogin(ctx: RequestContext, input: { email: string; password: string }): Promise<WhmcsAnswer> {
	return await callAction(ctx, 'ValidateLogin', { fields: { email: input.email, password2: input.password } });
}

/** `CreateSsoToken`: a single-use, 60-second, full-access sign-in token. Never resent. */
export async function createSsoToken(
	ctx: RequestContext,
	input: { client_id?: string; user_id?: string; destination?: string; service_id?: string; domain_id?: string; sso_redirect_path?: string },
): Promise<WhmcsAnswer> {
	const fields: Record<string, string> = {};
	for (const [key, value] of Object.entries(input)) if (value !== undefined && value !== '') fields[key] = value;
	return await callAction(ctx, 'CreateSsoToken', { fields });
}

/** `UpdateUser`: sets the given fields. Setting the same values again changes nothing more: repeatable. */
export async function updateUser(
	ctx: RequestContext,
	input: { user_id: string; firstname?: string; lastname?: string; email?: string; language?: string },
): Promise<WhmcsAnswer> {
	const fields: Record<string, string> = {};
	for (const [key, value] of Object.entries(input)) if (value !== undefined && value !== '') fields[key] = value;
	return await callAction(ctx, 'UpdateUser', { fields });
}

/** `AddUser`: creates a user. Never resent (a repeat answers "already exists", hiding the first success). */
export async function addUser(
	ctx: RequestContext,
	input: { firstname: string; lastname: string; email: string; password: string; language?: string },
): Promise<WhmcsAnswer> {
	const fields: Record<string, string> = { firstname: input.firstname, lastname: input.lastname, email: input.email, password2: input.password };
	if (input.language) fields.language = input.language;
	return await callAction(ctx, 'AddUser', { fields });
}

export type SendEmailInput = { id: string; customvars?: Record<string, string> } & (
	| { messagename: string }
	| { customtype: string; customsubject: string; custommessage: string }
);

/**
 * PHP `serialize()` of a flat string map; SendEmail's documented `customvars` is
 * `base64_encode(serialize(array(...)))`. String lengths are UTF-8 bytes.
 */
export function phpSerializeStrings(map: Record<string, string>): string {
	const s = (value: string) => `s:${Buffer.byteLength(value, 'utf8')}:"${value}";`;
	const entries = Object.entries(map);
	return `a:${entries.length}:{${entries.map(([key, value]) => s(key) + s(value)).join('')}}`;
}

/** `SendEmail`: a client email template, or a custom message. Never resent (a repeat sends again). */
export async function sendEmail(ctx: RequestContext, input: SendEmailInput): Promise<void> {
	const fields: Record<string, string> = { id: input.id };
	if ('messagename' in input) fields.messagename = input.messagename;
	else {
		fields.customtype = input.customtype;
		fields.customsubject = input.customsubject;
		fields.custommessage = input.custommessage;
	}
	if (input.customvars && Object.keys(input.customvars).length > 0) {
		fields.customvars = Buffer.from(phpSerializeStrings(input.customvars), 'utf8').toString('base64');
	}
	await callAction(ctx, 'SendEmail', { fields });
}

/** `WhmcsDetails` (WHMCS ≥ 8.0): the version; no parameters, no side effect. */
export async function whmcsDetails(ctx: RequestContext): Promise<WhmcsAnswer> {
	return await callAction(ctx, 'WhmcsDetails', { fields: {} });
}
