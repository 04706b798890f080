/** E2e cases for the Melipayamak node, trigger and credential, run against its sandbox (manifest row `e2e`). */
import { ACCOUNTS, CONSOLE_KEY } from '../../../sandbox/melipayamak/constants';
import { credentialRef, runNode, runSaved, waitFor, type ExecutionResult, type OutputItem } from '../helpers';
import type { CaseContext, ProviderE2e } from './types';

const NODE = 'n8n-nodes-sms-otp.melipayamak';
const TRIGGER = 'n8n-nodes-sms-otp.melipayamakTrigger';
const LINE = '50002710000000';
const api = { melipayamakApi: credentialRef('melipayamak', 'melipayamakApi') };
const PERSIAN = /[\u0600-\u06FF]/;
const password = (username: string) => ACCOUNTS.find((a) => a.username === username)!.password;

interface SentSms {
	recId: string;
	from: string;
	to: string;
	text: string;
	bodyId?: number;
	path: string;
}

function expectSuccess(result: ExecutionResult): void {
	if (result.execution.status !== 'success') {
		throw new Error(`execution ${result.execution.id} ended "${result.execution.status}": ${result.error?.message ?? ''}`);
	}
}

const json = (items: OutputItem[]) => items.map((i) => i.json);

/** Each accepted item matches exactly one message the sandbox sent; recIds compared as strings. */
async function expectSentMatch(ctx: CaseContext, items: OutputItem[]): Promise<SentSms[]> {
	const sent = await ctx.sb.sent<SentSms[]>();
	for (const { json: out } of items) {
		expect(typeof out.recId).toBe('string');
		expect(out.recId).toMatch(/^[0-9]{19}$/);
		const match = sent.filter((s) => s.recId === out.recId);
		expect(match).toHaveLength(1);
		expect(match[0].to).toBe(out.to);
	}
	return sent;
}

async function sendOne(ctx: CaseContext, to: string): Promise<string> {
	const result = await runNode(ctx, `e2e helper: send to ${to}`, {
		type: NODE,
		credentials: api,
		parameters: { resource: 'sms', operation: 'send', from: LINE, to, message: 'probe', options: {} },
	});
	expectSuccess(result);
	return String(result.output()[0].json.recId);
}

const apiCalls = async (ctx: CaseContext, part: string) =>
	(await ctx.sb.requests<Array<{ path: string; headers: Record<string, string> }>>()).filter((r) =>
		`${r.path} ${r.headers.soapaction ?? ''}`.toLowerCase().includes(part.toLowerCase()),
	);

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'Send: two numbers in one SOAP request (opt-out appended) and a single number over REST',
			covers: 'sms.send',
			node: { type: NODE, credentials: api, parameters: { resource: 'sms', operation: 'send', from: LINE, to: '={{ $json.to }}', message: '={{ $json.text }}', options: {} } },
			input: [
				{ to: '09121234567, 09351234567', text: 'سلام از n8n' },
				{ to: '09131112222', text: 'Single' },
			],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
				expect(json(items).map((j) => [j.to, j.status])).toEqual([
					['09121234567', 'accepted'],
					['09351234567', 'accepted'],
					['09131112222', 'accepted'],
				]);
				const sent = await expectSentMatch(ctx, items);
				// The two requests run side by side (2 in flight): compare by recipient, not arrival order.
				const byRecipient = Object.fromEntries(sent.map((s) => [s.to, [s.text, s.path]]));
				expect(byRecipient).toEqual({
					'09121234567': ['سلام از n8n\nلغو11', 'soap:SendSimpleSMS'],
					'09351234567': ['سلام از n8n\nلغو11', 'soap:SendSimpleSMS'],
					'09131112222': ['Single', 'rest:SendSMS'],
				});
			},
		},
		{
			title: 'Send Pattern: an approved template to a blacklisted number',
			covers: 'sms.sendPattern',
			node: { type: NODE, credentials: api, parameters: { resource: 'sms', operation: 'sendPattern', to: '09120000035', bodyId: 1002, variables: 'علی;48213' } },
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(json(items)).toEqual([{ recId: expect.stringMatching(/^[0-9]{19}$/), status: 'accepted', to: '09120000035', bodyId: 1002 }]);
				const sent = await expectSentMatch(ctx, items);
				expect(sent[0].text).toBe('علی عزیز، کد ورود شما 48213 است.');
			},
		},
		{
			title: 'Get Delivery Status: exact 19-digit recIds, a set code and an unknown id',
			covers: 'sms.getDeliveryStatus',
			node: { type: NODE, credentials: api, parameters: { resource: 'sms', operation: 'getDeliveryStatus', recIds: '={{ $json.ids }}' } },
			input: (prepared) => [{ ids: `${String(prepared.a)},${String(prepared.b)}` }, { ids: '5107391183294720001' }],
			async before(ctx) {
				const a = await sendOne(ctx, '09121234567');
				const b = await sendOne(ctx, '09351234567');
				await ctx.sb.call('POST', '/delivery', { recId: a, code: 1 });
				await ctx.sb.call('POST', '/delivery', { recId: b, code: 2 });
				return { a, b };
			},
			check(result, _ctx, prepared) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
				expect(json(items)).toEqual([
					{ recId: prepared.a, code: 1, status: 'delivered', statusText: 'Delivered to the handset', final: true },
					{ recId: prepared.b, code: 2, status: 'undelivered', statusText: 'Not delivered to the handset', final: true },
					{ recId: '5107391183294720001', code: 100, status: 'unknown', statusText: 'Status not known yet', final: false },
				]);
			},
		},
		// Mode is a fixed choice in the editor (noDataExpression), so each mode runs as its own node: n8n
		// 2.41 drops the parameters a mode shows when the mode is an expression.
		{
			title: 'OTP Send: a generated code by pattern',
			covers: 'otp.sendOtp',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'otp', operation: 'sendOtp', mode: 'pattern', to: '09121234567', bodyId: 1001, variables: '{code}', codeLength: 6 },
			},
			async check(result, ctx) {
				expectSuccess(result);
				const [pattern] = json(result.output());
				expect(pattern.code).toMatch(/^[0-9]{6}$/);
				expect(pattern).toMatchObject({ to: '09121234567', bodyId: 1001, mode: 'pattern', status: 'accepted' });
				const sent = await ctx.sb.sent<SentSms[]>();
				expect(sent[0].text).toBe(`کد تایید شما: ${String(pattern.code)}`);
			},
		},
		{
			title: 'OTP Send: a provider-generated code with a leading zero',
			covers: 'otp.sendOtp',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'otp', operation: 'sendOtp', mode: 'providerCode', to: '09121234567' },
			},
			async before(ctx) {
				await ctx.sb.call('POST', '/otp', { code: '01234' });
			},
			check(result) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ to: '09121234567', code: '01234', mode: 'providerCode', status: 'accepted' }]);
			},
		},
		{
			title: 'Get Credit: a number and the exact text',
			covers: 'account.getCredit',
			node: { type: NODE, credentials: api, parameters: { resource: 'account', operation: 'getCredit' } },
			check(result) {
				expectSuccess(result);
				expect(result.output()).toEqual([{ json: { credit: 100000.5, creditExact: '100000.5' }, pairedItem: { item: 0 } }]);
			},
		},
		{
			title: 'Get Sender Numbers',
			covers: 'account.getSenderNumbers',
			node: { type: NODE, credentials: api, parameters: { resource: 'account', operation: 'getSenderNumbers' } },
			check(result) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ numbers: [LINE, '50002710000001'], raw: `${LINE},50002710000001` }]);
			},
		},
		{
			title: 'Get Base Price',
			covers: 'account.getBasePrice',
			node: { type: NODE, credentials: api, parameters: { resource: 'account', operation: 'getBasePrice' } },
			check(result) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ basePrice: 94.5, basePriceExact: '94.5' }]);
			},
		},
		{
			title: 'Inbox Get Many: newest first, read-only',
			covers: 'inbox.getMany',
			node: { type: NODE, credentials: api, parameters: { resource: 'inbox', operation: 'getMany', limit: 10, afterId: '', line: '' } },
			async before(ctx) {
				await ctx.sb.call('POST', '/inbound', { from: '09121234567', text: 'first inbound' });
				await ctx.sb.call('POST', '/inbound', { from: '09351234567', text: 'سلام، پیام دوم' });
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => [j.from, j.to, j.text, typeof j.msgId])).toEqual([
					['09351234567', LINE, 'سلام، پیام دوم', 'string'],
					['09121234567', LINE, 'first inbound', 'string'],
				]);
				const inbox = await ctx.sb.call<Array<{ read: boolean }>>('GET', '/inbox');
				expect(inbox.every((m) => !m.read)).toBe(true);
			},
		},
		{
			title: 'Inbox Get Count: unread messages',
			covers: 'inbox.getCount',
			node: { type: NODE, credentials: api, parameters: { resource: 'inbox', operation: 'getCount', read: false } },
			async before(ctx) {
				await ctx.sb.call('POST', '/inbound', { from: '09121234567', text: 'one' });
				await ctx.sb.call('POST', '/inbound', { from: '09121234567', text: 'two' });
			},
			check(result) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([{ count: 2, read: false }]);
			},
		},
		{
			title: 'Reseller User Send Password Recovery: ForgotPassword over SOAP answers 1',
			covers: 'resellerUser.forgotPassword',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'resellerUser', operation: 'forgotPassword', targetUsername: 'client7', mobileNumber: '09121110000', emailAddress: 'owner@example.com' },
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output())).toEqual([
					{ success: true, code: 1, targetUsername: 'client7', message: "The password was sent by SMS to the reseller's mobile number" },
				]);
				const recoveries = await ctx.sb.call<Array<{ targetUsername: string }>>('GET', '/password-recoveries');
				expect(recoveries.map((r) => r.targetUsername)).toEqual(['client7']);
			},
		},
	],
	errorCases: [
		{
			title: 'A provider code stops the workflow with an English error that keeps the code; sent once',
			covers: 'sms.send',
			node: { type: NODE, credentials: api, parameters: { resource: 'sms', operation: 'send', from: '50001060', to: '09121234567', message: 'public line', options: {} } },
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				const message = result.error?.message ?? '';
				expect(message).toBe('Melipayamak error 9: SendSMS failed — Sending from public lines through the web service is not allowed');
				expect(message).not.toMatch(PERSIAN);
				expect(await apiCalls(ctx, 'SendSMS')).toHaveLength(1);
				expect(await ctx.sb.sent()).toHaveLength(0);
			},
		},
		{
			title: 'A lost answer after the send is "may have been accepted" and is never resent',
			covers: 'sms.send',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: { resource: 'sms', operation: 'send', from: LINE, to: '09121234567, 09351234567', message: 'lost answer', options: {} },
			},
			async before(ctx) {
				await ctx.sb.call('POST', '/fault', { route: 'soap:SendSimpleSMS', kind: 'resetAfter', times: 3 });
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => [j.to, j.status, j.mayHaveBeenAccepted])).toEqual([
					['09121234567', 'unknown', true],
					['09351234567', 'unknown', true],
				]);
				expect(await apiCalls(ctx, 'SendSimpleSMS')).toHaveLength(1);
				expect(await ctx.sb.sent()).toHaveLength(2);
			},
		},
		{
			title: 'ForgotPassword: an undocumented result is an error item that keeps the value',
			covers: 'resellerUser.forgotPassword',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: { resource: 'resellerUser', operation: 'forgotPassword', targetUsername: 'stranger', mobileNumber: '09121110000', emailAddress: 'owner@example.com' },
			},
			check(result) {
				expectSuccess(result);
				const [item] = json(result.output());
				expect(item.error).toBe('Melipayamak error 0: ForgotPassword failed — Undocumented code 0');
				expect(item.errorCode).toBe('0');
			},
		},
	],
	credentialTests: [
		{ title: 'good login passes', type: 'melipayamakApi', expectStatus: 'OK' },
		{
			title: 'wrong password fails clearly although the answer is HTTP 200',
			type: 'melipayamakApi',
			override: { password: 'definitely-wrong' },
			expectStatus: 'Error',
			expectMessage: /^Melipayamak: the username or password is wrong$/,
		},
		{
			title: 'an account that only accepts its API key fails with -110',
			type: 'melipayamakApi',
			override: { username: 'apikeyonly', password: password('apikeyonly') },
			expectStatus: 'Error',
			expectMessage: /^Melipayamak error -110: /,
		},
	],
	trigger: {
		nodeType: TRIGGER,
		credentials: api,
		parameters: { line: LINE, emitExisting: false },
		async addInbound(ctx, text) {
			await ctx.sb.call('POST', '/inbound', { from: '09121234567', to: LINE, text });
		},
		textOf: (item) => String(item.text),
		checkItem(item, text) {
			expect(item).toEqual(
				expect.objectContaining({ text, from: '09121234567', to: LINE, id: expect.stringMatching(/^[0-9]+$/), msgId: item.id, isFlash: false }),
			);
			expect(String(item.receivedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[34]:30$/);
		},
	},
	demos: [
		{
			title: 'OTP by pattern, then its delivery status',
			workflowId: 'mpDemoOtpStatus',
			async run(ctx) {
				const result = await runSaved(ctx, 'mpDemoOtpStatus');
				expectSuccess(result);
				const [otp] = result.output('Send OTP');
				expect(otp.json.code).toMatch(/^[0-9]{5}$/);
				const [status] = result.output('Get Delivery Status');
				expect(status.json).toEqual(expect.objectContaining({ recId: otp.json.recId, code: 200, status: 'sent', final: false }));
				await expectSentMatch(ctx, [otp]);
			},
		},
		{
			title: 'reseller password recovery',
			workflowId: 'mpDemoPasswordReset',
			async run(ctx) {
				const result = await runSaved(ctx, 'mpDemoPasswordReset');
				expectSuccess(result);
				expect(result.output('Send Password Recovery')[0].json).toEqual(expect.objectContaining({ success: true, code: 1 }));
			},
		},
		{
			title: 'received SMS auto-reply, activated, answers an SMS added to the sandbox',
			workflowId: 'mpDemoInboundReply',
			async run(ctx) {
				await ctx.rest.activateWorkflow('mpDemoInboundReply');
				try {
					await ctx.sb.call('POST', '/inbound', { from: '09351234567', to: LINE, text: 'Is my order ready?' });
					const sent = await waitFor('the demo reply to reach the sandbox', () => ctx.sb.sent<SentSms[]>(), (list) => list.length > 0, 40_000);
					expect(sent).toEqual([expect.objectContaining({ from: LINE, to: '09351234567', text: 'Thanks, we received your message: "Is my order ready?"' })]);
				} finally {
					await ctx.rest.deactivateWorkflow('mpDemoInboundReply');
				}
			},
		},
	],
	secrets: () => [password('good'), CONSOLE_KEY],
};
