/** WHMCS node, User resource, through n8n's engine against the loopback WHMCS. */
import type { INodeParameters } from 'n8n-workflow';

import { startWhmcsSandbox, type WhmcsSandbox } from '../../sandbox/whmcs';
import { actions, expectNoSecrets, items, run, sandboxSecrets } from './setup';

let sandbox: WhmcsSandbox;
beforeAll(async () => {
	sandbox = await startWhmcsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const reset = (extra: Record<string, unknown> = {}) => ({ resource: 'user', operation: 'resetPassword', identifyBy: 'email', email: 'jane.doe@example.com', options: {}, ...extra });

describe('User → Reset Password', () => {
	it('starts a reset by email: one ResetPassword call with only the email, one reset email', async () => {
		const { output, error } = await run(sandbox, reset());
		expect(error).toBeUndefined();
		expect(output![0]).toEqual([{ json: { requested: true, email: 'jane.doe@example.com' }, pairedItem: { item: 0 } }]);
		expect(sandbox.calls()).toEqual([
			expect.objectContaining({ action: 'ResetPassword', auth: 'apiCredential', responseType: 'json', fields: ['action', 'email', 'identifier', 'secret', 'responsetype'] }),
		]);
		expect(sandbox.resetEmails().map((e) => e.userId)).toEqual([2]);
	});

	it('starts a reset by user ID, sending only the id', async () => {
		const { output } = await run(sandbox, reset({ identifyBy: 'userId', userId: '۱' }));
		expect(output![0][0].json).toEqual({ requested: true, userId: '1' });
		expect(sandbox.calls()[0].fields).toEqual(['action', 'id', 'identifier', 'secret', 'responsetype']);
		expect(sandbox.resetEmails().map((e) => e.userId)).toEqual([1]);
	});

	it("reports WHMCS's User Not Found with its text as the code, and sends nothing", async () => {
		const { error } = await run(sandbox, reset({ email: 'nobody@example.com' }));
		expect(error?.message).toBe('WHMCS error User Not Found: No WHMCS user has this user ID or email address (HTTP 200)');
		expect(sandbox.resetEmails()).toEqual([]);
		const byId = await run(sandbox, reset({ identifyBy: 'userId', userId: '999' }));
		expect(byId.error?.message).toMatch(/^WHMCS error User Not Found:/);
	});

	it('can treat User Not Found as success, with the very same item', async () => {
		const found = await run(sandbox, reset({ options: { notFoundAsSuccess: true } }));
		const missing = await run(sandbox, reset({ email: 'nobody@example.com', options: { notFoundAsSuccess: true } }));
		expect(missing.error).toBeUndefined();
		expect(Object.keys(missing.output![0][0].json)).toEqual(Object.keys(found.output![0][0].json));
		expect(missing.output![0][0].json).toEqual({ requested: true, email: 'nobody@example.com' });
		expect(sandbox.resetEmails()).toHaveLength(1);
		// Other errors still fail.
		sandbox.setAllowedIps([]);
		expect((await run(sandbox, reset({ options: { notFoundAsSuccess: true } }))).error?.message).toMatch(/Invalid IP/);
	});

	it("passes on WHMCS's stricter email check (the seed's \"Please provide a valid email address\")", async () => {
		const { error } = await run(sandbox, reset({ email: 'jane..doe@example.com' }));
		expect(error?.message).toBe('WHMCS error Please provide a valid email address: WHMCS did not accept the email address as valid (HTTP 200)');
	});

	it('validates every item before any request: empty or malformed fields name the item and field', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ email: '={{ "" }}' }, 'Item 1: "Email" is empty'],
			[{ email: 'not-an-email' }, 'Item 1: "Email" is not an email address: "not-an-email"'],
			[{ identifyBy: 'userId', userId: '={{ " " }}' }, 'Item 1: "User ID" is empty'],
			[{ identifyBy: 'userId', userId: 'abc' }, 'Item 1: "User ID" must be a positive whole number, got "abc"'],
			[{ identifyBy: 'userId', userId: '0' }, 'Item 1: "User ID" must be a positive whole number, got "0"'],
		];
		for (const [extra, message] of cases) expect((await run(sandbox, reset(extra))).error?.message).toBe(message);
		const second = await run(sandbox, reset({ email: '={{ $json.email }}' }), { items: items({ email: 'jane.doe@example.com' }, { email: 'bad' }) });
		expect(second.error?.message).toBe('Item 2: "Email" is not an email address: "bad"');
		expect(actions(sandbox)).toEqual([]);
		expect(sandbox.resetEmails()).toEqual([]);
	});

	it('Continue On Fail: one item per input, paired, with the WHMCS text as errorCode', async () => {
		const input = items({ email: 'jane.doe@example.com' }, { email: 'nobody@example.com' }, { email: 'bad' }, { email: 'john.smith@example.net' });
		const { output } = await run(sandbox, reset({ email: '={{ $json.email }}' }), { items: input, continueOnFail: true });
		expect(output![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output![0][0].json).toEqual({ requested: true, email: 'jane.doe@example.com' });
		expect(output![0][1].json).toMatchObject({ errorCode: 'User Not Found', httpCode: '200', mayHaveBeenAccepted: false });
		expect(output![0][2].json.error).toBe('Item 3: "Email" is not an email address: "bad"');
		expect(output![0][3].json).toEqual({ requested: true, email: 'john.smith@example.net' });
		expect(actions(sandbox)).toEqual(['ResetPassword', 'ResetPassword', 'ResetPassword']);
		expect(sandbox.resetEmails().map((e) => e.userId)).toEqual([2, 1]);
	});

	it.each([
		['resetAfter', 1],
		['resetBefore', 0],
		['http500', 0],
		['http503', 0],
		['truncatedJson', 1],
		['htmlBody', 0],
		['emptyBody', 0],
	] as const)('never resends after an ambiguous failure (%s) and says the email may have gone out', async (kind, emails) => {
		sandbox.injectFault({ route: 'ResetPassword', kind, times: 5 });
		const { error } = await run(sandbox, reset());
		expect(error).toBeDefined();
		expect((error as { description?: string }).description).toMatch(/may have accepted this request/);
		expect(actions(sandbox)).toEqual(['ResetPassword']);
		expect(sandbox.resetEmails()).toHaveLength(emails);

		const { output } = await run(sandbox, reset(), { continueOnFail: true });
		expect(output![0]).toEqual([{ json: expect.objectContaining({ mayHaveBeenAccepted: true }), pairedItem: { item: 0 } }]);
		expect(actions(sandbox)).toEqual(['ResetPassword', 'ResetPassword']);
	});

	it('marks an undocumented WHMCS error as possibly accepted', async () => {
		sandbox.injectFault({ route: 'ResetPassword', kind: 'failure200' });
		const { output } = await run(sandbox, reset(), { continueOnFail: true });
		expect(output![0][0].json).toMatchObject({
			error: 'WHMCS error An unexpected error occurred. Please contact support.: WHMCS answered an error it does not document (HTTP 200)',
			errorCode: 'An unexpected error occurred. Please contact support.',
			mayHaveBeenAccepted: true,
		});
		expect(actions(sandbox)).toEqual(['ResetPassword']);
	});
});

describe('User → Get Many', () => {
	const getMany = (extra: Record<string, unknown> = {}) => ({ resource: 'user', operation: 'getMany', search: '', returnAll: false, limit: 50, options: {}, ...extra });

	it('searches by prefix and outputs ids as text, owner flags as booleans', async () => {
		const { output } = await run(sandbox, getMany({ search: 'john.smith@example.net' }));
		expect(output![0].map((item) => item.json)).toEqual([
			{
				id: '1',
				firstname: 'John',
				lastname: 'Smith',
				email: 'john.smith@example.net',
				datecreated: '2020-12-15 15:29:49',
				validationdata: '',
				clients: [
					{ id: '1', isOwner: true },
					{ id: '2', isOwner: false },
				],
			},
			expect.objectContaining({ id: '3', email: 'john.smith@example.net.au', clients: [{ id: '3', isOwner: true }] }),
		]);
		expect(output![0].every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('asks for only the limit, and pages through everything with Return All (250 per request)', async () => {
		for (let i = 0; i < 600; i++) sandbox.addUser({ email: `bulk${i}@example.com` });
		const limited = await run(sandbox, getMany({ limit: 3, options: { sorting: 'DESC' } }));
		expect(limited.output![0].map((item) => item.json.id)).toEqual(['605', '604', '603']);
		expect(sandbox.requests().map((r) => new URLSearchParams(r.body).get('limitnum'))).toEqual(['3']);
		sandbox.clearRequests();

		const all = await run(sandbox, getMany({ returnAll: true }));
		expect(all.output![0]).toHaveLength(605);
		expect(new Set(all.output![0].map((item) => item.json.id)).size).toBe(605);
		expect(sandbox.requests().map((r) => [new URLSearchParams(r.body).get('limitstart'), new URLSearchParams(r.body).get('limitnum')])).toEqual([
			['0', '250'],
			['250', '250'],
			['500', '250'],
		]);
	});

	it('outputs nothing for a search without matches, and validates the limit', async () => {
		const { output } = await run(sandbox, getMany({ search: 'zzz' }));
		expect(output![0]).toEqual([]);
		const bad = await run(sandbox, getMany({ limit: 0 }));
		expect(bad.error?.message).toBe('Item 1: "Limit" must be a whole number of at least 1, got 0');
		expect(actions(sandbox)).toEqual(['GetUsers']);
	});

	it('retries a read after a server error (GetUsers is safe to repeat)', async () => {
		sandbox.injectFault({ route: 'GetUsers', kind: 'http503' });
		const { output, error } = await run(sandbox, getMany({ search: 'jane' }));
		expect(error).toBeUndefined();
		expect(output![0].map((item) => item.json.id)).toEqual(['2']);
		expect(actions(sandbox)).toEqual(['GetUsers', 'GetUsers']);
	});
});

describe('User → Get by Email', () => {
	const byEmail = (email: string) => ({ resource: 'user', operation: 'getByEmail', email });

	it('keeps only the exact match (letter case aside), although the search is a prefix match', async () => {
		const { output } = await run(sandbox, byEmail('JOHN.Smith@example.net'));
		expect(output![0]).toHaveLength(1);
		expect(output![0][0].json).toMatchObject({ id: '1', email: 'john.smith@example.net' });
	});

	it('fails on no match and on several matches, naming the item', async () => {
		const none = await run(sandbox, byEmail('john.smith@example.ne'));
		expect(none.error?.message).toBe('Item 1: no WHMCS user has the email address "john.smith@example.ne"');
		sandbox.addUser({ email: 'Jane.Doe@example.com', allowDuplicateEmail: true });
		const two = await run(sandbox, byEmail('jane.doe@example.com'));
		expect(two.error?.message).toBe('Item 1: 2 WHMCS users have the email address "jane.doe@example.com"');
		expect((two.error as { description?: string }).description).toBe('User IDs: 2, 6');
	});

	it('pages through long prefix matches to find the exact one', async () => {
		for (let i = 0; i < 300; i++) sandbox.addUser({ email: `pat@example.co.x${i}` });
		const exact = sandbox.addUser({ email: 'pat@example.co' });
		const { output } = await run(sandbox, byEmail('pat@example.co'));
		expect(output![0].map((item) => item.json.id)).toEqual([String(exact.id)]);
		expect(actions(sandbox)).toEqual(['GetUsers', 'GetUsers']);
	});
});

describe('User → Update', () => {
	const update = (fields: INodeParameters, userId = '3'): INodeParameters => ({ resource: 'user', operation: 'update', userId, updateFields: fields });

	it('sends only the given fields and outputs them with the user ID', async () => {
		const { output } = await run(sandbox, update({ email: 'johnny@example.org', language: 'French' }));
		expect(output![0][0].json).toEqual({ user_id: '3', email: 'johnny@example.org', language: 'french' });
		expect(sandbox.calls()[0].fields).toEqual(['action', 'user_id', 'email', 'language', 'identifier', 'secret', 'responsetype']);
		expect(sandbox.users().find((u) => u.id === 3)).toMatchObject({ email: 'johnny@example.org', language: 'french' });
	});

	it('validates before sending', async () => {
		expect((await run(sandbox, update({}))).error?.message).toBe('Item 1: "Update Fields" has nothing to update');
		expect((await run(sandbox, update({ email: 'x' }))).error?.message).toBe('Item 1: "Email" is not an email address: "x"');
		expect((await run(sandbox, update({ language: 'Fr ench' }))).error?.message).toBe('Item 1: "Language" is not a WHMCS language name: "Fr ench"');
		expect((await run(sandbox, update({ firstname: 'X' }, '-3'))).error?.message).toBe('Item 1: "User ID" must be a positive whole number, got "-3"');
		expect(actions(sandbox)).toEqual([]);
	});

	it("reports WHMCS's refusals", async () => {
		expect((await run(sandbox, update({ email: 'jane.doe@example.com' }))).error?.message).toBe(
			'WHMCS error A user already exists with that email address: Another WHMCS user already has this email address (HTTP 200)',
		);
		expect((await run(sandbox, update({ firstname: 'X' }, '999'))).error?.message).toMatch(/^WHMCS error Invalid User ID requested:/);
	});

	it('may be sent again after a server error (setting the same values twice changes nothing more)', async () => {
		sandbox.injectFault({ route: 'UpdateUser', kind: 'http500' });
		const { error } = await run(sandbox, update({ firstname: 'Jon' }));
		expect(error).toBeUndefined();
		expect(actions(sandbox)).toEqual(['UpdateUser', 'UpdateUser']);
	});
});

describe('User → Create', () => {
	const create = (extra: Record<string, unknown> = {}) => ({
		resource: 'user',
		operation: 'create',
		firstname: 'New',
		lastname: 'Person',
		email: 'new.person@example.com',
		password: 'Very-Secret-Pass-1',
		additionalFields: {},
		...extra,
	});

	it('creates the user; the password is never in the output or the request log', async () => {
		const { output } = await run(sandbox, create({ additionalFields: { language: 'farsi' } }));
		expect(output![0][0].json).toEqual({ user_id: '6', firstname: 'New', lastname: 'Person', email: 'new.person@example.com', language: 'farsi' });
		expect(sandbox.users().find((u) => u.id === 6)).toMatchObject({ email: 'new.person@example.com', password: 'Very-Secret-Pass-1', language: 'farsi' });
		expect(JSON.stringify(sandbox.requests())).not.toContain('Very-Secret-Pass-1');
		expect(sandbox.requests()[0].body).toContain('password2=***');
	});

	it('validates, reports duplicates, and is never resent', async () => {
		expect((await run(sandbox, create({ password: '={{ $json.password }}' }))).error?.message).toBe('Item 1: "Password" is empty');
		expect((await run(sandbox, create({ lastname: ' ' }))).error?.message).toBe('Item 1: "Last Name" is empty');
		expect(actions(sandbox)).toEqual([]);
		const dup = await run(sandbox, create({ email: 'JANE.DOE@example.com' }));
		expect(dup.error?.message).toMatch(/^WHMCS error A user already exists with that email address/);
		expectNoSecrets(dup, ['Very-Secret-Pass-1']);
		sandbox.injectFault({ route: 'AddUser', kind: 'resetAfter' });
		const lost = await run(sandbox, create());
		expect((lost.error as { description?: string }).description).toMatch(/may have accepted/);
		expect(actions(sandbox)).toEqual(['AddUser', 'AddUser']);
		expect(sandbox.users()).toHaveLength(6);
	});
});

describe('User → Validate Login', () => {
	const validate = (email: string, password: string, options: INodeParameters = {}): INodeParameters => ({ resource: 'user', operation: 'validateLogin', email, password, options });

	it('outputs valid with the user ID as text and two-factor as a boolean; the session hash only when asked', async () => {
		const plain = await run(sandbox, validate('john.smith@example.net', 'Correct-Horse-1'));
		expect(plain.output![0][0].json).toEqual({ valid: true, email: 'john.smith@example.net', userid: '1', twoFactorEnabled: false });
		const withHash = await run(sandbox, validate('john.smith@example.net', 'Correct-Horse-1', { includeSessionHash: true }));
		expect(withHash.output![0][0].json.passwordhash).toMatch(/^[A-Za-z0-9]{40}$/);
		const twoFactor = await run(sandbox, validate('ali.rezaei@example.ir', 'Tehran-1404', { includeSessionHash: true }));
		expect(twoFactor.output![0][0].json).toEqual({ valid: true, email: 'ali.rezaei@example.ir', userid: '4', twoFactorEnabled: true });
		expect(sandbox.users().find((u) => u.id === 1)!.lastlogin).toBeInstanceOf(Date);
	});

	it('answers valid: false for a wrong password, and never shows the password', async () => {
		const { output } = await run(sandbox, validate('john.smith@example.net', 'Wrong-Guess-99'));
		expect(output![0][0].json).toEqual({ valid: false, email: 'john.smith@example.net', userid: '', twoFactorEnabled: false });
		expectNoSecrets(output, ['Wrong-Guess-99']);
		expect(JSON.stringify(sandbox.requests())).not.toContain('Wrong-Guess-99');
	});

	it('is never resent (each call moves the last-login time)', async () => {
		sandbox.injectFault({ route: 'ValidateLogin', kind: 'http500' });
		const { output } = await run(sandbox, validate('john.smith@example.net', 'Correct-Horse-1'), { continueOnFail: true });
		expect(output![0][0].json).toMatchObject({ httpCode: '500', mayHaveBeenAccepted: true });
		expectNoSecrets(output, ['Correct-Horse-1', ...sandboxSecrets(sandbox)]);
		expect(actions(sandbox)).toEqual(['ValidateLogin']);
	});
});
