/** The WHMCS message and status tables: complete, consistent with the emulator, and never optimistic. */
import {
	WHMCS_ACTION_NAMES,
	WHMCS_ACTIONS,
	WHMCS_KNOWN_WARNINGS,
	WHMCS_MESSAGES,
	classifyResult,
	describeHttpStatus,
	describeWhmcsError,
	lookupWhmcsAction,
	lookupWhmcsMessage,
} from '../../nodes/Whmcs/transport/codes';
import { ACTIONS as SANDBOX_ACTIONS, MSG, UNDOCUMENTED_ERROR } from '../../sandbox/whmcs/constants';

describe('result', () => {
	it('is a success only for the exact string "success"', () => {
		expect(classifyResult('success')).toBe('success');
		expect(classifyResult('error')).toBe('error');
		for (const v of ['Success', 'SUCCESS', ' success', 'ok', '', true, 1, null, undefined, { result: 'success' }]) {
			expect(classifyResult(v)).toBe('unknown');
		}
	});
});

describe('messages', () => {
	it('has unique keys and unique texts, each for known actions', () => {
		const keys = WHMCS_MESSAGES.map((e) => e.key);
		expect(new Set(keys).size).toBe(keys.length);
		const texts = WHMCS_MESSAGES.map((e) => e.message);
		expect(new Set(texts).size).toBe(texts.length);
		for (const e of WHMCS_MESSAGES) {
			if (e.actions !== 'any') for (const a of e.actions) expect(WHMCS_ACTION_NAMES).toContain(a);
			expect(e.text).toMatch(/^[A-Z]/);
			expect(e.text).not.toMatch(/\.$/);
		}
	});

	it("holds the seed's three ResetPassword texts exactly", () => {
		const seed = WHMCS_MESSAGES.filter((e) => e.origin === 'seed');
		expect(seed.map((e) => e.message).sort()).toEqual(
			['Please enter the email address or provide the id', 'Please provide a valid email address', 'User Not Found'].sort(),
		);
		expect(seed.every((e) => e.actions !== 'any' && e.actions.includes('ResetPassword'))).toBe(true);
		expect(describeWhmcsError('User Not Found')).toMatchObject({ class: 'notFound', known: true, key: 'userNotFound' });
		expect(describeWhmcsError('Please provide a valid email address').class).toBe('invalidInput');
		expect(describeWhmcsError('Please enter the email address or provide the id').class).toBe('invalidInput');
	});

	it('knows every text the emulator can answer, with the class a user needs', () => {
		const expected: Array<[string, string]> = [
			[MSG.authFailed, 'credentials'],
			[MSG.invalidIp('127.0.0.1'), 'ipNotAllowed'],
			[MSG.invalidIp('2001:db8::1'), 'ipNotAllowed'],
			[MSG.notAllowed('whmcsdetails'), 'permission'],
			[MSG.commandNotFound, 'unknownAction'],
			[MSG.resetNeedIdOrEmail, 'invalidInput'],
			[MSG.resetInvalidEmail, 'invalidInput'],
			[MSG.userNotFound, 'notFound'],
			[MSG.clientIdOrEmailRequired, 'invalidInput'],
			[MSG.clientNotFound, 'notFound'],
			[MSG.loginInvalid, 'loginInvalid'],
			[MSG.ssoInvalidClient, 'notFound'],
			[MSG.ssoInvalidUser, 'notFound'],
			[MSG.ssoUserNotOfClient, 'invalidInput'],
			[MSG.ssoNeedClientOrUser, 'invalidInput'],
			[MSG.ssoInvalidDestination, 'invalidInput'],
			[MSG.ssoNotProvisioned('storage unavailable'), 'failed'],
			[MSG.ssoBlocked(3), 'refused'],
			[MSG.invalidUserId, 'notFound'],
			[MSG.updateNeedsField, 'invalidInput'],
			[MSG.emailNotValid, 'invalidInput'],
			[MSG.emailTaken, 'conflict'],
			[MSG.noFirstName, 'invalidInput'],
			[MSG.noLastName, 'invalidInput'],
			[MSG.noEmail, 'invalidInput'],
			[MSG.noPassword, 'invalidInput'],
			[MSG.sendNeedTemplateOrType, 'invalidInput'],
			[MSG.sendInvalidType, 'invalidInput'],
			[MSG.sendNeedSubject, 'invalidInput'],
			[MSG.sendNeedBody, 'invalidInput'],
			[MSG.sendInvalidVars, 'invalidInput'],
			[MSG.sendNeedRelatedId, 'invalidInput'],
			[MSG.templateNotFound, 'notFound'],
			[MSG.templateDisabled, 'refused'],
			[MSG.sendingFailed, 'failed'],
		];
		for (const [message, cls] of expected) expect([message, describeWhmcsError(message).class]).toEqual([message, cls]);
		// Every string text of the emulator is covered by the list above.
		const emulatorTexts = (Object.values(MSG) as unknown[]).filter((v): v is string => typeof v === 'string' && v !== MSG.clientsDetailsWarning);
		expect(emulatorTexts.length).toBe(expected.length - 5);
		for (const t of emulatorTexts) expect(lookupWhmcsMessage(t)).toBeDefined();
		expect(WHMCS_KNOWN_WARNINGS).toContain(MSG.clientsDetailsWarning);
	});

	it('extracts the variable part of patterned texts', () => {
		expect(lookupWhmcsMessage('Invalid Permissions: API action "resetpassword" is not allowed')?.params).toEqual({ action: 'resetpassword' });
		expect(lookupWhmcsMessage('Invalid IP 203.0.113.9')?.params).toEqual({ ip: '203.0.113.9' });
		expect(lookupWhmcsMessage('SSO authentication blocked for client 42')?.params).toEqual({ clientId: '42' });
		expect(lookupWhmcsMessage('Token could not be provisioned: x')?.params).toEqual({ reason: 'x' });
		expect(lookupWhmcsMessage('  User Not Found \n')?.entry.key).toBe('userNotFound');
	});

	it('treats an undocumented, empty or differently written text as an unknown error', () => {
		for (const m of [UNDOCUMENTED_ERROR, 'user not found', 'User Not Found.', 'Invalid IP', 'Invalid Permissions', 'success', '']) {
			const d = describeWhmcsError(m);
			expect([m, d.class, d.known]).toEqual([m, 'unknown', false]);
		}
		expect(describeWhmcsError(undefined)).toMatchObject({ class: 'unknown', known: false });
	});

	it('tells the three access failures apart with what to do', () => {
		expect(describeWhmcsError(MSG.authFailed).text).toMatch(/identifier and secret/);
		expect(describeWhmcsError(MSG.notAllowed('whmcsdetails')).text).toMatch(/API role/);
		expect(describeWhmcsError(MSG.invalidIp('127.0.0.1')).text).toMatch(/allow list.*access key/);
	});
});

describe('actions', () => {
	it('lists the same actions as the emulator, matched case-insensitively', () => {
		expect([...WHMCS_ACTION_NAMES].sort()).toEqual([...SANDBOX_ACTIONS].sort());
		expect(lookupWhmcsAction('resetpassword')).toBe('ResetPassword');
		expect(lookupWhmcsAction(' WHMCSDETAILS ')).toBe('WhmcsDetails');
		expect(lookupWhmcsAction('GetUser')).toBeUndefined();
	});

	it('never marks an action with a one-off side effect as safe to repeat', () => {
		for (const a of ['ResetPassword', 'ValidateLogin', 'CreateSsoToken', 'SendEmail', 'AddUser'] as const) {
			expect([a, WHMCS_ACTIONS[a].safeToRepeat]).toEqual([a, false]);
			expect(WHMCS_ACTIONS[a].sideEffect).toEqual(expect.any(String));
		}
		for (const a of ['GetUsers', 'GetClientsDetails', 'WhmcsDetails', 'GetAdminDetails'] as const) {
			expect(WHMCS_ACTIONS[a]).toMatchObject({ sideEffect: null, safeToRepeat: true });
		}
		expect(WHMCS_ACTIONS.GetUsers.minVersion).toBe('8.1.0');
		expect(WHMCS_ACTIONS.ResetPassword.minVersion).toBe('8.0.0');
	});
});

describe('HTTP statuses', () => {
	it('lets the body decide on 2xx, and says which failures prove nothing was done', () => {
		expect(describeHttpStatus(200)).toMatchObject({ class: 'body', provesNotProcessed: false });
		expect(describeHttpStatus(403)).toMatchObject({ class: 'forbidden', provesNotProcessed: true });
		expect(describeHttpStatus(403).text).toMatch(/allow list.*access key/);
		expect(describeHttpStatus(404)).toMatchObject({ class: 'notFound', provesNotProcessed: true });
		expect(describeHttpStatus(429)).toMatchObject({ class: 'rateLimited', provesNotProcessed: true });
		for (const s of [500, 502, 503, 504]) {
			expect(describeHttpStatus(s)).toMatchObject({ class: 'serverError', provesNotProcessed: false });
			expect(describeHttpStatus(s).text).toMatch(/may have been processed/);
		}
		expect(describeHttpStatus(302)).toMatchObject({ class: 'unexpected', provesNotProcessed: false });
		expect(describeHttpStatus(401)).toMatchObject({ class: 'unexpected', provesNotProcessed: false });
	});
});
