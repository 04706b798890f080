import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { baseUrlOf, HELP_PATH } from './client';
import { selfCheckVectorA } from './signing';

const TIMEOUT_MS = 15_000;

export const KEY_PROVEN_LATER =
	'The Signing Key itself is proven only by the first real call: a wrong key is then refused with a code other than 1.';

/**
 * The HTTP status of an unsigned GET. A credential test context offers only `helpers.request` (in
 * n8n-workflow 2.8 and 2.41 alike; `httpRequest` does not exist there), as in the WHMCS test.
 */
async function helpPageStatus(ctx: ICredentialTestFunctions, uri: string): Promise<number> {
	const response = (await ctx.helpers.request({
		method: 'GET',
		uri,
		resolveWithFullResponse: true,
		simple: false,
		timeout: TIMEOUT_MS,
		json: false,
	})) as { statusCode: number };
	return response.statusCode;
}

/**
 * The honest credential test (spec §7.3): there is no harmless signed request, so nothing is
 * signed and no code is sent. It checks that a Signing Key is present and the Base URL is an
 * absolute http(s) URL, checks this node's signing code against test vector A, and fetches the
 * service's public help page for sendcode (unsigned) to prove that the host answers.
 */
export async function chinaTrainTicketsApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as IDataObject;
	if (typeof data.signingKey !== 'string' || data.signingKey === '') {
		return {
			status: 'Error',
			message:
				'The Signing Key is empty. Enter the signing key of your ChinaTrainTickets client application.',
		};
	}
	const baseUrl = baseUrlOf(data);
	let parsed: URL | undefined;
	try {
		parsed = new URL(baseUrl);
	} catch {
		parsed = undefined;
	}
	if (
		!parsed ||
		(parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
		parsed.hostname === ''
	) {
		return {
			status: 'Error',
			message: `The Base URL must be an absolute http:// or https:// URL, got "${baseUrl}".`,
		};
	}
	if (!selfCheckVectorA()) {
		return {
			status: 'Error',
			message:
				"This node's signing code does not reproduce test vector A; requests would be refused.",
		};
	}
	let statusCode: number;
	try {
		statusCode = await helpPageStatus(this, `${baseUrl}${HELP_PATH}`);
	} catch (error) {
		const reason =
			(error as { code?: unknown; message?: unknown })?.code ??
			(error as Error)?.message ??
			'no answer';
		return {
			status: 'Error',
			message: `The Base URL ${baseUrl} could not be reached (${String(reason)}).`,
		};
	}
	if (statusCode !== 200) {
		return {
			status: 'Error',
			message: `The Base URL ${baseUrl} answered HTTP ${statusCode} for the service's help page ${HELP_PATH}; check the host.`,
		};
	}
	return {
		status: 'OK',
		message: `The host answers and the signing code matches test vector A. ${KEY_PROVEN_LATER}`,
	};
}
