/**
 * Issue → a provider's Send OTP with Code Source "From Input" → Verify, each node through n8n's
 * engine against its emulator: the code the person receives is the one that verifies, and no Send
 * OTP output repeats it.
 */
import { startAmootSmsSandbox, type AmootSmsSandbox } from '../../sandbox/amootsms';
import { startMelipayamakSandbox, type MelipayamakSandbox } from '../../sandbox/melipayamak';
import { startSepahanGostarSandbox, type SepahanGostarSandbox } from '../../sandbox/sepahangostar';
import { startWhmcsSandbox, type WhmcsSandbox } from '../../sandbox/whmcs';
import { run as runAmoot } from '../amootsms/setup';
import { run as runMeli } from '../melipayamak/setup';
import { run as runSepahan } from '../sepahangostar/setup';
import { run as runWhmcs } from '../whmcs/setup';
import { issue, items, otherCode, startDataTablesSandbox, verify, type DataTablesSandbox } from './setup';

let store: DataTablesSandbox;
let sepahan: SepahanGostarSandbox;
let meli: MelipayamakSandbox;
let amoot: AmootSmsSandbox;
let whmcs: WhmcsSandbox;
beforeAll(async () => {
	[store, sepahan, meli, amoot, whmcs] = await Promise.all([
		startDataTablesSandbox(),
		startSepahanGostarSandbox(),
		startMelipayamakSandbox(),
		startAmootSmsSandbox(),
		startWhmcsSandbox(),
	]);
});
afterAll(async () => {
	await Promise.all([store.close(), sepahan.close(), meli.close(), amoot.close(), whmcs.close()]);
});
beforeEach(() => {
	store.reset();
	sepahan.reset();
	meli.reset();
	amoot.reset();
	whmcs.reset();
});

const PHONE = '09121234567';

test('SepahanGostar: the challenge code goes out in the text; the output has no code; it verifies', async () => {
	const issued = await issue(store, PHONE);
	const { output, error } = await runSepahan(
		sepahan,
		{ resource: 'sms', operation: 'sendOtp', from: '3000123456', to: '={{ $json.phone }}', codeSource: 'input', inputCode: '={{ $json.code }}', message: 'Code: {code}', options: {} },
		{ items: items(issued) },
	);
	expect(error).toBeUndefined();
	const [sent] = sepahan.sentMessages();
	expect(sent.text).toBe(`Code: ${issued.code as string}`);
	expect(output![0][0].json).not.toHaveProperty('code');
	expect(JSON.stringify(output)).not.toContain(`"${issued.code as string}"`);
	expect((await verify(store, PHONE, issued.code as string)).status).toBe('valid');
});

test('Melipayamak pattern: the challenge code fills {code}; the output has no code; it verifies', async () => {
	const issued = await issue(store, PHONE);
	const { output, error } = await runMeli(
		meli,
		{ resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: '={{ $json.phone }}', bodyId: 1002, variables: 'Ali;{code}', codeSource: 'input', inputCode: '={{ $json.code }}' },
		{ items: items(issued) },
	);
	expect(error).toBeUndefined();
	const [sent] = meli.sentMessages();
	expect(sent.text).toContain(issued.code as string);
	expect(output![0][0].json).toEqual({ to: PHONE, recId: sent.recId, bodyId: 1002, mode: 'pattern', status: 'accepted' });
	expect((await verify(store, PHONE, issued.code as string)).status).toBe('valid');
});

test('AmootSMS OTP pattern: the challenge code is the optional code; the output has no code; it verifies', async () => {
	const issued = await issue(store, PHONE, { codeLength: 5 });
	const { output, error } = await runAmoot(
		amoot,
		{ resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: '={{ $json.phone }}', codeSource: 'input', inputCode: '={{ $json.code }}', options: {} },
		{ items: items(issued) },
	);
	expect(error).toBeUndefined();
	const [sent] = amoot.sent();
	expect(sent.text).toContain(issued.code as string);
	expect(output![0][0].json).not.toHaveProperty('code');
	expect(output![0][0].json).toMatchObject({ status: 'sent', to: PHONE, codeLength: 5, mode: 'pattern' });
	expect(Object.keys(output![0][0].json).sort()).toEqual(['codeLength', 'messageId', 'mode', 'status', 'to']);
	expect((await verify(store, PHONE, issued.code as string)).status).toBe('valid');
});

test('WHMCS Email → Send: the challenge code is a custom variable of the email; the output has no code; the email address verifies', async () => {
	const issued = await issue(store, 'Billing@Smith.example.net');
	expect(issued.phone).toBe('billing@smith.example.net');
	const { output, error } = await runWhmcs(
		whmcs,
		{
			resource: 'email',
			operation: 'send',
			mode: 'custom',
			customType: 'general',
			relatedId: '1',
			subject: 'Your sign-in code',
			body: '<p>Your code is {$code}</p>',
			customVariables: { variable: [{ name: 'code', value: '={{ $json.code }}' }] },
		},
		{ items: items(issued) },
	);
	expect(error).toBeUndefined();
	const [sent] = whmcs.sentEmails();
	expect(sent).toMatchObject({ relatedId: 1, subject: 'Your sign-in code', customvars: { code: issued.code } });
	expect(output![0][0].json).toEqual({ sent: true, type: 'general', subject: 'Your sign-in code', relatedId: '1' });
	expect((await verify(store, 'billing@smith.example.net', otherCode(issued.code as string))).status).toBe('wrong');
	expect((await verify(store, 'BILLING@smith.example.net', issued.code as string)).status).toBe('valid');
});

test('a missing code from the input fails before any request, naming the field', async () => {
	const sg = await runSepahan(sepahan, { resource: 'sms', operation: 'sendOtp', from: '3000123456', to: PHONE, codeSource: 'input', inputCode: '={{ $json.code }}', message: 'Code: {code}', options: {} }, { items: items({}) });
	expect(sg.error?.message).toBe('Item 1: "Code" is empty');
	const ml = await runMeli(meli, { resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: PHONE, bodyId: 1002, variables: 'Ali;{code}', codeSource: 'input', inputCode: 'x' }, {});
	expect(ml.error?.message).toBe('Item 1: "Code" must be 4–10 letters or digits');
	const am = await runAmoot(amoot, { resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: PHONE, codeSource: 'input', inputCode: 'abcd', options: {} }, {});
	expect(am.error?.message).toMatch(/^Item 1: "Code" must be \d–\d+ digits$/);
	expect(sepahan.sentMessages()).toHaveLength(0);
	expect(meli.sentMessages()).toHaveLength(0);
	expect(amoot.sent()).toHaveLength(0);
});
