/** E2e cases for the WHMCS node and credential, run against its sandbox (manifest row `e2e`). */
import { DEFAULT_ACCESS_KEY, DEFAULT_ADMINS, DEFAULT_CREDENTIAL } from '../../../sandbox/whmcs/constants';
import { md5Hex } from '../../../sandbox/whmcs/php';
import { credentialRef, runNode, runSaved, waitFor, type ExecutionResult, type OutputItem } from '../helpers';
import type { CaseContext, ProviderE2e } from './types';

const NODE = 'n8n-nodes-sms-otp.whmcs';
const api = { whmcsApi: credentialRef('whmcs', 'whmcsApi') };
const RECOVERY_PATH = 'whmcs-account-recovery';
const ADMIN = DEFAULT_ADMINS[0];
const ADMIN_PASSWORD = ADMIN.password;

interface ResetEmail {
	userId: number;
	email: string;
}

function expectSuccess(result: ExecutionResult): void {
	if (result.execution.status !== 'success') {
		throw new Error(`execution ${result.execution.id} ended "${result.execution.status}": ${result.error?.message ?? ''}`);
	}
}

function json(items: OutputItem[]): Array<Record<string, unknown>> {
	return items.map((i) => i.json);
}

const resetEmails = (ctx: CaseContext) => ctx.sb.call<ResetEmail[]>('GET', '/reset-emails');

/** Actions of the API requests the sandbox received (faulted ones included). */
async function actions(ctx: CaseContext): Promise<string[]> {
	const log = await ctx.sb.requests<Array<{ path: string; body: string }>>();
	return log.filter((r) => r.path.split('?')[0].endsWith('/includes/api.php')).map((r) => new URLSearchParams(r.body).get('action') ?? '');
}

async function postRecovery(ctx: CaseContext, email: string): Promise<{ status: number; body: string }> {
	const response = await fetch(`${ctx.state.url}/webhook/${RECOVERY_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email }),
		signal: AbortSignal.timeout(30_000),
	});
	return { status: response.status, body: await response.text() };
}

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'Reset Password: by email and by user ID, one reset email each',
			covers: 'user.resetPassword',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'user', operation: 'resetPassword', identifyBy: 'email', email: '={{ $json.email }}', options: {} },
			},
			input: [{ email: 'jane.doe@example.com' }, { email: 'ali.rezaei@example.ir' }],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(json(items)).toEqual([
					{ requested: true, email: 'jane.doe@example.com' },
					{ requested: true, email: 'ali.rezaei@example.ir' },
				]);
				const byId = await runNode(ctx, 'e2e: reset by user ID', {
					type: NODE,
					credentials: api,
					parameters: { resource: 'user', operation: 'resetPassword', identifyBy: 'userId', userId: '1', options: {} },
				});
				expectSuccess(byId);
				expect(json(byId.output())).toEqual([{ requested: true, userId: '1' }]);
				expect((await resetEmails(ctx)).map((e) => e.userId)).toEqual([2, 4, 1]);
				expect(await actions(ctx)).toEqual(['ResetPassword', 'ResetPassword', 'ResetPassword']);
			},
		},
		{
			title: 'Get Many: a prefix search, ids as text',
			covers: 'user.getMany',
			node: { type: NODE, credentials: api, parameters: { resource: 'user', operation: 'getMany', search: 'john.smith@', returnAll: true, options: {} } },
			check(result) {
				expectSuccess(result);
				const items = result.output();
				expect(json(items).map((j) => [j.id, j.email])).toEqual([
					['1', 'john.smith@example.net'],
					['3', 'john.smith@example.net.au'],
				]);
				expect(items[0].json.clients).toEqual([
					{ id: '1', isOwner: true },
					{ id: '2', isOwner: false },
				]);
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			},
		},
		{
			title: 'Get by Email: only the exact address, although the search also finds a longer one',
			covers: 'user.getByEmail',
			node: { type: NODE, credentials: api, parameters: { resource: 'user', operation: 'getByEmail', email: 'John.Smith@example.net' } },
			check(result) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([expect.objectContaining({ id: '1', email: 'john.smith@example.net' })]);
			},
		},
		{
			title: 'Update: a new email and language',
			covers: 'user.update',
			node: { type: NODE, credentials: api, parameters: { resource: 'user', operation: 'update', userId: '3', updateFields: { email: 'johnny@example.org', language: 'french' } } },
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ user_id: '3', email: 'johnny@example.org', language: 'french' }]);
				const users = await ctx.sb.call<Array<{ id: number; email: string }>>('GET', '/users');
				expect(users.find((u) => u.id === 3)?.email).toBe('johnny@example.org');
			},
		},
		{
			title: 'Create: a new user, no password in the output',
			covers: 'user.create',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'user', operation: 'create', firstname: 'Eve', lastname: 'Tester', email: 'eve.tester@example.com', password: 'E2e-Created-Pass-1', additionalFields: {} },
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ user_id: '6', firstname: 'Eve', lastname: 'Tester', email: 'eve.tester@example.com' }]);
				expect(JSON.stringify(await ctx.sb.requests())).not.toContain('E2e-Created-Pass-1');
			},
		},
		{
			title: 'Validate Login: a right and a wrong password',
			covers: 'user.validateLogin',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'user', operation: 'validateLogin', email: 'john.smith@example.net', password: '={{ $json.password }}', options: {} },
			},
			input: [{ password: 'Correct-Horse-1' }, { password: 'wrong' }],
			check(result) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([
					{ valid: true, email: 'john.smith@example.net', userid: '1', twoFactorEnabled: false },
					{ valid: false, email: 'john.smith@example.net', userid: '', twoFactorEnabled: false },
				]);
			},
		},
		{
			title: 'Client Get: the client with its users and stats',
			covers: 'client.get',
			node: { type: NODE, credentials: api, parameters: { resource: 'client', operation: 'get', identifyBy: 'clientId', clientId: '2', options: { includeStats: true } } },
			check(result) {
				expectSuccess(result);
				const [client] = json(result.output());
				expect(client).toMatchObject({ client_id: '2', owner_user_id: '2', allowSingleSignOn: true, stats: expect.objectContaining({ numdueinvoices: 2 }) });
				expect(client.users).toEqual([
					{ id: '2', name: 'Jane Doe', email: 'jane.doe@example.com', is_owner: true },
					{ id: '1', name: 'John Smith', email: 'john.smith@example.net', is_owner: false },
				]);
			},
		},
		{
			title: 'Create SSO Token: a single-use link that the sandbox redeems once',
			covers: 'client.createSsoToken',
			node: { type: NODE, credentials: api, parameters: { resource: 'client', operation: 'createSsoToken', clientId: '1', userId: '', options: { destination: 'clientarea:invoices' } } },
			async check(result, ctx) {
				expectSuccess(result);
				const [out] = json(result.output());
				expect(out.access_token).toMatch(/^[0-9a-f]{40}$/);
				expect(out.valid_for_seconds).toBe(60);
				const redeem = await fetch(String(out.redirect_url), { redirect: 'manual' });
				expect(redeem.status).toBe(302);
				expect(redeem.headers.get('location')).toBe('/clientarea.php?sso=clientarea%3Ainvoices');
				const again = await fetch(String(out.redirect_url), { redirect: 'manual' });
				expect(again.headers.get('location')).toBe('/login.php?sso=invalid');
				expect(ctx.sb.sandbox.url).toBe(new URL(String(out.redirect_url)).origin);
			},
		},
		{
			title: 'Email Send: a template with custom variables',
			covers: 'email.send',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'email',
					operation: 'send',
					mode: 'template',
					templateName: 'Client Signup Email',
					relatedId: '1',
					customVariables: { variable: [{ name: 'code', value: '4242' }] },
				},
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ sent: true, template: 'Client Signup Email', relatedId: '1' }]);
				const sent = await ctx.sb.call<Array<Record<string, unknown>>>('GET', '/emails');
				expect(sent).toEqual([expect.objectContaining({ template: 'Client Signup Email', relatedId: 1, customvars: { code: '4242' } })]);
			},
		},
	],

	errorCases: [
		{
			title: "WHMCS's User Not Found stops the workflow with its text, sent once",
			covers: 'user.resetPassword',
			node: { type: NODE, credentials: api, parameters: { resource: 'user', operation: 'resetPassword', identifyBy: 'email', email: 'nobody@example.com', options: {} } },
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				expect(result.error?.message).toBe('WHMCS error User Not Found: No WHMCS user has this user ID or email address (HTTP 200)');
				expect(await actions(ctx)).toEqual(['ResetPassword']);
				expect(await resetEmails(ctx)).toEqual([]);
			},
		},
		{
			title: 'Continue On Fail: an error item per input item, the WHMCS text as errorCode',
			covers: 'client.get',
			node: { type: NODE, credentials: api, onError: 'continueRegularOutput', parameters: { resource: 'client', operation: 'get', identifyBy: 'clientId', clientId: '={{ $json.id }}', options: {} } },
			input: [{ id: '999' }, { id: '1' }, { id: 'x' }],
			check(result) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
				expect(items[0].json).toMatchObject({ errorCode: 'Client Not Found', httpCode: '200' });
				expect(items[1].json.client_id).toBe('1');
				expect(items[2].json.error).toBe('Item 3: "Client ID" must be a positive whole number, got "x"');
			},
		},
		{
			title: 'A lost answer to Reset Password is not resent, and the error says the email may have gone out',
			covers: 'user.resetPassword',
			node: { type: NODE, credentials: api, parameters: { resource: 'user', operation: 'resetPassword', identifyBy: 'userId', userId: '2', options: {} } },
			async before(ctx) {
				await ctx.sb.call('POST', '/fault', { route: 'ResetPassword', kind: 'resetAfter', times: 3 });
			},
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				expect(result.error?.message).toMatch(/^WHMCS error: The connection was reset/);
				expect(String((result.error as { description?: string } | undefined)?.description)).toMatch(/may have accepted this request/);
				expect(await actions(ctx)).toEqual(['ResetPassword']);
				expect((await resetEmails(ctx)).map((e) => e.userId)).toEqual([2]);
			},
		},
		{
			title: 'A refused IP reads as the allow-list hint (HTTP 403)',
			covers: 'user.getMany',
			node: { type: NODE, credentials: api, parameters: { resource: 'user', operation: 'getMany', search: '', returnAll: false, limit: 5, options: {} } },
			async before(ctx) {
				await ctx.sb.call('POST', '/allowed-ips', { ips: ['10.0.0.1'] });
			},
			check(result) {
				expect(result.execution.status).toBe('error');
				expect(result.error?.message).toMatch(/^WHMCS error Invalid IP 127\.0\.0\.1: .*allow list.*access key.*\(HTTP 403\)$/);
			},
		},
	],

	credentialTests: [
		{ title: 'the stored sandbox credential passes', type: 'whmcsApi', expectStatus: 'OK', expectMessage: /^Connected to WHMCS 8\.13\.1$/ },
		{
			title: 'a wrong secret reads as wrong credentials',
			type: 'whmcsApi',
			override: { secret: 'not-the-secret-0000' },
			expectStatus: 'Error',
			expectMessage: /^Wrong credentials: WHMCS answered "Authentication Failed"/,
		},
		{
			title: 'a role without WhmcsDetails reads as a role problem',
			type: 'whmcsApi',
			before: async (ctx) => {
				await ctx.sb.call('POST', '/credential', { identifier: DEFAULT_CREDENTIAL.identifier, secret: DEFAULT_CREDENTIAL.secret, role: ['GetUsers'] });
			},
			expectStatus: 'Error',
			expectMessage: /^The credentials work, but the API role may not call WhmcsDetails/,
		},
		{
			title: 'a refused IP reads as an IP problem, and the access key fixes it',
			type: 'whmcsApi',
			before: async (ctx) => {
				await ctx.sb.call('POST', '/allowed-ips', { ips: [] });
			},
			expectStatus: 'Error',
			expectMessage: /^This IP address is not allowed by WHMCS/,
		},
		{
			title: 'with the access key, a refused IP gets through',
			type: 'whmcsApi',
			override: { accessKey: DEFAULT_ACCESS_KEY },
			before: async (ctx) => {
				await ctx.sb.call('POST', '/allowed-ips', { ips: [] });
			},
			expectStatus: 'OK',
		},
		{
			title: 'the legacy admin login (MD5) passes',
			type: 'whmcsApi',
			override: { authType: 'adminLogin', username: ADMIN.username, password: ADMIN_PASSWORD },
			expectStatus: 'OK',
		},
		{
			title: 'a URL that is not a WHMCS API fails clearly',
			type: 'whmcsApi',
			override: { url: 'http://127.0.0.1:9/nothing-here' },
			expectStatus: 'Error',
			expectMessage: /^Could not reach WHMCS/,
		},
	],

	demos: [
		{
			title: 'account recovery (activated webhook) answers the same for a known and an unknown address, and resets only the known one',
			workflowId: 'whmcsDemoRecovery',
			async run(ctx) {
				await ctx.rest.activateWorkflow('whmcsDemoRecovery');
				try {
					const known = await waitFor('the recovery webhook to answer', () => postRecovery(ctx, 'jane.doe@example.com'), (r) => r.status !== 404, 20_000);
					const unknown = await postRecovery(ctx, 'nobody@example.com');
					const malformed = await postRecovery(ctx, 'not an email');
					expect(known.status).toBe(200);
					expect(JSON.parse(known.body)).toEqual({ message: 'If an account uses this email address, a password reset link is on its way.' });
					expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
					expect([malformed.status, malformed.body]).toEqual([known.status, known.body]);
					expect((await resetEmails(ctx)).map((e) => e.email)).toEqual(['jane.doe@example.com']);
				} finally {
					await ctx.rest.deactivateWorkflow('whmcsDemoRecovery');
				}
			},
		},
		{
			title: 'client lookup and sign-in link runs as imported',
			workflowId: 'whmcsDemoSsoLink',
			async run(ctx) {
				const result = await runSaved(ctx, 'whmcsDemoSsoLink');
				expectSuccess(result);
				expect(result.output('Get Client')[0].json).toMatchObject({ client_id: '2' });
				const [link] = json(result.output('Create Sign-In Link'));
				expect(link.redirect_url).toMatch(/\/oauth\/singlesignon\.php\?access_token=[0-9a-f]{40}$/);
				const tokens = await ctx.sb.call<Array<{ clientId: number; userId: number; destination: string }>>('GET', '/sso-tokens');
				expect(tokens).toEqual([expect.objectContaining({ clientId: 2, userId: 2, destination: 'clientarea:invoices' })]);
			},
		},
	],

	secrets: () => [DEFAULT_CREDENTIAL.identifier, DEFAULT_CREDENTIAL.secret, DEFAULT_ACCESS_KEY, 'not-the-secret-0000', ADMIN_PASSWORD, md5Hex(ADMIN_PASSWORD)],
};
