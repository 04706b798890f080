/**
 * The credential test: `WhmcsDetails` (WHMCS ≥ 8.0; no parameters, no side effect), falling back
 * to `GetAdminDetails` on older installations. It tells apart wrong credentials, an API role that
 * may not call the action, and an IP that is not allowed.
 */
import type { ICredentialTestFunctions, ICredentialsDecrypted, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { parseJsonPreservingBigInts } from '../../shared/json';
import { bodySnippet, credentialSecrets, redactSecrets } from '../../shared/transport';
import type { WhmcsActionName } from './codes';
import { describeWhmcsError, lookupWhmcsMessage } from './codes';
import { API_PATH, actionForm, credentialProblem, derivedSecrets, rootUrlOf } from './client';

interface Answer {
	status: number;
	body?: IDataObject;
	text: string;
}

async function ask(ctx: ICredentialTestFunctions, data: IDataObject, action: WhmcsActionName): Promise<Answer> {
	const response = (await ctx.helpers.request({
		method: 'POST',
		uri: rootUrlOf(data) + API_PATH,
		form: actionForm(action, {}, data),
		headers: { Accept: 'application/json' },
		json: false,
		simple: false,
		resolveWithFullResponse: true,
		rejectUnauthorized: data.ignoreSslIssues !== true,
		timeout: 30_000,
	})) as { statusCode: number; body: unknown };
	const text = typeof response.body === 'string' ? response.body : response.body === undefined || response.body === null ? '' : String(response.body);
	let body: IDataObject | undefined;
	try {
		const parsed = text.trim().startsWith('{') ? parseJsonPreservingBigInts(text) : undefined;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as IDataObject;
	} catch {
		body = undefined;
	}
	return { status: response.statusCode, body, text };
}

const IP_HINT = "add n8n's outbound IP address to the API IP allow list in WHMCS (Setup > General Settings > Security), or set the Access Key in this credential";

function verdict(answer: Answer, action: WhmcsActionName, secrets: string[]): INodeCredentialTestResult | 'commandNotFound' {
	const { status, body, text } = answer;
	if (body?.result === 'success' && status >= 200 && status < 300) {
		const whmcs = body.whmcs as IDataObject | undefined;
		const version = typeof whmcs?.version === 'string' ? ` ${whmcs.version}` : '';
		return { status: 'OK', message: `Connected to WHMCS${version}` };
	}
	const message = typeof body?.message === 'string' ? body.message.trim() : status === 403 ? text.trim() : '';
	const known = message ? lookupWhmcsMessage(message) : undefined;
	const cls = known?.entry.class;
	if (cls === 'ipNotAllowed' || (status === 403 && cls !== 'credentials' && cls !== 'permission')) {
		return { status: 'Error', message: `This IP address is not allowed by WHMCS: ${IP_HINT} (WHMCS: "${redactSecrets(message || `HTTP ${status}`, secrets)}")` };
	}
	if (cls === 'credentials') {
		return {
			status: 'Error',
			message:
				'Wrong credentials: WHMCS answered "Authentication Failed". Check the API identifier and secret (or the admin username and password), and that the admin\'s role group has the API Access permission.',
		};
	}
	if (cls === 'permission') {
		return {
			status: 'Error',
			message: `The credentials work, but the API role may not call ${action}: allow ${action} in the credential's API role in WHMCS (WHMCS: "${message}")`,
		};
	}
	if (cls === 'unknownAction') return 'commandNotFound';
	if (body?.result === 'error') {
		return { status: 'Error', message: `WHMCS answered an error: "${redactSecrets(message, secrets)}" (${describeWhmcsError(message).text})` };
	}
	const snippet = text.trim() ? `: ${bodySnippet(text, secrets, 120)}` : ' (empty body)';
	return { status: 'Error', message: `The WHMCS URL did not answer like the WHMCS API (HTTP ${status})${snippet}. Use the installation root, e.g. https://billing.example.com` };
}

export async function whmcsApiCredentialTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as IDataObject;
	const problem = credentialProblem(data);
	if (problem) return { status: 'Error', message: problem };
	const secrets = [...credentialSecrets(data), ...derivedSecrets(data)];
	try {
		const first = verdict(await ask(this, data, 'WhmcsDetails'), 'WhmcsDetails', secrets);
		if (first !== 'commandNotFound') return first;
		// WHMCS 7.x has no WhmcsDetails.
		const second = verdict(await ask(this, data, 'GetAdminDetails'), 'GetAdminDetails', secrets);
		if (second === 'commandNotFound') return { status: 'Error', message: 'WHMCS knows neither WhmcsDetails nor GetAdminDetails: is the URL a WHMCS installation?' };
		if (second.status === 'OK') return { status: 'OK', message: 'Connected to WHMCS older than 8.0; the node needs WHMCS 8.1 or later for every operation' };
		return second;
	} catch (error) {
		const text = redactSecrets(String((error as Error)?.message ?? error), secrets);
		return { status: 'Error', message: `Could not reach WHMCS: ${bodySnippet(text, secrets, 200)}` };
	}
}
