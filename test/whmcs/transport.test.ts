/** WHMCS node: credentials, URLs, access control, answers and secrets, through n8n's engine. */
import type { IDataObject } from 'n8n-workflow';

import { startWhmcsSandbox, type WhmcsSandbox } from '../../sandbox/whmcs';
import { actions, expectNoSecrets, items, run, sandboxSecrets, testWhmcsCredential } from './setup';

let sandbox: WhmcsSandbox;
beforeAll(async () => {
	sandbox = await startWhmcsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const details = { resource: 'client', operation: 'get', identifyBy: 'clientId', clientId: '1', options: {} };
const resetJane = { resource: 'user', operation: 'resetPassword', identifyBy: 'email', email: 'jane.doe@example.com', options: {} };

describe('credentials and URL', () => {
	it('sends the legacy admin login as username + lowercase md5(password), never the password', async () => {
		const admin = { authType: 'adminLogin', username: sandbox.admin.username, password: sandbox.admin.password, identifier: '', secret: '' };
		const { error } = await run(sandbox, details, { credentials: admin });
		expect(error).toBeUndefined();
		expect(sandbox.calls()[0]).toMatchObject({ auth: 'adminLogin', adminUsername: 'sandboxadmin', fields: ['action', 'clientid', 'username', 'password', 'responsetype'] });
		expect(sandbox.requests()[0].body).toContain('username=***&password=***');
		const wrong = await run(sandbox, details, { credentials: { ...admin, password: 'nope-nope' } });
		expect(wrong.error?.message).toMatch(/^WHMCS error Authentication Failed: The credentials were rejected/);
	});

	it.each([
		['the root with a trailing slash', (url: string) => `${url}/`],
		['the full api.php URL', (url: string) => `${url}/includes/api.php`],
		['a sub-folder root', (url: string) => `${url}/whmcs`],
		['a sub-folder api.php URL with spaces around', (url: string) => `  ${url}/whmcs/includes/api.php/  `],
	])('accepts %s', async (_label, url) => {
		const { error } = await run(sandbox, details, { credentials: { url: url(sandbox.url) } });
		expect(error).toBeUndefined();
		expect(actions(sandbox)).toEqual(['GetClientsDetails']);
	});

	it('refuses an unusable credential before sending anything', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ url: 'http://billing.example.com' }, 'WHMCS error: The WHMCS URL must use https:// (credentials travel in the request body); http:// is accepted only for localhost'],
			[{ url: '' }, 'WHMCS error: The WHMCS URL in the credential is empty'],
			[{ url: 'billing.example.com' }, 'WHMCS error: The WHMCS URL in the credential is not a URL: "billing.example.com"'],
			[{ url: 'ftp://billing.example.com' }, 'WHMCS error: The WHMCS URL must start with https://'],
			[{ secret: ' ' }, 'WHMCS error: The API Secret in the credential is empty'],
			[{ accessKey: 'has space' }, 'WHMCS error: The Access Key in the credential has characters WHMCS does not allow (letters, digits and ! @ # $ % . ( ) * [ ] - _ only)'],
		];
		for (const [credentials, message] of cases) expect((await run(sandbox, resetJane, { credentials })).error?.message).toBe(message);
		expect(actions(sandbox)).toEqual([]);
	});

	it('reads answers by their body, whatever the content type', async () => {
		sandbox.setSwitches({ jsonContentType: 'text/html; charset=UTF-8' });
		expect((await run(sandbox, details)).output![0][0].json.client_id).toBe('1');
	});
});

describe('access control', () => {
	it('explains a refused IP (HTTP 403), and the access key gets through', async () => {
		sandbox.setAllowedIps(['10.0.0.1']);
		const { error } = await run(sandbox, resetJane);
		expect(error?.message).toBe(
			"WHMCS error Invalid IP 127.0.0.1: WHMCS does not accept API calls from this IP address; add n8n's outbound IP address to the API IP allow list in WHMCS (Setup > General Settings > Security), or set the access key in the credential (HTTP 403)",
		);
		expect(sandbox.resetEmails()).toEqual([]);
		sandbox.setSwitches({ ipDeniedBody: 'text' });
		expect((await run(sandbox, resetJane)).error?.message).toMatch(/^WHMCS error Invalid IP 127\.0\.0\.1: .*\(HTTP 403\)$/);
		const ok = await run(sandbox, resetJane, { credentials: { accessKey: sandbox.accessKey } });
		expect(ok.error).toBeUndefined();
		expect(sandbox.resetEmails()).toHaveLength(1);
		expect(sandbox.requests().at(-1)!.body).toContain('accesskey=***');
	});

	it('tells wrong credentials from a missing role permission, also when WHMCS answers 403', async () => {
		const wrong = await run(sandbox, resetJane, { credentials: { secret: 'wrong-secret' } });
		expect(wrong.error?.message).toMatch(/^WHMCS error Authentication Failed: The credentials were rejected; check the API identifier and secret .*\(HTTP 200\)$/);
		sandbox.setSwitches({ authFailedStatus: 403 });
		expect((await run(sandbox, resetJane, { credentials: { secret: 'wrong-secret' } })).error?.message).toMatch(/^WHMCS error Authentication Failed: .*\(HTTP 403\)$/);
		const limited = await run(sandbox, { resource: 'email', operation: 'send', mode: 'template', templateName: 'Client Signup Email', relatedId: '1', customVariables: {} }, { credentials: sandbox.limitedCredential });
		expect(limited.error?.message).toMatch(/^WHMCS error Invalid Permissions: API action "sendemail" is not allowed: The credentials work, but the credential's API role does not allow this action/);
		expect((limited.error as { description?: string }).description).toBe('The node needs the action SendEmail in the API role.');
		expect(sandbox.sentEmails()).toEqual([]);
	});
});

describe('secrets', () => {
	it('never puts a credential value, the MD5 or a tested password into items, errors or logs', async () => {
		const tested = 'Tested-Password-77';
		const runs = [
			await run(sandbox, resetJane, { credentials: { secret: 'wrong-secret-value' }, continueOnFail: true }),
			await run(sandbox, { resource: 'user', operation: 'validateLogin', email: 'john.smith@example.net', password: tested, options: {} }, { continueOnFail: true }),
			await run(sandbox, details, { credentials: { authType: 'adminLogin', username: sandbox.admin.username, password: sandbox.admin.password, accessKey: sandbox.accessKey } }),
		];
		sandbox.setAllowedIps([]);
		runs.push(await run(sandbox, resetJane, { continueOnFail: true }));
		sandbox.setAllowedIps(['127.0.0.1']);
		for (const kind of ['htmlBody', 'malformedJson', 'truncatedJson', 'http500', 'failure200'] as const) {
			sandbox.injectFault({ kind, times: 3 });
			runs.push(await run(sandbox, details, { continueOnFail: true, credentials: { accessKey: sandbox.accessKey } }));
			runs.push(await run(sandbox, details, { credentials: { authType: 'adminLogin', username: sandbox.admin.username, password: sandbox.admin.password } }));
			sandbox.clearFaults();
		}
		for (const result of runs) expectNoSecrets({ output: result.output, error: result.error, logs: result.logs }, [...sandboxSecrets(sandbox), 'wrong-secret-value', tested]);
		expectNoSecrets(sandbox.requests(), [...sandboxSecrets(sandbox), 'wrong-secret-value', tested, sandbox.admin.username]);
	});
});

describe('credential test (WhmcsDetails)', () => {
	it('passes with API credentials or an admin login, naming the version', async () => {
		expect(await testWhmcsCredential(sandbox)).toEqual({ status: 'OK', message: 'Connected to WHMCS 8.13.1' });
		expect(await testWhmcsCredential(sandbox, { authType: 'adminLogin', username: sandbox.admin.username, password: sandbox.admin.password })).toEqual({
			status: 'OK',
			message: 'Connected to WHMCS 8.13.1',
		});
		expect(sandbox.calls().map((c) => [c.action, c.auth])).toEqual([
			['WhmcsDetails', 'apiCredential'],
			['WhmcsDetails', 'adminLogin'],
		]);
	});

	it('tells wrong credentials, a role without WhmcsDetails and a refused IP apart', async () => {
		const wrong = await testWhmcsCredential(sandbox, { secret: 'wrong-secret-value' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/^Wrong credentials: WHMCS answered "Authentication Failed"/);
		const role = await testWhmcsCredential(sandbox, sandbox.limitedCredential);
		expect(role).toEqual({
			status: 'Error',
			message: 'The credentials work, but the API role may not call WhmcsDetails: allow WhmcsDetails in the credential\'s API role in WHMCS (WHMCS: "Invalid Permissions: API action "whmcsdetails" is not allowed")',
		});
		sandbox.setAllowedIps([]);
		const ip = await testWhmcsCredential(sandbox);
		expect(ip.message).toMatch(/^This IP address is not allowed by WHMCS: add n8n's outbound IP address .* or set the Access Key in this credential \(WHMCS: "Invalid IP 127\.0\.0\.1"\)$/);
		sandbox.setSwitches({ ipDeniedBody: 'text' });
		expect((await testWhmcsCredential(sandbox)).message).toMatch(/^This IP address is not allowed by WHMCS/);
		expect(await testWhmcsCredential(sandbox, { accessKey: sandbox.accessKey })).toEqual({ status: 'OK', message: 'Connected to WHMCS 8.13.1' });
		for (const r of [wrong, role, ip]) expectNoSecrets(r, [...sandboxSecrets(sandbox), 'wrong-secret-value']);
	});

	it('falls back to GetAdminDetails on a WHMCS without WhmcsDetails', async () => {
		sandbox.setActionError('WhmcsDetails', 'Command Not Found');
		expect(await testWhmcsCredential(sandbox)).toEqual({ status: 'OK', message: 'Connected to WHMCS older than 8.0; the node needs WHMCS 8.1 or later for every operation' });
		expect(sandbox.calls().map((c) => c.action)).toEqual(['WhmcsDetails', 'GetAdminDetails']);
	});

	it('says when the URL is not a WHMCS API, or cannot be used', async () => {
		const notFound = await testWhmcsCredential(sandbox, { url: `${sandbox.url}/billing` });
		expect(notFound.message).toMatch(/^The WHMCS URL did not answer like the WHMCS API \(HTTP 404\)/);
		expect(await testWhmcsCredential(sandbox, { url: 'http://billing.example.com' })).toEqual({
			status: 'Error',
			message: 'The WHMCS URL must use https:// (credentials travel in the request body); http:// is accepted only for localhost',
		});
		sandbox.injectFault({ kind: 'htmlBody' });
		expect((await testWhmcsCredential(sandbox)).message).toMatch(/^The WHMCS URL did not answer like the WHMCS API \(HTTP 200\): Access gateway/);
	});
});

describe('pairing and batching', () => {
	it('makes one request per item, in order, each output paired with its input', async () => {
		const input = items({ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' });
		const { output } = await run(sandbox, { ...details, clientId: '={{ $json.id }}' }, { items: input });
		expect(output![0].map((item) => [item.json.client_id, item.pairedItem])).toEqual([
			['1', { item: 0 }],
			['2', { item: 1 }],
			['3', { item: 2 }],
			['4', { item: 3 }],
		]);
		expect(actions(sandbox)).toEqual(['GetClientsDetails', 'GetClientsDetails', 'GetClientsDetails', 'GetClientsDetails']);
	});
});
