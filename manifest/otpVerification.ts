/**
 * OTP Verification: a node whose store is the running n8n's own data tables (public API). Its
 * sandbox emulates that API for `npm run sandbox`; `npm start` and the e2e suite point the
 * credential at the real n8n instead (afterStart: an API key with the data-table scopes, the
 * credential updated to use it, the data table created).
 */
import { COLUMNS } from '../nodes/OtpVerification/store/challenges';
import { startDataTablesSandbox, type DataTablesSandbox } from '../sandbox/datatables';
import { defineProvider, type N8nAccess } from './types';

export const OTP_STORE_CREDENTIAL = { id: 'otpSandboxStore00001', name: 'OTP Verification store' };
const API_KEY_LABEL = 'OTP Verification store (npm start)';
/** Sandbox-only hashing key, fixed so that challenges survive a restart of `npm start`. */
export const SANDBOX_HASHING_KEY = 'sandbox-otp-hashing-key-0123456789';
export const OTP_TABLE = 'otp_challenges';
const SCOPES = [
	'dataTable:list',
	'dataTable:create',
	'dataTable:read',
	'dataTableRow:read',
	'dataTableRow:create',
	'dataTableRow:update',
	'dataTableRow:delete',
];

function storeData(n8nUrl: string, apiKey: string) {
	return { n8nUrl, apiKey, tableName: OTP_TABLE, hashingKey: SANDBOX_HASHING_KEY, ignoreSslIssues: false };
}

/** The owner's API keys: n8n 2.8 answers a list, 2.41 a page (`{ items, counts, … }`). */
export async function listApiKeys(n8n: Pick<N8nAccess, 'request'>): Promise<Array<{ id: string; label: string }>> {
	type ApiKey = { id: string; label: string };
	const listed = await n8n.request<ApiKey[] | { items: ApiKey[] }>('GET', '/api-keys');
	return Array.isArray(listed) ? listed : listed.items;
}

/** A fresh API key for the store credential (older keys of this label are removed). */
async function connectStoreToN8n(n8n: N8nAccess): Promise<void> {
	const keys = await listApiKeys(n8n);
	for (const key of keys.filter((k) => k.label === API_KEY_LABEL)) await n8n.request('DELETE', `/api-keys/${key.id}`);
	const created = await n8n.request<{ rawApiKey: string }>('POST', '/api-keys', { label: API_KEY_LABEL, expiresAt: null, scopes: SCOPES });
	await n8n.request('PATCH', `/credentials/${OTP_STORE_CREDENTIAL.id}`, {
		name: OTP_STORE_CREDENTIAL.name,
		type: 'otpVerificationApi',
		data: storeData(n8n.url, created.rawApiKey),
	});
	const response = await fetch(`${n8n.url}/api/v1/data-tables`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-n8n-api-key': created.rawApiKey },
		body: JSON.stringify({ name: OTP_TABLE, columns: COLUMNS }),
	});
	if (!response.ok && response.status !== 409) throw new Error(`creating the data table ${OTP_TABLE}: HTTP ${response.status} ${await response.text()}`);
}

export const otpVerification = defineProvider<DataTablesSandbox>({
	id: 'otpVerification',
	title: 'OTP Verification',
	node: { name: 'otpVerification', file: 'nodes/OtpVerification/OtpVerification.node.ts' },
	credentials: [
		{
			type: 'otpVerificationApi',
			file: 'credentials/OtpVerificationApi.credentials.ts',
			sandbox: {
				...OTP_STORE_CREDENTIAL,
				data: (sb) => storeData(sb.url, sb.apiKey),
				testable: true,
			},
		},
	],
	sandbox: {
		defaultPort: 47820,
		start: (options) => startDataTablesSandbox({ port: options.port }),
		facts: () => [['Data table', `${OTP_TABLE} (n8n's data-table public API, emulated)`]],
	},
	capabilities: {
		apiKey: (sb) => sb.apiKey,
	},
	demo: {
		folder: 'demo/workflows/otpVerification',
		active: ['otpDemoRequestCode', 'otpDemoCheckCode'],
		tryIt: ({ n8n: n8nUrl, sandbox }) => [
			'# 1. Request a code (the SMS goes to the SepahanGostar sandbox; read it with the second command)',
			`curl -s -X POST ${n8nUrl}/webhook/otp/request -H 'Content-Type: application/json' -d '{"phone":"09121234567"}'`,
			`curl -s ${sandbox('sepahanGostar') ?? 'http://127.0.0.1:47811'}/__sandbox/sent`,
			'# 2. Check it, with the code from that SMS in place of 123456 (200 when valid, 401 with the reason otherwise)',
			`curl -s -i -X POST ${n8nUrl}/webhook/otp/check -H 'Content-Type: application/json' -d '{"phone":"09121234567","code":"123456"}'`,
		],
	},
	e2e: 'test/e2e/cases/otpVerification.ts',
	afterStart: (n8n) => connectStoreToN8n(n8n),
});
