/**
 * Readers and output shapes the WHMCS operations share. Readers validate before any request and
 * name the item and the field; output shapes give every field one JSON type whatever its value
 * (ids as exact decimal strings, flags as booleans).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toLatinDigits } from '../../shared/digits';
import { integerToString } from '../../shared/json';
import { invalidInput } from '../../shared/validation';

/** WHMCS ids are MySQL integers; 19 digits is far beyond them and keeps an id exact as text. */
const ID_RE = /^[1-9][0-9]{0,18}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A positive integer id as an exact decimal string. */
export function readId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, label: string, noun: string): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', `Give the ${noun} as a whole number, e.g. 1.`);
	if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
		throw invalidInput(ctx.getNode(), itemIndex, label, `holds a number that has lost digits: ${raw}`, `Pass the ${noun} as a string.`);
	}
	const id = toLatinDigits(String(raw)).trim();
	if (id === '') throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', `Give the ${noun} as a whole number, e.g. 1.`);
	if (!ID_RE.test(id)) throw invalidInput(ctx.getNode(), itemIndex, label, `must be a positive whole number, got "${id}"`, `The ${noun} is a whole number such as 1 or 42.`);
	return id;
}

/** An optional id: undefined when the field is empty. */
export function readOptionalId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, label: string, noun: string): string | undefined {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	return readId(ctx, itemIndex, parameter, label, noun);
}

/** A plausible email address (trimmed, one `@`, a dot in the domain). */
export function checkEmail(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown): string {
	const email = String(raw ?? '').trim();
	if (email === '') throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty');
	if (!EMAIL_RE.test(email)) throw invalidInput(ctx.getNode(), itemIndex, label, `is not an email address: "${email}"`, 'Use an address such as john.doe@example.com.');
	return email;
}

export function readEmail(ctx: IExecuteFunctions, itemIndex: number, parameter: string, label: string): string {
	return checkEmail(ctx, itemIndex, label, ctx.getNodeParameter(parameter, itemIndex, ''));
}

/** Text with at least one visible character (kept as typed). */
export function readRequiredText(ctx: IExecuteFunctions, itemIndex: number, parameter: string, label: string): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	const text = typeof raw === 'number' ? String(raw) : raw;
	if (typeof text !== 'string' || text.trim() === '') throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty');
	return text;
}

/** A WHMCS language name: a lowercase word such as `english` or `farsi`. */
export function checkLanguage(ctx: IExecuteFunctions, itemIndex: number, label: string, raw: unknown): string {
	const language = String(raw ?? '').trim().toLowerCase();
	if (!/^[a-z]+(?:[_-][a-z]+)*$/.test(language)) {
		throw invalidInput(ctx.getNode(), itemIndex, label, `is not a WHMCS language name: "${String(raw)}"`, 'Use the full language name, e.g. english, french or farsi.');
	}
	return language;
}

export const languageDescription = "WHMCS's full language name, e.g. english, french, farsi";

export { optionsField } from '../../shared/fields';

// ------------------------------------------------------------------------------------------------
// Output shapes
// ------------------------------------------------------------------------------------------------

/** An id as a decimal string ('' when WHMCS sent none). */
export function idText(value: unknown): string {
	return integerToString(value) ?? (typeof value === 'string' ? value : '');
}

/** WHMCS flags arrive as true/false, 1/0, "1"/"0", "true"/"false" or "": one boolean. */
export function flag(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') return value !== '' && value !== '0' && value.toLowerCase() !== 'false';
	return false;
}

/** A GetUsers entry: `id` as text, `clients[].id` as text, `isOwner` as a boolean. */
export function userItem(user: IDataObject): IDataObject {
	const clients = Array.isArray(user.clients) ? user.clients : [];
	return {
		id: idText(user.id),
		firstname: String(user.firstname ?? ''),
		lastname: String(user.lastname ?? ''),
		email: String(user.email ?? ''),
		datecreated: String(user.datecreated ?? ''),
		validationdata: String(user.validationdata ?? ''),
		clients: clients
			.filter((c): c is IDataObject => typeof c === 'object' && c !== null)
			.map((c) => ({ id: idText(c.id), isOwner: flag(c.isOwner) })),
	};
}

const CLIENT_ID_FIELDS = ['client_id', 'owner_user_id', 'userid', 'id', 'billingcid', 'groupid', 'currency', 'securityqid'];
const CLIENT_FLAG_FIELDS = [
	'allowSingleSignOn',
	'email_verified',
	'taxexempt',
	'latefeeoveride',
	'overideduenotices',
	'separateinvoices',
	'disableautocc',
	'emailoptout',
	'marketing_emails_opt_in',
	'overrideautoclose',
	'isOptedInToMarketingEmails',
	'twofaenabled',
];

/**
 * GetClientsDetails' `client`: ids as text, flags as booleans, `users.user[]` as `users[]`
 * (ids as text, `is_owner` as a boolean); the rest as WHMCS sent it.
 */
export function clientItem(client: IDataObject): IDataObject {
	const out: IDataObject = { ...client };
	for (const key of CLIENT_ID_FIELDS) if (key in out) out[key] = idText(out[key]);
	for (const key of CLIENT_FLAG_FIELDS) if (key in out) out[key] = flag(out[key]);
	const users = client.users as IDataObject | IDataObject[] | undefined;
	const list = Array.isArray(users) ? users : Array.isArray((users as IDataObject | undefined)?.user) ? ((users as IDataObject).user as IDataObject[]) : [];
	out.users = list
		.filter((u) => typeof u === 'object' && u !== null)
		.map((u) => ({ id: idText(u.id), name: String(u.name ?? ''), email: String(u.email ?? ''), is_owner: flag(u.is_owner) }));
	return out;
}
