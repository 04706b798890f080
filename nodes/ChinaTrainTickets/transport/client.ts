import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../shared/errors';
import type {
	HttpRequest,
	ProviderApi,
	ProviderResponse,
	ReadContext,
	RequestContext,
} from '../../shared/transport';
import {
	bodySnippet,
	callProvider,
	normaliseBaseUrl,
	redactSecrets,
	unexpectedAnswer,
} from '../../shared/transport';
import { classifyHttpStatus, classifyResultCode, refusalMessage } from './codes';
import { signRequest } from './signing';

export const PROVIDER = 'ChinaTrainTickets';
export const API_CREDENTIAL = 'chinaTrainTicketsApi';
/** The origin of the public help pages (spec §2); plain HTTP is the only documented scheme. */
export const DEFAULT_BASE_URL = 'http://api.chinatraintickets.net';

/** What users paste after the host: dropped from the Base URL, by the node and the credential test alike. */
export const BASE_URL_SUFFIXES = ['/help', '/api'] as const;

export const SENDCODE_PATH = '/api/member/retrievepwd/sendcode';
export const UPDATEPWD_PATH = '/api/member/retrievepwd/updatepwd';
/** The seed's own help page: unsigned, free, proves the origin (not the key). */
export const HELP_PATH = '/Help/Api/POST-api-member-retrievepwd-sendcode';

export function baseUrlOf(credentials: IDataObject): string {
	return normaliseBaseUrl(credentials.baseUrl || DEFAULT_BASE_URL, BASE_URL_SUFFIXES);
}

/** The Signing Key from the credential; none ships, so an empty one stops the call before any request. */
export function signingKeyOf(credentials: IDataObject): string {
	const key = typeof credentials.signingKey === 'string' ? credentials.signingKey : '';
	if (key === '') {
		throw new ProviderError({
			provider: PROVIDER,
			message: 'The credential has no Signing Key',
			outcome: 'notSent',
			description:
				'Enter the signing key of your ChinaTrainTickets client application in the credential. No key ships with this node.',
		});
	}
	return key;
}

/**
 * Every request is signed here, once per HTTP attempt (the core calls `authorize` before each
 * one): a new UTC time stamp, a new random and a new sign, added to the JSON body next to the
 * business fields (spec §3). Nothing is reused on a retry.
 */
export const chinaTrainTicketsApi: ProviderApi = {
	name: PROVIDER,
	credentialType: API_CREDENTIAL,
	baseUrl: baseUrlOf,
	authorize(request: HttpRequest, credentials: IDataObject): HttpRequest {
		const key = signingKeyOf(credentials);
		if (!request.body || !('json' in request.body)) return request;
		const fields = (request.body.json ?? {}) as IDataObject;
		return { ...request, body: { json: { ...fields, ...signRequest(key) } } };
	},
};

/** The `{ code, message, data }` envelope of a successful answer (`code` is 1). */
export interface Envelope<D> {
	code: number;
	message: string;
	data: D;
}

const DECIMAL_INTEGER = /^-?(0|[1-9][0-9]*)$/;

const REFUSAL_HINT =
	"ChinaTrainTickets does not document its result codes; the message is the service's own. A wrong Signing Key, or an n8n host clock that is not synchronised with UTC, is refused the same way.";
const CREDENTIAL_HINT =
	"Check the Signing Key in the ChinaTrainTickets credential, and that this n8n host's clock is synchronised (NTP): every request carries a UTC time stamp.";
const BASE_URL_HINT = `Check the Base URL in the ChinaTrainTickets credential (by default ${DEFAULT_BASE_URL}).`;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function providerCode(raw: string): number | string {
	const n = Number(raw);
	return Number.isSafeInteger(n) ? n : raw;
}

/**
 * Reads an answer (spec §5): success only for a JSON body whose `code` is the integer 1 on
 * HTTP 200. Another integer code, or a 4xx, proves a refusal and keeps the provider's code and
 * message. Anything else (5xx, HTML, XML, empty or garbled bodies) leaves the outcome unknown.
 * `secrets` (the verification code, the new password) are removed from anything quoted.
 */
function readEnvelope(
	response: ProviderResponse,
	context: ReadContext,
	secrets: readonly string[],
): Envelope<unknown> {
	const hidden = [...context.secrets, ...secrets];
	const quote = (text: unknown) => (typeof text === 'string' ? redactSecrets(text, hidden) : text);
	const { statusCode, json, text } = response;
	const http = classifyHttpStatus(statusCode);
	const body = isObject(json) ? json : undefined;

	if (body && 'code' in body && (statusCode === 200 || http.refused)) {
		const raw = body.code;
		const literal =
			typeof raw === 'string' && DECIMAL_INTEGER.test(raw) && !Number.isSafeInteger(Number(raw));
		const result = classifyResultCode(raw, { literal });
		if (result.kind === 'success' && statusCode === 200) {
			return {
				code: 1,
				message: typeof body.message === 'string' ? body.message : '',
				data: body.data,
			};
		}
		if (result.kind === 'refused') {
			throw new ProviderError({
				provider: PROVIDER,
				message: refusalMessage(quote(body.message)),
				code: providerCode(result.code),
				httpCode: statusCode === 200 ? undefined : statusCode,
				outcome: 'refused',
				description: http.class === 'credentials' ? CREDENTIAL_HINT : REFUSAL_HINT,
			});
		}
	}
	if (http.refused && statusCode !== 429) {
		const said = body && typeof body.Message === 'string' ? body.Message : text;
		const snippet = said.trim() === '' ? '' : `: ${bodySnippet(said, hidden)}`;
		throw new ProviderError({
			provider: PROVIDER,
			message: `${http.text}${snippet}`,
			httpCode: statusCode,
			outcome: 'refused',
			description:
				http.class === 'notFound'
					? BASE_URL_HINT
					: http.class === 'credentials'
						? CREDENTIAL_HINT
						: undefined,
		});
	}
	const xml = text.trim().startsWith('<') && /<code>/.test(text);
	throw unexpectedAnswer(
		response,
		{ ...context, secrets: hidden },
		xml ? 'The service answered in XML instead of JSON.' : undefined,
	);
}

/**
 * One signed POST. Both methods have a side effect (an SMS with a code; a password change) and
 * the service cannot recognise a repeat, so neither is repeatable: it is sent again only when no
 * byte left (connection refused, DNS). After a timeout, a reset, a 5xx or an unreadable answer
 * it fails with outcome `unknown` ("may have been accepted"); a 429 or a refusal is not resent.
 */
async function signedPost(
	ctx: RequestContext,
	path: string,
	fields: IDataObject,
	secrets: readonly string[],
): Promise<Envelope<unknown>> {
	return await callProvider(ctx, chinaTrainTicketsApi, {
		prepare: () => ({
			method: 'POST',
			path,
			headers: { Accept: 'application/json' },
			body: { json: fields },
		}),
		read: (response, context) => readEnvelope(response, context, secrets),
		repeatable: false,
	});
}

export interface SendCodeInput {
	username?: string;
	phone_number?: string;
	img_code?: string;
	/** A GUID. */
	client?: string;
}

/** `POST api/member/retrievepwd/sendcode` (the seed's method): sends a verification code to the member. Not repeatable. */
export async function sendCode(
	ctx: RequestContext,
	input: SendCodeInput,
): Promise<Envelope<unknown>> {
	const fields: IDataObject = {};
	for (const key of ['username', 'phone_number', 'img_code', 'client'] as const) {
		if (input[key] !== undefined) fields[key] = input[key];
	}
	return await signedPost(ctx, SENDCODE_PATH, fields, []);
}

export interface UpdatePasswordInput {
	username: string;
	/** The code sendcode delivered. */
	code: string;
	/** Sent exactly as typed. */
	new_password: string;
}

/** `POST api/member/retrievepwd/updatepwd`: sets the new password with the code. Not repeatable. */
export async function updatePassword(
	ctx: RequestContext,
	input: UpdatePasswordInput,
): Promise<Envelope<unknown>> {
	return await signedPost(
		ctx,
		UPDATEPWD_PATH,
		{ username: input.username, code: input.code, new_password: input.new_password },
		[input.code, input.new_password],
	);
}
