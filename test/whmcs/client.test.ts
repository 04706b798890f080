/** WHMCS node, Client and Email resources, through n8n's engine against the loopback WHMCS. */
import { serializeFlatArray, startWhmcsSandbox, type WhmcsSandbox } from '../../sandbox/whmcs';
import { actions, expectNoSecrets, items, run, sandboxSecrets } from './setup';

let sandbox: WhmcsSandbox;
beforeAll(async () => {
	sandbox = await startWhmcsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

describe('Client → Get', () => {
	const get = (extra: Record<string, unknown> = {}) => ({ resource: 'client', operation: 'get', identifyBy: 'clientId', clientId: '2', options: {}, ...extra });

	it('outputs the client with ids as text, flags as booleans and its users (the owner marked)', async () => {
		const { output, error } = await run(sandbox, get());
		expect(error).toBeUndefined();
		const json = output![0][0].json;
		expect(json).toMatchObject({ client_id: '2', owner_user_id: '2', id: '2', userid: '2', email: 'accounts@doe.example.com', status: 'Active', allowSingleSignOn: true, email_verified: true, currency: '1' });
		expect(json.users).toEqual([
			{ id: '2', name: 'Jane Doe', email: 'jane.doe@example.com', is_owner: true },
			{ id: '1', name: 'John Smith', email: 'john.smith@example.net', is_owner: false },
		]);
		expect(json.stats).toBeUndefined();
		expect(json.result).toBeUndefined();
		expect(sandbox.calls()[0].fields).toEqual(['action', 'clientid', 'identifier', 'secret', 'responsetype']);
	});

	it('finds a client by its email, adds stats only when asked (sent as "1"), and keeps a WHMCS warning', async () => {
		sandbox.setSwitches({ clientsDetailsWarning: true });
		const { output } = await run(sandbox, get({ identifyBy: 'email', email: 'BILLING@smith.example.net', options: { includeStats: true } }));
		expect(output![0][0].json).toMatchObject({ client_id: '1', stats: { numdueinvoices: 2 }, warning: expect.stringMatching(/^Credit Card related parameters/) });
		expect(new URLSearchParams(sandbox.requests()[0].body).get('stats')).toBe('1');
		// Persian names come back intact through PHP's \u escapes.
		expect((await run(sandbox, get({ clientId: '4' }))).output![0][0].json).toMatchObject({ firstname: 'علی', companyname: 'شرکت نمونه', allowSingleSignOn: true });
	});

	it('reports Client Not Found and validates the ID first', async () => {
		expect((await run(sandbox, get({ clientId: '999' }))).error?.message).toBe('WHMCS error Client Not Found: No WHMCS client has this client ID or email address (HTTP 200)');
		expect((await run(sandbox, get({ clientId: '1.5' }))).error?.message).toBe('Item 1: "Client ID" must be a positive whole number, got "1.5"');
		expect((await run(sandbox, get({ clientId: 9007199254740993 }))).error?.message).toBe('Item 1: "Client ID" holds a number that has lost digits: 9007199254740992');
		expect(actions(sandbox)).toEqual(['GetClientsDetails']);
	});

	it('retries after a lost answer (a read), and gives up after three attempts', async () => {
		sandbox.injectFault({ route: 'GetClientsDetails', kind: 'resetAfter' });
		expect((await run(sandbox, get())).error).toBeUndefined();
		expect(actions(sandbox)).toEqual(['GetClientsDetails', 'GetClientsDetails']);
		sandbox.clearRequests();
		sandbox.injectFault({ route: 'GetClientsDetails', kind: 'http500', times: 5 });
		const { error } = await run(sandbox, get());
		expect(error?.message).toMatch(/^WHMCS error: Unexpected response: .*\(HTTP 500\)$/);
		expect(actions(sandbox)).toHaveLength(3);
	});
});

describe('Client → Create SSO Token', () => {
	const sso = (extra: Record<string, unknown> = {}) => ({ resource: 'client', operation: 'createSsoToken', clientId: '1', userId: '', options: {}, ...extra });

	it('outputs the token and the sign-in URL, valid for 60 seconds', async () => {
		const { output } = await run(sandbox, sso());
		const json = output![0][0].json;
		expect(json).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{40}$/), redirect_url: expect.any(String), valid_for_seconds: 60 });
		expect(json.redirect_url).toBe(`${sandbox.url}/oauth/singlesignon.php?access_token=${json.access_token}`);
		expect(sandbox.ssoTokens()).toEqual([expect.objectContaining({ token: json.access_token, clientId: 1, userId: 1 })]);
	});

	it('sends a user alone, or both, and a custom redirect path (which implies sso:custom_redirect)', async () => {
		await run(sandbox, sso({ clientId: '', userId: '2' }));
		await run(sandbox, sso({ clientId: '2', userId: '1', options: { ssoRedirectPath: '/cart.php?a=view' } }));
		await run(sandbox, sso({ options: { destination: 'clientarea:product_details', serviceId: '101' } }));
		expect(sandbox.ssoTokens().map((t) => [t.clientId, t.userId, t.destination, t.redirectPath, t.serviceId])).toEqual([
			[2, 2, 'clientarea:homepage', undefined, undefined],
			[2, 1, 'sso:custom_redirect', '/cart.php?a=view', undefined],
			[1, 1, 'clientarea:product_details', undefined, 101],
		]);
	});

	it('validates before sending: an ID is needed, paths stay on the installation', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ clientId: '' }, 'Item 1: "Client ID" and "User ID" are both empty'],
			[{ userId: 'x' }, 'Item 1: "User ID" must be a positive whole number, got "x"'],
			[{ options: { ssoRedirectPath: 'https://evil.example/steal' } }, 'Item 1: "Redirect Path" must be a path on your WHMCS installation starting with /, got "https://evil.example/steal"'],
			[{ options: { ssoRedirectPath: '//evil.example' } }, 'Item 1: "Redirect Path" must be a path on your WHMCS installation starting with /, got "//evil.example"'],
			[{ options: { destination: 'services' } }, 'Item 1: "Destination" is not a WHMCS destination: "services"'],
			[{ options: { serviceId: 'abc' } }, 'Item 1: "Service ID" must be a positive whole number, got "abc"'],
		];
		for (const [extra, message] of cases) expect((await run(sandbox, sso(extra))).error?.message).toBe(message);
		expect(actions(sandbox)).toEqual([]);
	});

	it("reports WHMCS's refusals", async () => {
		expect((await run(sandbox, sso({ clientId: '3' }))).error?.message).toBe(
			'WHMCS error SSO authentication blocked for client 3: Single sign-on is turned off for this client in WHMCS (HTTP 200)',
		);
		expect((await run(sandbox, sso({ clientId: '1', userId: '2' }))).error?.message).toMatch(/^WHMCS error Invalid user_id for client:/);
		expect((await run(sandbox, sso({ options: { destination: 'clientarea:nowhere' } }))).error?.message).toMatch(/^WHMCS error Invalid destination:/);
		expect(sandbox.ssoTokens()).toEqual([]);
	});

	it('is never resent after a lost answer, and the error carries no token', async () => {
		sandbox.injectFault({ route: 'CreateSsoToken', kind: 'truncatedJson' });
		const { output } = await run(sandbox, sso(), { continueOnFail: true });
		expect(output![0][0].json).toMatchObject({ mayHaveBeenAccepted: true, httpCode: '200' });
		expect(actions(sandbox)).toEqual(['CreateSsoToken']);
		const [token] = sandbox.ssoTokens();
		expectNoSecrets(output, [token.token, ...sandboxSecrets(sandbox)]);
	});
});

describe('Email → Send', () => {
	const send = (extra: Record<string, unknown> = {}) => ({
		resource: 'email',
		operation: 'send',
		mode: 'template',
		templateName: 'Client Signup Email',
		relatedId: '1',
		customVariables: {},
		...extra,
	});

	it('sends a template with custom variables as base64(serialize(array)), Persian text intact', async () => {
		const vars = { variable: [{ name: 'code', value: '۱۲۳۴' }, { name: 'greeting', value: 'سلام & <b>hi</b>' }] };
		const { output } = await run(sandbox, send({ customVariables: vars }));
		expect(output![0][0].json).toEqual({ sent: true, template: 'Client Signup Email', relatedId: '1' });
		expect(sandbox.sentEmails()).toEqual([
			expect.objectContaining({ template: 'Client Signup Email', relatedId: 1, customvars: { code: '۱۲۳۴', greeting: 'سلام & <b>hi</b>' } }),
		]);
		const sentVars = new URLSearchParams(sandbox.requests()[0].body).get('customvars')!;
		expect(Buffer.from(sentVars, 'base64').toString('utf8')).toBe(serializeFlatArray({ code: '۱۲۳۴', greeting: 'سلام & <b>hi</b>' }));
	});

	it('sends a custom message to the right kind of related ID', async () => {
		const { output } = await run(sandbox, send({ mode: 'custom', customType: 'product', subject: 'Welcome', body: '<p>Hi</p>', relatedId: '101' }));
		expect(output![0][0].json).toEqual({ sent: true, type: 'product', subject: 'Welcome', relatedId: '101' });
		expect(sandbox.sentEmails()).toEqual([expect.objectContaining({ type: 'product', subject: 'Welcome', message: '<p>Hi</p>', relatedId: 101 })]);
		expect((await run(sandbox, send({ mode: 'custom', customType: 'invoice', subject: 'S', body: 'B', relatedId: '101' }))).error?.message).toBe(
			"WHMCS error Sending Failed. Please see documentation.: WHMCS did not send the email: the related ID may be wrong for the template's type, the template may render empty, a hook may have stopped it, or the mailer failed (see WHMCS's activity log) (HTTP 200)",
		);
	});

	it('refuses the password-reset templates and bad variables before sending', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ templateName: 'password reset validation' }, 'Item 1: "Template Name" is a template WHMCS cannot send through the API: "password reset validation"'],
			[{ templateName: 'Order Confirmation' }, 'Item 1: "Template Name" is a template WHMCS cannot send through the API: "Order Confirmation"'],
			[{ customVariables: { variable: [{ name: '1st', value: 'x' }] } }, 'Item 1: "Custom Variables" has an invalid name: "1st"'],
			[{ customVariables: { variable: [{ name: 'a', value: 'x' }, { name: 'a', value: 'y' }] } }, 'Item 1: "Custom Variables" has the name "a" twice'],
			[{ relatedId: '={{ "" }}' }, 'Item 1: "Related ID" is empty'],
			[{ mode: 'custom', customType: 'general', subject: '={{ " " }}', body: 'B' }, 'Item 1: "Subject" is empty'],
		];
		for (const [extra, message] of cases) expect((await run(sandbox, send(extra))).error?.message).toBe(message);
		const reset = await run(sandbox, send({ templateName: 'Password Reset Validation' }));
		expect((reset.error as { description?: string }).description).toBe('To send a password-reset email, use User → Reset Password.');
		expect(actions(sandbox)).toEqual([]);
	});

	it("reports WHMCS's template errors, Continue On Fail per item", async () => {
		const input = items({ t: 'No Such Template' }, { t: 'Retired Newsletter' }, { t: 'Client Signup Email' });
		const { output } = await run(sandbox, send({ templateName: '={{ $json.t }}' }), { items: input, continueOnFail: true });
		expect(output![0].map((item) => [item.json.errorCode ?? item.json.sent, item.pairedItem])).toEqual([
			['Email Template not found', { item: 0 }],
			['Email Template is disabled', { item: 1 }],
			[true, { item: 2 }],
		]);
		expect(sandbox.sentEmails()).toHaveLength(1);
	});

	it('is never resent after a server error', async () => {
		sandbox.injectFault({ route: 'SendEmail', kind: 'http503', times: 3 });
		const { error } = await run(sandbox, send());
		expect(error?.message).toMatch(/\(HTTP 503\)$/);
		expect((error as { description?: string }).description).toMatch(/may have accepted this request/);
		expect(actions(sandbox)).toEqual(['SendEmail']);
	});
});
