/**
 * Contract tests of the WHMCS loopback emulator itself, through plain fetch.
 * (The node's own tests use this sandbox; these make sure the sandbox says what the spec and the seed say.)
 */
import { readReply, type Reply } from '../support/reply';
import { callControl } from '../support/control';
import { startWhmcsSandbox, serializeFlatArray, UNDOCUMENTED_ERROR, WHMCS_ACTIONS } from '../../sandbox/whmcs';
import type { WhmcsSandbox } from '../../sandbox/whmcs';

let sb: WhmcsSandbox;

beforeAll(async () => {
	sb = await startWhmcsSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const FORM = 'application/x-www-form-urlencoded';

/** POSTs form fields to api.php. Default auth: the full-access API credential; responsetype=json. */
async function call(
	fields: Record<string, string>,
	o: { auth?: Record<string, string> | null; responsetype?: string | null; path?: string; signal?: AbortSignal; query?: string } = {},
): Promise<Reply> {
	const auth = o.auth === undefined ? sb.credential : o.auth === null ? {} : o.auth;
	const rt: Record<string, string> =
		o.responsetype === undefined ? { responsetype: 'json' } : o.responsetype === null ? {} : { responsetype: o.responsetype };
	const body = new URLSearchParams({ ...auth, ...fields, ...rt }).toString();
	const res = await fetch(`${sb.url}${o.path ?? '/includes/api.php'}${o.query ?? ''}`, {
		method: 'POST',
		headers: { 'content-type': FORM },
		body,
		signal: o.signal,
	});
	return await readReply(res);
}

async function raw(method: string, path: string, body?: string, contentType?: string): Promise<Reply> {
	const res = await fetch(sb.url + path, { method, headers: contentType ? { 'content-type': contentType } : {}, body, redirect: 'manual' });
	return await readReply(res);
}

function expectError(r: Reply, message: string, status = 200) {
	expect(r.status).toBe(status);
	expect(r.json()).toEqual({ result: 'error', message });
}

function expectSuccess(r: Reply) {
	expect(r.status).toBe(200);
	const body = r.json();
	expect(body.result).toBe('success');
	return body;
}

describe('transport and response types', () => {
	it('answers form-encoded POSTs with PHP json_encode text: slashes and non-ASCII escaped', async () => {
		const r = await call({ action: 'GetClientsDetails', clientid: '4' });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(r.text).toContain('"firstname":"\\u0639\\u0644\\u06cc"');
		expect(r.text).not.toMatch(/[^\x00-\x7f]/);
		expect(r.json().client.firstname).toBe('علی');
		const sso = await call({ action: 'CreateSsoToken', client_id: '1' });
		expect(sso.text).toMatch(/"redirect_url":"http:\\\/\\\/127\.0\.0\.1:\d+\\\/oauth\\\/singlesignon\.php\?access_token=[0-9a-f]{40}"/);
	});

	it('answers XML without responsetype or with xml, NVP with nvp', async () => {
		for (const rt of [null, 'xml']) {
			const r = await call({ action: 'WhmcsDetails' }, { responsetype: rt });
			expect(r.status).toBe(200);
			expect(r.headers.get('content-type')).toMatch(/^text\/xml/);
			expect(r.text).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<whmcsapi version="8\.13\.1">/);
			expect(r.text).toContain('<action>whmcsdetails</action>');
			expect(r.text).toContain('<result>success</result>');
			expect(() => JSON.parse(r.text)).toThrow();
		}
		const nvp = await call({ action: 'WhmcsDetails' }, { responsetype: 'nvp' });
		expect(nvp.text).toBe('result=success;whmcs[version]=8.13.1;whmcs[canonicalversion]=8.13.1-release.1');
		sb.setSwitches({ defaultResponseType: 'nvp' });
		expect((await call({ action: 'ResetPassword' }, { responsetype: null })).text).toBe(
			'result=error;message=Please enter the email address or provide the id',
		);
	});

	it('treats a JSON body, a GET or an empty body as "no fields": Authentication Failed', async () => {
		const json = await raw('POST', '/includes/api.php', JSON.stringify({ ...sb.credential, action: 'WhmcsDetails', responsetype: 'json' }), 'application/json');
		expect(json.status).toBe(200);
		expect(json.text).toContain('<message>Authentication Failed</message>');
		const get = await raw('GET', `/includes/api.php?${new URLSearchParams({ ...sb.credential, action: 'WhmcsDetails', responsetype: 'json' })}`);
		expect(get.text).toContain('<message>Authentication Failed</message>');
		const empty = await raw('POST', '/includes/api.php', '', FORM);
		expect(empty.text).toContain('<result>error</result>');
	});

	it('matches action names case-insensitively', async () => {
		expectSuccess(await call({ action: 'resetpassword', email: 'jane.doe@example.com' }));
		expectSuccess(await call({ action: 'WHMCSDETAILS' }));
		expect(sb.resetEmails()).toHaveLength(1);
	});

	it('serves a sub-folder installation too, and 404s any other path', async () => {
		expectSuccess(await call({ action: 'WhmcsDetails' }, { path: '/whmcs/includes/api.php' }));
		expect((await call({ action: 'WhmcsDetails' }, { path: '/api.php' })).status).toBe(404);
		expect((await call({ action: 'WhmcsDetails' }, { path: '/includes/api.php/' })).status).toBe(404);
		expect((await call({ action: 'WhmcsDetails' }, { path: '/Includes/API.php' })).status).toBe(404);
	});

	it('can answer JSON as text/html, as some installations do', async () => {
		sb.setSwitches({ jsonContentType: 'text/html; charset=UTF-8' });
		const r = await call({ action: 'WhmcsDetails' });
		expect(r.headers.get('content-type')).toBe('text/html; charset=UTF-8');
		expect(r.json()).toEqual({ result: 'success', whmcs: { version: '8.13.1', canonicalversion: '8.13.1-release.1' } });
	});
});

describe('authentication, API roles and the IP allow list', () => {
	it('accepts identifier+secret, the same pair in username+password (the seed form), and admin username + md5(password)', async () => {
		expectSuccess(await call({ action: 'WhmcsDetails' }));
		expectSuccess(await call({ action: 'WhmcsDetails' }, { auth: { username: sb.credential.identifier, password: sb.credential.secret } }));
		expect(sb.admin.passwordMd5).toMatch(/^[0-9a-f]{32}$/);
		expectSuccess(await call({ action: 'WhmcsDetails' }, { auth: { username: sb.admin.username, password: sb.admin.passwordMd5 } }));
		expect(sb.calls().map((c) => c.auth)).toEqual(['apiCredential', 'apiCredential', 'adminLogin']);
	});

	it('answers Authentication Failed (HTTP 200 by default, 403 by switch) for every bad credential', async () => {
		const bad: Array<Record<string, string> | null> = [
			null,
			{ identifier: sb.credential.identifier, secret: 'wrong' },
			{ identifier: 'unknown', secret: sb.credential.secret },
			{ identifier: sb.credential.identifier },
			{ username: sb.admin.username, password: sb.admin.password },
			{ username: sb.admin.username, password: sb.admin.passwordMd5.toUpperCase() },
			sb.noApiAccessCredential,
		];
		for (const auth of bad) expectError(await call({ action: 'WhmcsDetails' }, { auth }), 'Authentication Failed');
		sb.setSwitches({ authFailedStatus: 403 });
		expectError(await call({ action: 'WhmcsDetails' }, { auth: null }), 'Authentication Failed', 403);
	});

	it('fails every credential of an admin whose API Access permission is removed', async () => {
		sb.setAdminApiAccess('sandboxadmin', false);
		expectError(await call({ action: 'WhmcsDetails' }), 'Authentication Failed');
		expectError(await call({ action: 'WhmcsDetails' }, { auth: { username: sb.admin.username, password: sb.admin.passwordMd5 } }), 'Authentication Failed');
	});

	it('refuses actions outside the API role, echoing the action in lower case', async () => {
		const limited = sb.limitedCredential;
		expectError(await call({ action: 'WhmcsDetails' }, { auth: limited }), 'Invalid Permissions: API action "whmcsdetails" is not allowed');
		expectError(await call({ action: 'SendEmail' }, { auth: limited }), 'Invalid Permissions: API action "sendemail" is not allowed');
		expectError(await call({ action: 'NoSuchThing' }, { auth: limited }), 'Invalid Permissions: API action "nosuchthing" is not allowed');
		expectSuccess(await call({ action: 'getusers' }, { auth: limited }));
		expect(sb.sentEmails()).toHaveLength(0);
	});

	it('answers Command Not Found for an unknown or missing action', async () => {
		expectError(await call({ action: 'GetUser' }), 'Command Not Found');
		expectError(await call({}), 'Command Not Found');
	});

	it('checks the IP first: 403 Invalid IP unless the access key is sent (body or query)', async () => {
		sb.setAllowedIps(['10.0.0.1']);
		expectError(await call({ action: 'ResetPassword', email: 'jane.doe@example.com' }), 'Invalid IP 127.0.0.1', 403);
		expectError(await call({ action: 'WhmcsDetails' }, { auth: null }), 'Invalid IP 127.0.0.1', 403);
		expectError(await call({ action: 'WhmcsDetails', accesskey: 'wrong' }), 'Invalid IP 127.0.0.1', 403);
		expectSuccess(await call({ action: 'WhmcsDetails', accesskey: sb.accessKey }));
		expectSuccess(await call({ action: 'WhmcsDetails' }, { query: `?accesskey=${encodeURIComponent(sb.accessKey)}` }));
		// Past the IP check, authentication still applies.
		expectError(await call({ action: 'WhmcsDetails', accesskey: sb.accessKey }, { auth: null }), 'Authentication Failed');
		sb.setAccessKey(null);
		expectError(await call({ action: 'WhmcsDetails', accesskey: sb.accessKey }), 'Invalid IP 127.0.0.1', 403);
		sb.setAllowedIps([]);
		expectError(await call({ action: 'WhmcsDetails' }), 'Invalid IP 127.0.0.1', 403);
		expect(sb.resetEmails()).toHaveLength(0);
	});

	it('can answer the 403 as a bare text line, and follows responsetype otherwise', async () => {
		sb.setAllowedIps(['10.0.0.1']);
		sb.setSwitches({ ipDeniedBody: 'text' });
		const r = await call({ action: 'WhmcsDetails' });
		expect(r.status).toBe(403);
		expect(r.text).toBe('Invalid IP 127.0.0.1');
		sb.setSwitches({ ipDeniedBody: 'json' });
		const xml = await call({ action: 'WhmcsDetails' }, { responsetype: null });
		expect(xml.status).toBe(403);
		expect(xml.text).toContain('<message>Invalid IP 127.0.0.1</message>');
	});

	it('validates access keys and credentials given to the helpers', () => {
		expect(() => sb.setAccessKey('has space')).toThrow(/letters, digits/);
		expect(() => sb.setAccessKey('no+plus')).toThrow();
		expect(() => sb.setAllowedIps(['not-an-ip'])).toThrow();
		expect(() => sb.setCredential({ identifier: 'a', secret: 'b', admin: 'nobody', role: 'all' })).toThrow(/unknown admin/);
	});
});

describe('ResetPassword (the seed action)', () => {
	it('starts a reset by email, case-insensitively: {"result":"success"} and exactly one reset email', async () => {
		sb.clock.set('2026-01-05T08:00:00Z');
		const r = await call({ action: 'ResetPassword', email: 'John.Smith@Example.NET' });
		expect(r.text).toBe('{"result":"success"}');
		expect(sb.resetEmails()).toEqual([{ userId: 1, email: 'john.smith@example.net', at: new Date('2026-01-05T08:00:00Z') }]);
	});

	it('starts a reset by user id (a user id, not a client id)', async () => {
		expectSuccess(await call({ action: 'ResetPassword', id: '2' }));
		expect(sb.resetEmails().map((e) => e.userId)).toEqual([2]);
		// An id that only a client has is not a user.
		sb.addClient({ id: 90, email: 'c90@example.com', ownerUserId: 5 });
		expectError(await call({ action: 'ResetPassword', id: '90' }), 'User Not Found');
	});

	it("answers the seed's three errors with HTTP 200, and sends nothing", async () => {
		expectError(await call({ action: 'ResetPassword' }), 'Please enter the email address or provide the id');
		expectError(await call({ action: 'ResetPassword', id: '', email: '  ' }), 'Please enter the email address or provide the id');
		for (const email of ['not-an-email', 'a@b', 'john smith@example.net', '@example.net', 'a@@example.net']) {
			expectError(await call({ action: 'ResetPassword', email }), 'Please provide a valid email address');
		}
		expectError(await call({ action: 'ResetPassword', email: 'nobody@example.net' }), 'User Not Found');
		for (const id of ['999', '0', '-1', 'abc']) expectError(await call({ action: 'ResetPassword', id }), 'User Not Found');
		expect(sb.resetEmails()).toEqual([]);
	});

	it('uses the id when both are sent (switchable, undocumented)', async () => {
		expectSuccess(await call({ action: 'ResetPassword', id: '2', email: 'john.smith@example.net' }));
		sb.setSwitches({ resetPasswordPrefers: 'email' });
		expectSuccess(await call({ action: 'ResetPassword', id: '2', email: 'john.smith@example.net' }));
		expect(sb.resetEmails().map((e) => e.userId)).toEqual([2, 1]);
	});

	it('works with the seed request exactly (username/password carrying the API credential)', async () => {
		const r = await call(
			{ action: 'ResetPassword', email: 'jane.doe@example.com' },
			{ auth: { username: sb.credential.identifier, password: sb.credential.secret } },
		);
		expect(r.text).toBe('{"result":"success"}');
	});
});

describe('GetUsers', () => {
	it('prefix-matches email, first name, last name and full name, case-insensitively, with documented types', async () => {
		const r = expectSuccess(await call({ action: 'GetUsers', search: 'john.smith@example.net' }));
		expect(r).toMatchObject({ totalresults: 2, startnumber: 0, numreturned: 2 });
		expect(r.users.map((u: { email: string }) => u.email)).toEqual(['john.smith@example.net', 'john.smith@example.net.au']);
		expect(r.users[0]).toEqual({
			id: 1,
			firstname: 'John',
			lastname: 'Smith',
			email: 'john.smith@example.net',
			datecreated: '2020-12-15 15:29:49',
			validationdata: '',
			clients: [
				{ id: 1, isOwner: true },
				{ id: 2, isOwner: false },
			],
		});
		const ids = async (search: string) => expectSuccess(await call({ action: 'GetUsers', search })).users.map((u: { id: number }) => u.id);
		expect(await ids('JAN')).toEqual([2]);
		expect(await ids('smith')).toEqual([1, 3]);
		expect(await ids('john smith')).toEqual([1]);
		expect(await ids('ohn')).toEqual([]);
		expect(await ids('رضا')).toEqual([4]);
	});

	it('pages with limitstart/limitnum (default 25) and sorts ASC or DESC', async () => {
		for (let i = 0; i < 30; i++) sb.addUser({ email: `bulk${String(i).padStart(2, '0')}@example.com` });
		const first = expectSuccess(await call({ action: 'GetUsers' }));
		expect(first).toMatchObject({ totalresults: 35, startnumber: 0, numreturned: 25 });
		const second = expectSuccess(await call({ action: 'GetUsers', limitstart: '25' }));
		expect(second).toMatchObject({ totalresults: 35, startnumber: 25, numreturned: 10 });
		const all = [...first.users, ...second.users].map((u: { id: number }) => u.id);
		expect(new Set(all).size).toBe(35);
		const page = expectSuccess(await call({ action: 'GetUsers', search: 'bulk', limitstart: '10', limitnum: '5', sorting: 'DESC' }));
		expect(page).toMatchObject({ totalresults: 30, startnumber: 10, numreturned: 5 });
		expect(page.users.map((u: { email: string }) => u.email)).toEqual(['bulk19@example.com', 'bulk18@example.com', 'bulk17@example.com', 'bulk16@example.com', 'bulk15@example.com']);
		const empty = await call({ action: 'GetUsers', search: 'zzz' });
		expect(empty.text).toBe('{"result":"success","totalresults":0,"startnumber":0,"numreturned":0,"users":[]}');
	});
});

describe('GetClientsDetails', () => {
	it('returns the client (docs types), its users with the owner flag, and the deprecated top-level copy', async () => {
		const r = expectSuccess(await call({ action: 'GetClientsDetails', clientid: '2' }));
		expect(r.client).toMatchObject({ client_id: 2, owner_user_id: 2, userid: 2, id: 2, email: 'accounts@doe.example.com', status: 'Active', allowSingleSignOn: 1, email_verified: true });
		expect(r.client.users).toEqual({
			user: [
				{ id: 2, name: 'Jane Doe', email: 'jane.doe@example.com', is_owner: true },
				{ id: 1, name: 'John Smith', email: 'john.smith@example.net', is_owner: false },
			],
		});
		expect(r.email).toBe('accounts@doe.example.com');
		expect(r.stats).toBeUndefined();
		expect(r.warning).toBeUndefined();
		const byEmail = expectSuccess(await call({ action: 'GetClientsDetails', email: 'BILLING@smith.example.net' }));
		expect(byEmail.client.id).toBe(1);
	});

	it('adds stats when stats is PHP-truthy ("1", "true", even "false"), not for "0" or ""', async () => {
		for (const stats of ['1', 'true', 'false']) expect(expectSuccess(await call({ action: 'GetClientsDetails', clientid: '1', stats })).stats).toMatchObject({ numdueinvoices: 2 });
		for (const stats of ['0', '']) expect(expectSuccess(await call({ action: 'GetClientsDetails', clientid: '1', stats })).stats).toBeUndefined();
	});

	it('answers its two documented errors, and can add the deprecation warning', async () => {
		expectError(await call({ action: 'GetClientsDetails' }), 'Either clientid Or email Is Required');
		expectError(await call({ action: 'GetClientsDetails', clientid: '999' }), 'Client Not Found');
		expectError(await call({ action: 'GetClientsDetails', email: 'john.smith@example.net' }), 'Client Not Found');
		sb.setSwitches({ clientsDetailsWarning: true });
		expect(expectSuccess(await call({ action: 'GetClientsDetails', clientid: '1' })).warning).toBe(
			'Credit Card related parameters are now deprecated and have been removed. Use GetPayMethods instead.',
		);
	});
});

describe('ValidateLogin', () => {
	it('returns string-typed fields and moves the last-login time (its side effect)', async () => {
		sb.clock.set('2026-02-01T10:00:00Z');
		const r = await call({ action: 'ValidateLogin', email: 'john.smith@example.net', password2: 'Correct-Horse-1' });
		const body = expectSuccess(r);
		expect(body.userid).toBe('1');
		expect(body.twoFactorEnabled).toBe('false');
		expect(body.passwordhash).toMatch(/^[A-Za-z0-9]{40}$/);
		expect(sb.users().find((u) => u.id === 1)!.lastlogin).toEqual(new Date('2026-02-01T10:00:00Z'));
		expect(expectSuccess(await call({ action: 'GetClientsDetails', clientid: '1' })).client.lastlogin).toMatch(/^Date: 01\/02\/2026 10:00<br>/);
	});

	it('omits the session hash when two-factor authentication is on', async () => {
		const body = expectSuccess(await call({ action: 'ValidateLogin', email: 'ali.rezaei@example.ir', password2: 'Tehran-1404' }));
		expect(body).toEqual({ result: 'success', userid: '4', twoFactorEnabled: 'true' });
	});

	it('answers Email or Password Invalid and changes nothing', async () => {
		const cases: Array<Record<string, string>> = [
			{ email: 'john.smith@example.net', password2: 'wrong' },
			{ email: 'john.smith@example.net', password2: 'correct-horse-1' },
			{ email: 'john.smith@example.net' },
			{ email: 'nobody@example.net', password2: 'Correct-Horse-1' },
			{ password2: 'Correct-Horse-1' },
		];
		for (const f of cases) {
			expectError(await call({ action: 'ValidateLogin', ...f }), 'Email or Password Invalid');
		}
		expect(sb.users().every((u) => u.lastlogin === null)).toBe(true);
	});
});

describe('CreateSsoToken', () => {
	it('mints a 40-hex token for the client owner, with a redirect URL on the installation', async () => {
		sb.clock.set('2026-03-01T12:00:00Z');
		const body = expectSuccess(await call({ action: 'CreateSsoToken', client_id: '1' }));
		expect(body.access_token).toMatch(/^[0-9a-f]{40}$/);
		expect(body.redirect_url).toBe(`${sb.url}/oauth/singlesignon.php?access_token=${body.access_token}`);
		expect(sb.ssoTokens()).toEqual([
			expect.objectContaining({ token: body.access_token, clientId: 1, userId: 1, destination: 'clientarea:homepage', expiresAt: new Date('2026-03-01T12:01:00Z'), redeemedAt: null }),
		]);
		const sub = expectSuccess(await call({ action: 'CreateSsoToken', client_id: '1' }, { path: '/whmcs/includes/api.php' }));
		expect(sub.redirect_url).toBe(`${sb.url}/whmcs/oauth/singlesignon.php?access_token=${sub.access_token}`);
	});

	it('resolves user_id alone to the client the user owns, and accepts a member user for a client', async () => {
		expectSuccess(await call({ action: 'CreateSsoToken', user_id: '2' }));
		expectSuccess(await call({ action: 'CreateSsoToken', client_id: '2', user_id: '1', destination: 'clientarea:invoices' }));
		expect(sb.ssoTokens().map((t) => [t.clientId, t.userId, t.destination])).toEqual([
			[2, 2, 'clientarea:homepage'],
			[2, 1, 'clientarea:invoices'],
		]);
	});

	it('answers each documented error and mints nothing', async () => {
		expectError(await call({ action: 'CreateSsoToken' }), 'A valid client_id or user_id is required');
		expectError(await call({ action: 'CreateSsoToken', client_id: '999' }), 'Invalid client_id');
		expectError(await call({ action: 'CreateSsoToken', user_id: '999' }), 'Invalid user_id');
		expectError(await call({ action: 'CreateSsoToken', client_id: '1', user_id: '2' }), 'Invalid user_id for client');
		expectError(await call({ action: 'CreateSsoToken', client_id: '1', destination: 'clientarea:nowhere' }), 'Invalid destination');
		expectError(await call({ action: 'CreateSsoToken', client_id: '3' }), 'SSO authentication blocked for client 3');
		sb.setActionError('CreateSsoToken', 'Token could not be provisioned: storage unavailable');
		expectError(await call({ action: 'CreateSsoToken', client_id: '1' }), 'Token could not be provisioned: storage unavailable');
		expect(sb.ssoTokens()).toEqual([]);
	});

	it('redeems a token once, within 60 seconds', async () => {
		sb.clock.set('2026-03-01T12:00:00Z');
		const a = expectSuccess(await call({ action: 'CreateSsoToken', client_id: '1', destination: 'sso:custom_redirect', sso_redirect_path: '/cart.php?a=view' }));
		const first = await raw('GET', new URL(a.redirect_url).pathname + new URL(a.redirect_url).search);
		expect(first.status).toBe(302);
		expect(first.headers.get('location')).toBe('/cart.php?a=view');
		const again = await raw('GET', `/oauth/singlesignon.php?access_token=${a.access_token}`);
		expect(again.headers.get('location')).toBe('/login.php?sso=invalid');

		const b = expectSuccess(await call({ action: 'CreateSsoToken', client_id: '2' }));
		sb.clock.advance(60_000);
		expect((await raw('GET', `/oauth/singlesignon.php?access_token=${b.access_token}`)).headers.get('location')).toBe('/login.php?sso=invalid');
		const c = expectSuccess(await call({ action: 'CreateSsoToken', client_id: '2' }));
		sb.clock.advance(59_999);
		expect((await raw('GET', `/oauth/singlesignon.php?access_token=${c.access_token}`)).headers.get('location')).toBe('/clientarea.php?sso=clientarea%3Ahomepage');
	});
});

describe('UpdateUser and AddUser', () => {
	it('updates the given fields and answers user_id as a string', async () => {
		const r = await call({ action: 'UpdateUser', user_id: '3', email: 'johnny@example.org', language: 'French' });
		expect(r.text).toBe('{"result":"success","user_id":"3"}');
		expect(sb.users().find((u) => u.id === 3)).toMatchObject({ email: 'johnny@example.org', language: 'french', firstname: 'Johnny' });
	});

	it('answers each documented UpdateUser error and changes nothing', async () => {
		const before = sb.users();
		expectError(await call({ action: 'UpdateUser', firstname: 'X' }), 'Invalid User ID requested');
		expectError(await call({ action: 'UpdateUser', user_id: '999', firstname: 'X' }), 'Invalid User ID requested');
		expectError(await call({ action: 'UpdateUser', user_id: '1' }), 'One of `email`, `firstname`, `lastname`, or `language` is required');
		expectError(await call({ action: 'UpdateUser', user_id: '1', email: 'nope' }), 'The email address entered is not valid');
		expectError(await call({ action: 'UpdateUser', user_id: '1', email: 'JANE.DOE@example.com', firstname: 'Y' }), 'A user already exists with that email address');
		expect(sb.users()).toEqual(before);
		expectSuccess(await call({ action: 'UpdateUser', user_id: '1', email: 'John.Smith@example.net' }));
	});

	it('creates a user (findable by GetUsers) and answers each documented AddUser error in order', async () => {
		const full = { firstname: 'New', lastname: 'Person', email: 'new.person@example.com', password2: 'S3cret!' };
		expectError(await call({ action: 'AddUser', ...full, firstname: '' }), 'You did not enter a first name');
		expectError(await call({ action: 'AddUser', ...full, lastname: '' }), 'You did not enter a last name');
		expectError(await call({ action: 'AddUser', ...full, email: '' }), 'You did not enter an email address');
		expectError(await call({ action: 'AddUser', ...full, password2: '' }), 'You did not enter a password');
		expectError(await call({ action: 'AddUser', ...full, email: 'bad@' }), 'The email address entered is not valid');
		expectError(await call({ action: 'AddUser', ...full, email: 'Jane.Doe@example.com' }), 'A user already exists with that email address');
		expect(sb.users()).toHaveLength(5);
		const r = await call({ action: 'AddUser', ...full });
		expect(r.text).toBe('{"result":"success","user_id":"6"}');
		expect(expectSuccess(await call({ action: 'GetUsers', search: 'new.person@' })).users[0]).toMatchObject({ id: 6, clients: [] });
		expectSuccess(await call({ action: 'ValidateLogin', email: full.email, password2: full.password2 }));
	});
});

describe('SendEmail', () => {
	it('sends a template to a client, with custom variables as a PHP array (customvars[name]=value)', async () => {
		expectSuccess(await call({ action: 'SendEmail', messagename: 'Client Signup Email', id: '1', 'customvars[code]': 'A1', 'customvars[name]': 'John' }));
		expect(sb.sentEmails()).toEqual([expect.objectContaining({ template: 'Client Signup Email', type: 'general', relatedId: 1, customvars: { code: 'A1', name: 'John' } })]);
	});

	it('sends a custom message, with custom variables as base64(serialize(array))', async () => {
		const vars = serializeFlatArray({ custommerge: 'سلام', custommerge2: 'x' });
		const customvars = Buffer.from(vars, 'utf8').toString('base64');
		expectSuccess(await call({ action: 'SendEmail', customtype: 'product', customsubject: 'Welcome', custommessage: '<p>{$custommerge}</p>', id: '101', customvars }));
		expect(sb.sentEmails()).toEqual([
			expect.objectContaining({ type: 'product', subject: 'Welcome', message: '<p>{$custommerge}</p>', relatedId: 101, customvars: { custommerge: 'سلام', custommerge2: 'x' } }),
		]);
	});

	it('answers each documented error and sends nothing', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{ id: '1' }, 'You must provide either an existing email template name or a custom message type'],
			[{ customtype: 'marketing', customsubject: 's', custommessage: 'm', id: '1' }, 'Invalid message type provided'],
			[{ customtype: 'general', custommessage: 'm', id: '1' }, 'A subject is required for a custom message'],
			[{ customtype: 'general', customsubject: 's', id: '1' }, 'A message body is required for a custom message'],
			[{ messagename: 'Client Signup Email', id: '1', customvars: 'not-base64!' }, 'The custom variables you provided are invalid.'],
			[{ messagename: 'Client Signup Email', id: '1', customvars: Buffer.from('a:1:{s:1:"x";}').toString('base64') }, 'The custom variables you provided are invalid.'],
			[{ messagename: 'Client Signup Email' }, 'A related ID is required'],
			[{ messagename: 'No Such Template', id: '1' }, 'Email Template not found'],
			[{ messagename: 'Password Reset Validation', id: '1' }, 'Email Template not found'],
			[{ messagename: 'Password Reset Confirmation', id: '1' }, 'Email Template not found'],
			[{ messagename: 'Retired Newsletter', id: '1' }, 'Email Template is disabled'],
			[{ messagename: 'Client Signup Email', id: '999' }, 'Sending Failed. Please see documentation.'],
			[{ messagename: 'Hosting Account Welcome Email', id: '1' }, 'Sending Failed. Please see documentation.'],
			[{ customtype: 'invoice', customsubject: 's', custommessage: 'm', id: '999' }, 'Sending Failed. Please see documentation.'],
		];
		for (const [f, message] of cases) expectError(await call({ action: 'SendEmail', ...f }), message);
		expect(sb.sentEmails()).toEqual([]);
	});
});

describe('WhmcsDetails and GetAdminDetails', () => {
	it('return the version (and the admin) without side effects', async () => {
		expect((await call({ action: 'WhmcsDetails' })).text).toBe('{"result":"success","whmcs":{"version":"8.13.1","canonicalversion":"8.13.1-release.1"}}');
		const admin = expectSuccess(await call({ action: 'GetAdminDetails' }));
		expect(admin).toMatchObject({ adminid: 1, name: 'Sandbox Admin', whmcs: { version: '8.13.1' } });
		expect(admin.allowedpermissions).toContain('API Access');
	});
});

describe('fault injection', () => {
	const reset = (signal?: AbortSignal) => call({ action: 'ResetPassword', email: 'jane.doe@example.com' }, { signal });

	it('answers 5xx and 429 pages without doing the action', async () => {
		sb.injectFault({ route: 'ResetPassword', kind: 'http500' });
		const r500 = await reset();
		expect(r500.status).toBe(500);
		expect(r500.headers.get('content-type')).toMatch(/text\/html/);
		sb.injectFault({ route: 'resetpassword', kind: 'http503' });
		expect((await reset()).status).toBe(503);
		sb.injectFault({ kind: 'http429' });
		const r429 = await reset();
		expect(r429.status).toBe(429);
		expect(r429.headers.get('retry-after')).toBeNull();
		sb.injectFault({ kind: 'http429RetryAfter', delayMs: 2500 });
		expect((await reset()).headers.get('retry-after')).toBe('3');
		sb.injectFault({ kind: 'html500' });
		expect((await reset()).status).toBe(500);
		expect(sb.resetEmails()).toEqual([]);
		expectSuccess(await reset());
		expect(sb.resetEmails()).toHaveLength(1);
	});

	it('targets a fault at one action only', async () => {
		sb.injectFault({ route: 'SendEmail', kind: 'http500' });
		expectSuccess(await reset());
		expect((await call({ action: 'SendEmail', messagename: 'Client Signup Email', id: '1' })).status).toBe(500);
		expect(sb.sentEmails()).toEqual([]);
	});

	it('reset before processing: no reset email; reset after processing: the email went out', async () => {
		sb.injectFault({ route: 'ResetPassword', kind: 'resetBefore' });
		await expect(reset()).rejects.toThrow();
		expect(sb.resetEmails()).toHaveLength(0);
		sb.injectFault({ route: 'ResetPassword', kind: 'resetAfter' });
		await expect(reset()).rejects.toThrow();
		expect(sb.resetEmails()).toHaveLength(1);
		expect(sb.requests().map((e) => e.status)).toEqual([0, 0]);
	});

	it('garbled bodies: truncated JSON (after processing), malformed JSON, empty body, HTML with 200', async () => {
		sb.injectFault({ route: 'ResetPassword', kind: 'truncatedJson' });
		const trunc = await reset();
		expect(trunc.status).toBe(200);
		expect(() => JSON.parse(trunc.text)).toThrow();
		expect(sb.resetEmails()).toHaveLength(1);

		sb.injectFault({ kind: 'malformedJson' });
		const malformed = await reset();
		expect(() => JSON.parse(malformed.text)).toThrow();
		sb.injectFault({ kind: 'emptyBody', status: 502 });
		const empty = await reset();
		expect([empty.status, empty.text]).toEqual([502, '']);
		sb.injectFault({ kind: 'htmlBody' });
		const html = await reset();
		expect(html.status).toBe(200);
		expect(html.headers.get('content-type')).toMatch(/text\/html/);
		expect(sb.resetEmails()).toHaveLength(1);
	});

	it('failure200: an undocumented WHMCS error text, nothing done', async () => {
		sb.injectFault({ kind: 'failure200' });
		expectError(await reset(), UNDOCUMENTED_ERROR);
		expect(sb.resetEmails()).toEqual([]);
	});

	it('delay: the client gives up, the server still sends the reset email', async () => {
		sb.injectFault({ route: 'ResetPassword', kind: 'delay', delayMs: 800 });
		await expect(reset(AbortSignal.timeout(150))).rejects.toThrow();
		expect(sb.resetEmails()).toHaveLength(0);
		for (let i = 0; i < 40 && sb.resetEmails().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
		expect(sb.resetEmails()).toHaveLength(1);
	});

	it('rejects unknown fault kinds and routes; knows every action as a route', () => {
		expect(() => sb.injectFault({ kind: 'nope' as never })).toThrow(/Unknown fault kind/);
		expect(() => sb.injectFault({ kind: 'http500', route: 'GetUser' })).toThrow(/Unknown route/);
		for (const action of WHMCS_ACTIONS) expect(() => sb.injectFault({ kind: 'http500', route: action })).not.toThrow();
		sb.clearFaults();
		expect(sb.pendingFaults()).toEqual([]);
	});
});

describe('request log', () => {
	it('masks identifier, secret, username, password, password2 and accesskey (body and query), and keeps the rest', async () => {
		sb.setAllowedIps([]);
		await call({ action: 'ValidateLogin', email: 'john.smith@example.net', password2: 'Correct-Horse-1', accesskey: sb.accessKey });
		await call({ action: 'WhmcsDetails' }, { auth: { username: sb.admin.username, password: sb.admin.passwordMd5 }, query: `?accesskey=${encodeURIComponent(sb.accessKey)}` });
		const sso = expectSuccess(await call({ action: 'CreateSsoToken', client_id: '1', accesskey: sb.accessKey }));
		await raw('GET', `/oauth/singlesignon.php?access_token=${sso.access_token}`);
		await fetch(`${sb.url}/__sandbox/state`);
		const log = sb.requests();
		expect(log.map((e) => [e.method, e.path.replace(/\?.*/, ''), e.status])).toEqual([
			['POST', '/includes/api.php', 200],
			['POST', '/includes/api.php', 200],
			['POST', '/includes/api.php', 200],
			['GET', '/oauth/singlesignon.php', 302],
		]);
		expect(log[0].body).toBe('identifier=***&secret=***&action=ValidateLogin&email=john.smith%40example.net&password2=***&accesskey=***&responsetype=json');
		expect(log[1].body).toBe('username=***&password=***&action=WhmcsDetails&responsetype=json');
		expect(log[1].path).toBe('/includes/api.php?accesskey=***');
		expect(log[3].path).toBe('/oauth/singlesignon.php?access_token=***');
		const dump = JSON.stringify(log);
		for (const secret of [sb.credential.identifier, sb.credential.secret, sb.admin.username, sb.admin.passwordMd5, 'Correct-Horse-1', encodeURIComponent(sb.accessKey), sso.access_token]) {
			expect(dump).not.toContain(secret);
		}
		expect(sb.calls().map((c) => [c.action, c.auth, c.responseType])).toEqual([
			['ValidateLogin', 'apiCredential', 'json'],
			['WhmcsDetails', 'adminLogin', 'json'],
			['CreateSsoToken', 'apiCredential', 'json'],
		]);
		expect(JSON.stringify(sb.calls())).not.toContain(sb.credential.secret);
		sb.clearRequests();
		expect(sb.requests()).toEqual([]);
	});

	it('does not echo a JSON body sent by mistake', async () => {
		await raw('POST', '/includes/api.php', JSON.stringify({ secret: sb.credential.secret }), 'application/json');
		expect(sb.requests()[0].body).toMatch(/^<\d+ bytes of application\/json>$/);
	});
});

describe('HTTP control surface', () => {
	const control = (method: string, p: string, body?: unknown) => callControl(sb.url, method, p, body);

	it('lists its routes', async () => {
		const help = await control('GET', '');
		expect(help.status).toBe(200);
		for (const route of ['/state', '/users', '/clients', '/client-state', '/reset-emails', '/emails', '/sso-tokens', '/allowed-ips', '/access-key', '/credential', '/admin-api-access', '/action-error', '/switches', '/fault', '/requests', '/calls', '/reset', '/clock']) {
			expect(help.text).toContain(`/__sandbox${route}`);
		}
		expect((await control('GET', '/nope')).status).toBe(404);
	});

	it('drives users, clients, ledgers and the clock without auth', async () => {
		expect((await control('POST', '/users', { email: 'ctl@example.com', firstname: 'Ctl', id: 77 })).json()).toEqual({ id: 77 });
		expect((await control('POST', '/clients', { email: 'ctl-billing@example.com', ownerUserId: 77, users: [1] })).json()).toEqual({ id: 5 });
		expect((await control('GET', '/users')).json().find((u: { id: number }) => u.id === 77)).not.toHaveProperty('password');
		expect((await control('GET', '/clients')).json().find((c: { id: number }) => c.id === 5).users).toEqual([77, 1]);
		expect((await control('POST', '/users', { email: 'bad' })).status).toBe(400);
		expect((await control('POST', '/client-state', { id: 1, allowSingleSignOn: false })).status).toBe(200);
		expectError(await call({ action: 'CreateSsoToken', client_id: '1' }), 'SSO authentication blocked for client 1');
		expect((await control('POST', '/clock', { at: '2026-01-05T08:00:00Z' })).json().frozen).toBe(true);
		expectSuccess(await call({ action: 'ResetPassword', id: '77' }));
		expect((await control('GET', '/reset-emails')).json()).toEqual([{ userId: 77, email: 'ctl@example.com', at: '2026-01-05T08:00:00.000Z' }]);
		expectSuccess(await call({ action: 'SendEmail', messagename: 'Client Signup Email', id: '5' }));
		expect((await control('GET', '/emails')).json()).toHaveLength(1);
		expect((await control('GET', '/state')).json()).toMatchObject({ users: 6, clients: 5, resetEmails: 1, sentEmails: 1, clock: { frozen: true } });
		expect((await control('POST', '/reset')).status).toBe(200);
		expect(sb.clockIsFrozen()).toBe(false);
		expect(sb.resetEmails()).toEqual([]);
		expect(sb.users()).toHaveLength(5);
	});

	it('drives access control, credentials, action errors, switches, faults and the logs', async () => {
		expect((await control('POST', '/allowed-ips', { ips: ['10.0.0.1'] })).status).toBe(200);
		expectError(await call({ action: 'WhmcsDetails' }), 'Invalid IP 127.0.0.1', 403);
		expect((await control('POST', '/access-key', { key: 'New-Key_1' })).status).toBe(200);
		expectSuccess(await call({ action: 'WhmcsDetails', accesskey: 'New-Key_1' }));
		expect((await control('POST', '/access-key', { key: 'bad key' })).status).toBe(400);
		expect((await control('POST', '/allowed-ips', { ips: ['127.0.0.1'] })).status).toBe(200);

		expect((await control('POST', '/credential', { identifier: 'ctl-id', secret: 'ctl-secret', role: ['GetUsers'] })).status).toBe(200);
		expectError(await call({ action: 'ResetPassword', id: '1' }, { auth: { identifier: 'ctl-id', secret: 'ctl-secret' } }), 'Invalid Permissions: API action "resetpassword" is not allowed');
		expect((await control('DELETE', '/credential', { identifier: 'ctl-id' })).json()).toEqual({ removed: true });
		expectError(await call({ action: 'GetUsers' }, { auth: { identifier: 'ctl-id', secret: 'ctl-secret' } }), 'Authentication Failed');
		expect((await control('POST', '/admin-api-access', { username: 'sandboxadmin', apiAccess: false })).status).toBe(200);
		expectError(await call({ action: 'GetUsers' }), 'Authentication Failed');
		expect((await control('POST', '/admin-api-access', { username: 'sandboxadmin', apiAccess: true })).status).toBe(200);

		expect((await control('POST', '/action-error', { action: 'sendemail', message: 'Sending Failed. Please see documentation.' })).status).toBe(200);
		expectError(await call({ action: 'SendEmail', messagename: 'Client Signup Email', id: '1' }), 'Sending Failed. Please see documentation.');
		expect((await control('POST', '/action-error', { action: 'SendEmail', message: null })).status).toBe(200);
		expectSuccess(await call({ action: 'SendEmail', messagename: 'Client Signup Email', id: '1' }));
		expect((await control('POST', '/action-error', { action: 'Nope', message: 'x' })).status).toBe(400);

		expect((await control('POST', '/switches', { authFailedStatus: 403 })).json().authFailedStatus).toBe(403);
		expect((await control('POST', '/switches', { authFailedStatus: 401 })).status).toBe(400);
		expect((await control('POST', '/switches', { unknown: true })).status).toBe(400);
		expect((await control('POST', '/fault', { route: 'WhmcsDetails', kind: 'http503' })).status).toBe(200);
		expect((await call({ action: 'WhmcsDetails' })).status).toBe(503);
		expect((await control('POST', '/fault', { route: 'Nope', kind: 'http503' })).status).toBe(400);
		expect((await control('GET', '/calls')).json().length).toBeGreaterThan(0);
		expect((await control('GET', '/requests')).json().length).toBe(sb.requests().length);
		expect((await control('DELETE', '/requests')).status).toBe(200);
		expect(sb.requests()).toEqual([]);
	});
});
