/** E2e cases for the SepahanGostar node, trigger and credentials, run against its sandbox (manifest row `e2e`). */
import { DEFAULT_PANEL } from '../../../sandbox/sepahangostar/constants';
import { credentialRef, runNode, runSaved, waitFor, type ExecutionResult, type OutputItem } from '../helpers';
import type { CaseContext, ProviderE2e } from './types';

const NODE = 'n8n-nodes-sms-otp.sepahanGostar';
const TRIGGER = 'n8n-nodes-sms-otp.sepahanGostarTrigger';
const SENDER = '3000123456';
const RECEIVING = '50003300';
const api = { sepahanGostarApi: credentialRef('sepahanGostar', 'sepahanGostarApi') };
const panel = { sepahanGostarPanelApi: credentialRef('sepahanGostar', 'sepahanGostarPanelApi') };
const PERSIAN = /[\u0600-\u06FF]/;

interface SentSms {
	id: string;
	from: string;
	to: string;
	text: string;
	requestId?: string;
	parts: number;
}

/** The sandbox's test key (the row declares the apiKey capability, so the suite's state has it). */
function apiKeyOf(ctx: CaseContext): string {
	const key = ctx.sb.sandbox.apiKey;
	if (!key) throw new Error('the suite state has no API key for the SepahanGostar sandbox');
	return key;
}

function expectSuccess(result: ExecutionResult): void {
	if (result.execution.status !== 'success') {
		throw new Error(`execution ${result.execution.id} ended "${result.execution.status}": ${result.error?.message ?? ''}`);
	}
}

function json(items: OutputItem[]): Array<Record<string, unknown>> {
	return items.map((i) => i.json);
}

/** Each accepted output item matches exactly one message the sandbox really sent, id compared as a string. */
async function expectSentMatch(ctx: CaseContext, items: OutputItem[]): Promise<SentSms[]> {
	const sent = await ctx.sb.sent<SentSms[]>();
	for (const { json: out } of items) {
		expect(typeof out.messageId).toBe('string');
		expect(out.messageId).toMatch(/^[1-9][0-9]{0,18}$/);
		const match = sent.filter((s) => s.id === out.messageId);
		expect(match).toHaveLength(1);
		expect(match[0].to).toBe(out.to);
		expect(match[0].from).toBe(out.from);
		expect(out.parts).toBe(match[0].parts);
		expect(out.requestId).toBe(match[0].requestId);
	}
	return sent;
}

async function sendOne(ctx: CaseContext, to: string, text: string, requestId?: string): Promise<Record<string, unknown>> {
	const result = await runNode(ctx, `e2e helper: send to ${to}`, {
		type: NODE,
		credentials: api,
		parameters: { resource: 'sms', operation: 'send', from: SENDER, to, message: text, options: requestId ? { requestId } : {} },
	});
	expectSuccess(result);
	return result.output()[0].json;
}

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'Send: one text to a list and to a second item, in one provider request',
			covers: 'sms.send',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'sms', operation: 'send', from: SENDER, to: '={{ $json.to }}', message: 'Hello from the n8n e2e suite', options: {} },
			},
			input: [{ to: '09121234567, 09351234567' }, { to: '09131112222' }],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
				expect(json(items).map((j) => [j.to, j.from, j.status])).toEqual([
					['09121234567', SENDER, 'accepted'],
					['09351234567', SENDER, 'accepted'],
					['09131112222', SENDER, 'accepted'],
				]);
				const sent = await expectSentMatch(ctx, items);
				expect(sent.map((s) => s.text)).toEqual(Array(3).fill('Hello from the n8n e2e suite'));
				const sends = (await ctx.sb.requests()).filter((r) => /\/api\/Sms\/Send$/i.test(String(r.path)));
				expect(sends).toHaveLength(1);
			},
		},
		{
			title: 'Send Personalized: one text per item',
			covers: 'sms.sendPersonalized',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'sms', operation: 'sendPersonalized', from: SENDER, to: '={{ $json.to }}', message: '=Hi {{ $json.name }}, your order shipped', options: {} },
			},
			input: [
				{ to: '09121234567', name: 'Ali' },
				{ to: '09351234567', name: 'Sara' },
			],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(json(items).map((j) => j.status)).toEqual(['accepted', 'accepted']);
				const sent = await expectSentMatch(ctx, items);
				expect(sent.map((s) => [s.to, s.text])).toEqual([
					['09121234567', 'Hi Ali, your order shipped'],
					['09351234567', 'Hi Sara, your order shipped'],
				]);
			},
		},
		{
			title: 'Send OTP: generated code and a given code',
			covers: 'sms.sendOtp',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'sms',
					operation: 'sendOtp',
					from: SENDER,
					to: '={{ $json.phone }}',
					codeLength: 6,
					message: 'Your code is {code}',
					options: { code: '={{ $json.code }}' },
				},
			},
			input: [{ phone: '09121234567', code: '' }, { phone: '+989351234567', code: '4321' }],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				const [generated, given] = json(items);
				expect(generated.code).toMatch(/^[0-9]{6}$/);
				expect(given.code).toBe('4321');
				expect(given.to).toBe('09351234567');
				const sent = await expectSentMatch(ctx, items);
				expect(sent.map((s) => s.text)).toEqual([`Your code is ${String(generated.code)}`, 'Your code is 4321']);
			},
		},
		{
			title: 'Check Request: a used Request-Id is received, an unused one is not',
			covers: 'sms.checkRequest',
			node: { type: NODE, credentials: api, parameters: { resource: 'sms', operation: 'checkRequest', requestId: '={{ $json.id }}' } },
			input: [{ id: 'e2e-check-used-1' }, { id: 'e2e-check-never-used' }],
			async before(ctx) {
				await sendOne(ctx, '09121234567', 'request id probe', 'e2e-check-used-1');
			},
			check(result) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(json(items).map((j) => [j.requestId, j.received])).toEqual([
					['e2e-check-used-1', true],
					['e2e-check-never-used', false],
				]);
			},
		},
		{
			title: 'Get Status: exact ids beyond 2^53, a set status and an unknown id',
			covers: 'delivery.getStatus',
			node: { type: NODE, credentials: api, parameters: { resource: 'delivery', operation: 'getStatus', messageIds: '={{ $json.ids }}' } },
			input: (prepared) => [{ ids: `${String(prepared.a)}, ${String(prepared.b)}` }, { ids: '639027944154527201' }],
			async before(ctx) {
				const sentA = await sendOne(ctx, '09121234567', 'status probe A');
				const sentB = await sendOne(ctx, '09351234567', 'status probe B');
				await ctx.sb.call('POST', '/status', { messageId: sentA.messageId, code: 1 });
				await ctx.sb.call('POST', '/status', { messageId: sentB.messageId, code: 2 });
				return { a: sentA.messageId, b: sentB.messageId };
			},
			check(result, _ctx, prepared) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
				expect(json(items)).toEqual([
					{ messageId: prepared.a, statusCode: 1, status: 'delivered', statusText: 'Delivered to the handset' },
					{ messageId: prepared.b, statusCode: 2, status: 'failed', statusText: 'Not delivered to the handset' },
					expect.objectContaining({ messageId: '639027944154527201', statusCode: -1, status: 'notFound' }),
				]);
				for (const j of json(items)) expect(typeof j.messageId).toBe('string');
			},
		},
		{
			title: 'Get Old Status: answers inside 01:00–05:00 Tehran, otherwise a clear error and no request',
			covers: 'delivery.getOldStatus',
			node: { type: NODE, credentials: api, parameters: { resource: 'delivery', operation: 'getOldStatus', messageIds: '639027944154527201' } },
			async check(result, ctx) {
				const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
				if (hour >= 1 && hour < 5) {
					expectSuccess(result);
					expect(json(result.output())).toEqual([expect.objectContaining({ messageId: '639027944154527201', status: 'notFound' })]);
				} else {
					expect(result.execution.status).toBe('error');
					expect(result.error?.message).toMatch(/only works between 01:00 and 05:00 Tehran time/);
					const calls = (await ctx.sb.requests()).filter((r) => /oldStatus/i.test(String(r.path)));
					expect(calls).toHaveLength(0);
				}
			},
		},
		{
			title: 'Get Many (inbox): inbound SMS of a line, marked as read, then none',
			covers: 'inbox.getMany',
			node: {
				type: NODE,
				credentials: api,
				parameters: { resource: 'inbox', operation: 'getMany', receivingLine: RECEIVING, limit: 50, markAsRead: true },
			},
			async before(ctx) {
				await ctx.sb.inbound({ privateNumber: RECEIVING, sendNumber: '09121234567', text: 'first inbound' });
				await ctx.sb.inbound({ privateNumber: RECEIVING, sendNumber: '09351234567', text: 'سلام، پیام دوم' });
				await ctx.sb.inbound({ privateNumber: '3000123456', sendNumber: '09131112222', text: 'other line' });
			},
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
				expect(json(items).map((j) => [j.from, j.to, j.text])).toEqual([
					['09121234567', RECEIVING, 'first inbound'],
					['09351234567', RECEIVING, 'سلام، پیام دوم'],
				]);
				for (const j of json(items)) {
					expect(typeof j.receivedAt === 'string' || j.receivedAt === null).toBe(true);
					expect(typeof j.rawDate).toBe('string');
				}
				const again = await runNode(ctx, 'e2e: inbox again', {
					type: NODE,
					credentials: api,
					parameters: { resource: 'inbox', operation: 'getMany', receivingLine: RECEIVING, limit: 50, markAsRead: true },
				});
				expectSuccess(again);
				expect(again.output()).toHaveLength(0);
			},
		},
		{
			title: 'Get Credit: a normal balance, and one beyond 2^53 kept exact',
			covers: 'account.getCredit',
			node: { type: NODE, credentials: api, parameters: { resource: 'account', operation: 'getCredit' } },
			async check(result, ctx) {
				expectSuccess(result);
				expect(result.output()).toEqual([{ json: { credit: 330874527, creditExact: '330874527' }, pairedItem: { item: 0 } }]);
				await ctx.sb.credit('9007199254740993');
				const big = await runNode(ctx, 'e2e: big credit', { type: NODE, credentials: api, parameters: { resource: 'account', operation: 'getCredit' } });
				expectSuccess(big);
				expect(big.output()[0].json).toEqual({ credit: 9007199254740992, creditExact: '9007199254740993' });
			},
		},
		{
			title: 'Generate API Key: a new token from the panel login',
			covers: 'account.generateApiKey',
			node: { type: NODE, credentials: panel, parameters: { resource: 'account', operation: 'generateApiKey', title: 'n8n e2e', allowedIps: '' } },
			check(result, ctx) {
				expectSuccess(result);
				const [item] = result.output();
				expect(item.pairedItem).toEqual({ item: 0 });
				expect(item.json.title).toBe('n8n e2e');
				expect(item.json.allowedIps).toEqual([]);
				expect(typeof item.json.token).toBe('string');
				expect(String(item.json.token).length).toBeGreaterThanOrEqual(16);
				expect(item.json.token).not.toBe(apiKeyOf(ctx));
			},
		},
	],

	errorCases: [
		{
			title: 'Provider error stops the workflow with the English error and the provider code, sent once',
			covers: 'sms.send',
			node: { type: NODE, credentials: api, parameters: { resource: 'sms', operation: 'send', from: SENDER, to: '09121234567', message: 'no balance', options: {} } },
			async before(ctx) {
				await ctx.sb.accountError(-14);
			},
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				const message = result.error?.message ?? '';
				expect(message).toMatch(/SepahanGostar error -14/);
				expect(message).toMatch(/balance is insufficient/);
				expect(message).not.toMatch(PERSIAN);
				expect(result.data.resultData.lastNodeExecuted).toBe('Node Under Test');
				// n8n's helpers repeat a request after HTTP 401; the node must not: one attempt reached the provider.
				const sends = (await ctx.sb.requests()).filter((r) => /\/api\/Sms\/Send$/i.test(String(r.path)));
				expect(sends).toHaveLength(1);
				expect(await ctx.sb.sent()).toHaveLength(0);
			},
		},
		{
			title: 'Provider error with Continue On Fail becomes an error item per input item',
			covers: 'account.getCredit',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: { resource: 'account', operation: 'getCredit' },
			},
			input: [{ n: 1 }, { n: 2 }],
			async before(ctx) {
				await ctx.sb.accountError(-11);
			},
			check(result) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				for (const { json: j } of items) {
					expect(j.error).toMatch(/SepahanGostar error -11: The user's web service \(API access\) is inactive/);
					expect(j.errorCode).toBe(-11);
					expect(String(j.error)).not.toMatch(PERSIAN);
				}
			},
		},
		{
			title: 'A reused Request-Id is "alreadyAccepted", or an error -20 when asked to treat it so',
			covers: 'sms.send',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'sms',
					operation: 'send',
					from: SENDER,
					to: '09121234567',
					message: 'duplicate probe',
					options: { requestId: 'e2e-dup-1', treatDuplicateAsError: '={{ $json.strict }}' },
				},
			},
			input: [{ strict: false }],
			async before(ctx) {
				await sendOne(ctx, '09121234567', 'duplicate probe', 'e2e-dup-1');
			},
			async check(result, ctx) {
				expectSuccess(result);
				expect(result.output()[0].json).toEqual(expect.objectContaining({ status: 'alreadyAccepted', messageId: null, requestId: 'e2e-dup-1' }));
				const strict = await runNode(
					ctx,
					'e2e: duplicate strict',
					{
						type: NODE,
						credentials: api,
						parameters: {
							resource: 'sms',
							operation: 'send',
							from: SENDER,
							to: '09121234567',
							message: 'duplicate probe',
							options: { requestId: 'e2e-dup-1', treatDuplicateAsError: true },
						},
					},
				);
				expect(strict.execution.status).toBe('error');
				expect(strict.error?.message).toMatch(/SepahanGostar error -20/);
				expect(await ctx.sb.sent()).toHaveLength(1);
			},
		},
	],

	credentialTests: [
		{ title: 'the stored sandbox key passes', type: 'sepahanGostarApi', expectStatus: 'OK' },
		{
			title: 'a wrong key fails with the provider code and a clear message',
			type: 'sepahanGostarApi',
			override: { apiKey: '00000000000000000000000000000000' },
			expectStatus: 'Error',
			expectMessage: /SepahanGostar error -1: the API key is invalid/,
		},
		{
			title: 'an inactive key fails with -2',
			type: 'sepahanGostarApi',
			before: async (ctx) => {
				await ctx.sb.call('POST', '/token', { active: false });
			},
			expectStatus: 'Error',
			expectMessage: /SepahanGostar error -2/,
		},
		{
			title: 'a Base URL that is not the API fails clearly',
			type: 'sepahanGostarApi',
			override: { baseUrl: 'http://127.0.0.1:9/nothing-here' },
			expectStatus: 'Error',
		},
	],

	trigger: {
		nodeType: TRIGGER,
		credentials: api,
		parameters: { receivingLine: RECEIVING },
		async addInbound(ctx, text) {
			await ctx.sb.inbound({ privateNumber: RECEIVING, sendNumber: '09121234567', text });
		},
		textOf: (item) => String(item.text),
		checkItem(item, text) {
			expect(item).toEqual(
				expect.objectContaining({ from: '09121234567', to: RECEIVING, text, rawDate: expect.any(String), receivedAtPrecision: expect.any(String) }),
			);
			expect(typeof item.id).toBe('string');
		},
	},

	demos: [
		{
			title: 'OTP and delivery status runs as imported',
			workflowId: 'sgDemoOtpStatus',
			async run(ctx) {
				const result = await runSaved(ctx, 'sgDemoOtpStatus');
				expectSuccess(result);
				const [otp] = result.output('Send OTP');
				expect(otp.json.code).toMatch(/^[0-9]{6}$/);
				expect(otp.json.status).toBe('accepted');
				const [status] = result.output('Get Delivery Status');
				expect(status.json.messageId).toBe(otp.json.messageId);
				expect(status.json.status).toBe('pending');
				await expectSentMatch(ctx, [otp]);
			},
		},
		{
			title: 'credit check takes the OK branch, and the alert branch when the balance is low',
			workflowId: 'sgDemoCreditCheck',
			async run(ctx) {
				const ok = await runSaved(ctx, 'sgDemoCreditCheck');
				expectSuccess(ok);
				expect(ok.output('Balance OK')[0].json).toEqual(expect.objectContaining({ level: 'ok', credit: '330874527' }));
				expect(ok.data.resultData.runData['Low Balance Alert']).toBeUndefined();
				await ctx.sb.credit('500');
				const low = await runSaved(ctx, 'sgDemoCreditCheck');
				expectSuccess(low);
				expect(low.output('Low Balance Alert')[0].json).toEqual(
					expect.objectContaining({ level: 'low', alert: expect.stringContaining('SMS credit is low: 500') }),
				);
				expect(low.data.resultData.runData['Balance OK']).toBeUndefined();
			},
		},
		{
			title: 'inbound auto-reply, activated, answers an SMS added to the sandbox',
			workflowId: 'sgDemoInboundReply',
			async run(ctx) {
				await ctx.rest.activateWorkflow('sgDemoInboundReply');
				try {
					await ctx.sb.inbound({ privateNumber: RECEIVING, sendNumber: '09351234567', text: 'Is my order ready?' });
					const sent = await waitFor(
						'the demo reply to reach the sandbox',
						() => ctx.sb.sent<SentSms[]>(),
						(list) => list.length > 0,
						40_000,
					);
					expect(sent).toEqual([
						expect.objectContaining({ from: SENDER, to: '09351234567', text: 'Thanks, we received your message: "Is my order ready?"' }),
					]);
					const executions = await waitFor(
						'the demo execution to finish',
						() => ctx.rest.listExecutions('sgDemoInboundReply'),
						(list) => list.some((e) => e.status === 'success'),
						20_000,
					);
					expect(executions.filter((e) => e.status === 'success')).toHaveLength(1);
				} finally {
					await ctx.rest.deactivateWorkflow('sgDemoInboundReply');
				}
			},
		},
	],

	secrets: (ctx) => [apiKeyOf(ctx), DEFAULT_PANEL.password],
};
