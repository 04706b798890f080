/** E2e cases for the AmootSMS node, trigger and credential, run in a real n8n against its sandbox. */
import {
	credentialRef,
	runNode,
	runSaved,
	waitFor,
	type ExecutionResult,
	type OutputItem,
} from '../helpers';
import type { CaseContext, ProviderE2e } from './types';

const NODE = 'n8n-nodes-sms-otp.amootSms';
const TRIGGER = 'n8n-nodes-sms-otp.amootSmsTrigger';
const LINE = '50004000123';
const api = { amootSmsApi: credentialRef('amootSms', 'amootSmsApi') };
const PERSIAN = /[\u0600-\u06FF]/;
/** The sandbox's fixture tokens (sandbox/amootsms/constants.ts). */
const MALFORMED_TOKEN = 'not a token!';
const METHOD_RESTRICTED_TOKEN = '5A0C1E2D3F4B5A6978871E2D3F4B5A6978870007';

interface SentSms {
	messageId: string;
	campaignId: string;
	method: string;
	mobile: string;
	lineNumber: string;
	usedLine: string;
	text: string;
	code?: string;
}

function expectSuccess(result: ExecutionResult): void {
	if (result.execution.status !== 'success') {
		throw new Error(
			`execution ${result.execution.id} ended "${result.execution.status}": ${result.error?.message ?? ''}`,
		);
	}
}

function json(items: OutputItem[]): Array<Record<string, unknown>> {
	return items.map((i) => i.json);
}

function tokenOf(ctx: CaseContext): string {
	const token = ctx.sb.sandbox.apiKey;
	if (!token) throw new Error('the suite state has no token for the AmootSMS sandbox');
	return token;
}

async function apiCalls(ctx: CaseContext, method: string): Promise<Array<Record<string, unknown>>> {
	return (await ctx.sb.requests()).filter(
		(r) => String(r.path).toLowerCase() === `/rest/${method.toLowerCase()}`,
	);
}

/** Every sent item matches exactly one message the sandbox really sent, the id compared as a string. */
async function expectSentMatch(ctx: CaseContext, items: OutputItem[]): Promise<SentSms[]> {
	const sent = await ctx.sb.sent<SentSms[]>();
	for (const { json: out } of items) {
		expect(typeof out.messageId).toBe('string');
		const match = sent.filter((s) => s.messageId === out.messageId);
		expect(match).toHaveLength(1);
		expect(`0${match[0].mobile}`).toBe(out.to);
	}
	return sent;
}

async function sendOne(
	ctx: CaseContext,
	to: string,
	text: string,
): Promise<Record<string, unknown>> {
	const result = await runNode(ctx, `e2e helper: send to ${to}`, {
		type: NODE,
		credentials: api,
		parameters: {
			resource: 'sms',
			operation: 'send',
			lineNumber: 'public',
			to,
			message: text,
			options: {},
		},
	});
	expectSuccess(result);
	return result.output()[0].json;
}

function inbound(
	ctx: CaseContext,
	mobile: string,
	text: string,
	extra: Record<string, unknown> = {},
) {
	return ctx.sb.call('POST', '/inbound', { mobile, text, ...extra });
}

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'SMS → Send: a list and a second item with the same text, in one form request',
			covers: 'sms.send',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'send',
					lineNumber: 'public',
					to: '={{ $json.to }}',
					message: 'سلام از n8n',
					options: {},
				},
			},
			input: [{ to: '09121234567, 09351234567' }, { to: '09131112222' }],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
				expect(json(items).map((j) => [j.to, j.status])).toEqual([
					['09121234567', 'sent'],
					['09351234567', 'sent'],
					['09131112222', 'sent'],
				]);
				await expectSentMatch(ctx, items);
				const calls = await apiCalls(ctx, 'SendSimple');
				expect(calls).toHaveLength(1);
				expect(String(calls[0].body)).toContain('Mobiles=09121234567%2C09351234567%2C09131112222');
			},
		},
		{
			title: 'SMS → Send with Backup Line: a blacklisted recipient goes over "98"',
			covers: 'sms.sendWithBackupLine',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'sendWithBackupLine',
					lineNumber: 'public',
					backupLineNumber: '98',
					to: '09121234567, 09199999999',
					message: 'backup line probe',
					options: {},
				},
			},
			check(result) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => [j.to, j.status, j.usedLine])).toEqual([
					['09121234567', 'sent', 'Public'],
					['09199999999', 'sent', '98'],
				]);
			},
		},
		{
			title: 'SMS → Send Pattern: values in order, the text filled by the provider',
			covers: 'sms.sendPattern',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'sendPattern',
					to: '09121234567',
					patternCodeId: 101,
					patternValues: 'علی\n1234',
					lineNumber: '',
					options: {},
				},
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(
					expect.objectContaining({
						status: 'sent',
						patternCodeId: 101,
						patternValues: ['علی', '1234'],
					}),
				);
				const sent = await expectSentMatch(ctx, result.output());
				expect(sent[0].text).toBe('سلام علی، سفارش 1234 ثبت شد.');
			},
		},
		{
			title: 'SMS → Send Peer-to-Peer: one text per item in one JSON request',
			covers: 'sms.sendPeerToPeer',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'sendPeerToPeer',
					lineNumber: 'public',
					to: '={{ $json.to }}',
					message: '=Hi {{ $json.name }}',
					options: {},
				},
			},
			input: [
				{ to: '09121234567', name: 'Ali' },
				{ to: '09351234567', name: 'Sara' },
			],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				const sent = await expectSentMatch(ctx, items);
				expect(sent.map((s) => s.text)).toEqual(['Hi Ali', 'Hi Sara']);
				expect(await apiCalls(ctx, 'SendPeerToPeer')).toHaveLength(1);
			},
		},
		{
			title: 'SMS → Get: a sent message by its exact id',
			covers: 'sms.get',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'sms', operation: 'get', messageId: '={{ $json.id }}' },
			},
			input: (prepared) => [{ id: prepared.id }],
			async before(ctx) {
				return { id: (await sendOne(ctx, '09121234567', 'get probe')).messageId };
			},
			check(result, _ctx, prepared) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(
					expect.objectContaining({
						messageId: prepared.id,
						to: '09121234567',
						text: 'get probe',
						sentAt: expect.stringMatching(/\+03:30$/),
					}),
				);
			},
		},
		{
			title: 'SMS → Get Many Sent: messages of the last hour',
			covers: 'sms.getManySent',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'getManySent',
					from: '={{ $now.minus({ hours: 1 }).toISO() }}',
					to: '={{ $now.plus({ minutes: 1 }).toISO() }}',
				},
			},
			async before(ctx) {
				await sendOne(ctx, '09121234567', 'list probe');
			},
			check(result) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => [j.to, j.text])).toEqual([
					['09121234567', 'list probe'],
				]);
			},
		},
		{
			title: 'OTP → Send (OTP pattern, SendQuickOTP): the code as a string, leading zero kept',
			covers: 'otp.sendOtp',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'otp',
					operation: 'sendOtp',
					mode: 'pattern',
					to: '={{ $json.phone }}',
					codeLength: 6,
					options: {},
				},
			},
			input: [{ phone: '09121234567' }],
			async before(ctx) {
				await ctx.sb.call('POST', '/otp-code', { code: '012345' });
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(
					expect.objectContaining({
						mode: 'pattern',
						code: '012345',
						to: '09121234567',
						status: 'sent',
					}),
				);
				const sent = await expectSentMatch(ctx, result.output());
				expect(sent.map((s) => s.method)).toEqual(['SendQuickOTP']);
			},
		},
		{
			title: "OTP → Send (Text with Code, the seed's SendOTP): AmootSMS adds the code",
			covers: 'otp.sendOtp',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'otp',
					operation: 'sendOtp',
					mode: 'text',
					to: '={{ $json.phone }}',
					codeLength: 5,
					lineNumber: 'public',
					message: 'Your code:',
					options: {},
				},
			},
			input: [{ phone: '+989351234567' }],
			async check(result, ctx) {
				expectSuccess(result);
				const [item] = json(result.output());
				expect(item).toEqual(
					expect.objectContaining({
						mode: 'text',
						to: '09351234567',
						code: expect.stringMatching(/^[0-9]{5}$/),
					}),
				);
				const sent = await expectSentMatch(ctx, result.output());
				expect(sent.map((s) => [s.method, s.text])).toEqual([
					['SendOTP', `Your code:\n${String(item.code)}`],
				]);
			},
		},
		{
			title: "Delivery → Get: the provider's DeliveryType, kept as a number",
			covers: 'delivery.get',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'delivery', operation: 'get', messageId: '={{ $json.id }}' },
			},
			input: (prepared) => [{ id: prepared.id }],
			async before(ctx) {
				const sent = await sendOne(ctx, '09121234567', 'delivery probe');
				await ctx.sb.call('POST', '/delivery', { messageId: sent.messageId, deliveryType: 2 });
				return { id: sent.messageId };
			},
			check(result, _ctx, prepared) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(
					expect.objectContaining({
						messageId: prepared.id,
						found: true,
						deliveryType: 2,
						deliveryLabel: 'undocumented',
					}),
				);
			},
		},
		{
			title: 'Delivery → Get Many: known and unknown ids, one item each',
			covers: 'delivery.getMany',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'delivery', operation: 'getMany', messageIds: '={{ $json.ids }}' },
			},
			input: (prepared) => [{ ids: `${String(prepared.id)}, 42` }],
			async before(ctx) {
				return { id: (await sendOne(ctx, '09121234567', 'deliveries probe')).messageId };
			},
			check(result, _ctx, prepared) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => [j.messageId, j.found])).toEqual([
					[prepared.id, true],
					['42', false],
				]);
			},
		},
		{
			title: 'Delivery → Get by Campaign: every recipient of a send',
			covers: 'delivery.getByCampaign',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'delivery',
					operation: 'getByCampaign',
					campaignId: '={{ $json.id }}',
				},
			},
			input: (prepared) => [{ id: prepared.id }],
			async before(ctx) {
				return {
					id: (await sendOne(ctx, '09121234567, 09351234567', 'campaign probe')).campaignId,
				};
			},
			check(result) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => j.to)).toEqual(['09121234567', '09351234567']);
			},
		},
		{
			title: 'Account → Get Status: credit in Rial, exact beyond 2^53, prices and lines',
			covers: 'account.getStatus',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'account', operation: 'getStatus' },
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(
					expect.objectContaining({
						credit: 25000000,
						creditExact: '25000000',
						currency: 'IRR',
						lines: ['98', 'Public', 'Service', LINE],
					}),
				);
				await ctx.sb.credit('9007199254740993');
				const big = await runNode(ctx, 'e2e: big credit', {
					type: NODE,
					credentials: api,
					parameters: { resource: 'account', operation: 'getStatus' },
				});
				expectSuccess(big);
				expect(big.output()[0].json.creditExact).toBe('9007199254740993');
			},
		},
		{
			title: 'Inbox → Get Many: received SMS of a range, read-only',
			covers: 'inbox.getMany',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'inbox', operation: 'getMany', from: '', to: '', lineNumber: LINE },
			},
			async before(ctx) {
				await inbound(ctx, '09121234567', 'first received');
				await inbound(ctx, '09351234567', 'سلام، پیام دوم');
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => [j.from, j.to, j.text])).toEqual([
					['09121234567', LINE, 'first received'],
					['09351234567', LINE, 'سلام، پیام دوم'],
				]);
				const inbox = await ctx.sb.call<Array<{ pulled: boolean }>>('GET', '/inbox');
				expect(inbox.every((m) => !m.pulled)).toBe(true);
			},
		},
		{
			title: 'Inbox → Pull New (Consumes): messages taken once, then none',
			covers: 'inbox.pullNew',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'inbox', operation: 'pullNew', count: 10 },
			},
			async before(ctx) {
				await inbound(ctx, '09121234567', 'pull me');
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(json(result.output()).map((j) => j.text)).toEqual(['pull me']);
				const again = await runNode(ctx, 'e2e: pull again', {
					type: NODE,
					credentials: api,
					parameters: { resource: 'inbox', operation: 'pullNew', count: 10 },
				});
				expectSuccess(again);
				expect(again.output()).toHaveLength(0);
			},
		},
	],

	errorCases: [
		{
			title:
				'CreditNotEnough stops the workflow with the English error, the title and number, sent once',
			covers: 'sms.send',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'send',
					lineNumber: 'public',
					to: '09121234567',
					message: 'no credit',
					options: {},
				},
			},
			async before(ctx) {
				await ctx.sb.credit('10');
			},
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				const message = result.error?.message ?? '';
				expect(message).toBe(
					'AmootSMS error CreditNotEnough: Not enough credit (status 4, SendSimple)',
				);
				expect(message).not.toMatch(PERSIAN);
				expect(await apiCalls(ctx, 'SendSimple')).toHaveLength(1);
				expect(await ctx.sb.sent()).toHaveLength(0);
			},
		},
		{
			title:
				'A lost answer after the send: not sent again, and the item says it may have been accepted',
			covers: 'sms.send',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'sms',
					operation: 'send',
					lineNumber: 'public',
					to: '09121234567',
					message: 'lost answer',
					options: {},
				},
			},
			async before(ctx) {
				await ctx.sb.call('POST', '/fault', { route: 'SendSimple', kind: 'resetAfter', times: 3 });
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(
					expect.objectContaining({
						status: 'unknown',
						mayHaveBeenAccepted: true,
						to: '09121234567',
					}),
				);
				expect(await apiCalls(ctx, 'SendSimple')).toHaveLength(1);
				expect(await ctx.sb.sent()).toHaveLength(1);
			},
		},
		{
			title: 'A token error with Continue On Fail becomes an error item per input item',
			covers: 'account.getStatus',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: { resource: 'account', operation: 'getStatus' },
			},
			input: [{ n: 1 }, { n: 2 }],
			async before(ctx) {
				await ctx.sb.call('POST', '/account', { userError: 'User_NotAllowWebService' });
			},
			check(result) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				for (const { json: j } of items) {
					expect(j.errorCode).toBe('User_NotAllowWebService');
					expect(String(j.error)).toMatch(
						/not allowed to use the web service \(status -106, AccountStatus\)/,
					);
				}
			},
		},
	],

	credentialTests: [
		{ title: 'the stored sandbox token passes', type: 'amootSmsApi', expectStatus: 'OK' },
		{
			title: 'a malformed token fails with Token_Invalid',
			type: 'amootSmsApi',
			override: { token: MALFORMED_TOKEN },
			expectStatus: 'Error',
			expectMessage: /AmootSMS: Token_Invalid \(-202\)/,
		},
		{
			title: 'a token that may not call AccountStatus says so',
			type: 'amootSmsApi',
			override: { token: METHOD_RESTRICTED_TOKEN },
			expectStatus: 'Error',
			expectMessage:
				/Token_NotAllowMethod \(-208\): the token works but may not call AccountStatus/,
		},
		{
			title: 'a Base URL that is not the API fails clearly',
			type: 'amootSmsApi',
			override: { baseUrl: 'http://127.0.0.1:9/nothing-here' },
			expectStatus: 'Error',
		},
	],

	trigger: {
		nodeType: TRIGGER,
		credentials: api,
		parameters: { lineNumber: LINE, includeLastHours: 0, overlapMinutes: 10 },
		async addInbound(ctx, text) {
			await inbound(ctx, '09121234567', text, { lineNumber: LINE });
		},
		textOf: (item) => String(item.text),
		checkItem(item, text) {
			expect(item).toEqual(
				expect.objectContaining({
					from: '09121234567',
					to: LINE,
					text,
					receivedAt: expect.stringMatching(/\+03:30$/),
				}),
			);
			expect(typeof item.id).toBe('string');
			expect(item.id).toBe(item.messageId);
		},
	},

	demos: [
		{
			title: 'OTP then its delivery runs as imported',
			workflowId: 'amDemoOtpDelivery',
			async run(ctx) {
				const result = await runSaved(ctx, 'amDemoOtpDelivery');
				expectSuccess(result);
				const [otp] = result.output('Send OTP');
				expect(otp.json.code).toMatch(/^[0-9]{6}$/);
				expect(otp.json.status).toBe('sent');
				const [delivery] = result.output('Get Delivery');
				expect(delivery.json.messageId).toBe(otp.json.messageId);
				expect(delivery.json.found).toBe(true);
				await expectSentMatch(ctx, [otp]);
			},
		},
		{
			title: 'account status takes the OK branch, and the alert branch when the credit is low',
			workflowId: 'amDemoAccountStatus',
			async run(ctx) {
				const ok = await runSaved(ctx, 'amDemoAccountStatus');
				expectSuccess(ok);
				expect(ok.output('Credit OK')[0].json).toEqual(
					expect.objectContaining({ level: 'ok', credit: '25000000' }),
				);
				expect(ok.data.resultData.runData['Low Credit Alert']).toBeUndefined();
				await ctx.sb.credit('500');
				const low = await runSaved(ctx, 'amDemoAccountStatus');
				expectSuccess(low);
				expect(low.output('Low Credit Alert')[0].json).toEqual(
					expect.objectContaining({
						level: 'low',
						alert: expect.stringContaining('AmootSMS credit is low: 500 Rial'),
					}),
				);
				expect(low.data.resultData.runData['Credit OK']).toBeUndefined();
			},
		},
		{
			title: 'received SMS auto-reply, activated, answers an SMS added to the sandbox once',
			workflowId: 'amDemoInboundReply',
			async run(ctx) {
				await ctx.rest.activateWorkflow('amDemoInboundReply');
				try {
					await inbound(ctx, '09351234567', 'Is my order ready?', { lineNumber: LINE });
					const sent = await waitFor(
						'the demo reply to reach the sandbox',
						() => ctx.sb.sent<SentSms[]>(),
						(list) => list.length > 0,
						40_000,
					);
					expect(sent).toEqual([
						expect.objectContaining({
							mobile: '9351234567',
							lineNumber: LINE,
							text: 'Thanks, we received your message: "Is my order ready?"',
						}),
					]);
					const executions = await waitFor(
						'the demo execution to finish',
						() => ctx.rest.listExecutions('amDemoInboundReply'),
						(list) => list.some((e) => e.status === 'success'),
						20_000,
					);
					expect(executions.filter((e) => e.status === 'success')).toHaveLength(1);
				} finally {
					await ctx.rest.deactivateWorkflow('amDemoInboundReply');
				}
			},
		},
	],

	secrets: (ctx) => [tokenOf(ctx)],
};
