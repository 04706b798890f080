/** E2e table for the ChinaTrainTickets node and credential, run against its sandbox in the real n8n. */
import { DEFAULT_SIGNING_KEY, MESSAGES } from '../../../sandbox/chinatraintickets/constants';
import { credentialRef, runNode, runSaved, type ExecutionResult } from '../helpers';
import type { CaseContext, ProviderE2e } from './types';

const NODE = 'n8n-nodes-sms-otp.chinaTrainTickets';
const api = { chinaTrainTicketsApi: credentialRef('chinaTrainTickets', 'chinaTrainTicketsApi') };
const CLIENT = 'c395c016-ad85-40d9-963b-9255d4957d4c';
const IMG = '7K3P';
const DEMO_CODE = '246810';

interface OutboxEntry {
	username: string;
	phone_number: string;
	code: string;
	used: boolean;
}

interface LoggedRequest {
	method: string;
	path: string;
	body: string;
	headers: Record<string, string>;
}

function expectSuccess(result: ExecutionResult): void {
	if (result.execution.status !== 'success') {
		throw new Error(
			`execution ${result.execution.id} ended "${result.execution.status}": ${result.error?.message ?? ''}`,
		);
	}
}

const sendParams = (username: string) => ({
	resource: 'member',
	operation: 'sendPasswordResetCode',
	username,
	phoneNumber: '',
	imageCode: IMG,
	clientId: CLIENT,
	options: {},
});

async function apiRequests(ctx: CaseContext, path: string): Promise<LoggedRequest[]> {
	return (await ctx.sb.requests<LoggedRequest[]>()).filter((r) => r.path.toLowerCase() === path);
}

async function members(ctx: CaseContext): Promise<Array<{ username: string; password: string }>> {
	return await ctx.sb.call('GET', '/members');
}

async function sendCodeFor(ctx: CaseContext, username: string): Promise<void> {
	const result = await runNode(ctx, `e2e helper: send a code to ${username}`, {
		type: NODE,
		credentials: api,
		parameters: sendParams(username),
	});
	expectSuccess(result);
}

export const cases: ProviderE2e = {
	operationCases: [
		{
			title: 'Send Password Reset Code: one signed request per item, the answer as returned',
			covers: 'member.sendPasswordResetCode',
			node: { type: NODE, credentials: api, parameters: { ...sendParams('={{ $json.user }}') } },
			input: [{ user: 'traveller01' }, { user: 'traveller02' }],
			async check(result, ctx) {
				expectSuccess(result);
				const items = result.output();
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				for (const { json } of items)
					expect(json).toEqual({ code: 1, message: MESSAGES.codeSent, data: { state: 'sent' } });
				const outbox = await ctx.sb.call<OutboxEntry[]>('GET', '/outbox');
				expect(outbox.map((e) => e.username)).toEqual(['traveller01', 'traveller02']);
				const requests = await apiRequests(ctx, '/api/member/retrievepwd/sendcode');
				expect(requests).toHaveLength(2);
				for (const request of requests) {
					const body = JSON.parse(request.body) as Record<string, unknown>;
					expect(body.terminal).toBe(1);
					expect(body.time_stamp).toMatch(/^[0-9]{14}$/);
					expect(typeof body.random).toBe('number');
					expect(body.sign).toMatch(/^[0-9a-f]{64}$/);
					expect(request.headers.accept).toBe('application/json');
				}
			},
		},
		{
			title: 'Reset Password: sets the new password with the code; neither appears in the output',
			covers: 'member.resetPassword',
			node: {
				type: NODE,
				credentials: api,
				parameters: {
					resource: 'member',
					operation: 'resetPassword',
					username: 'traveller01',
					verificationCode: DEMO_CODE,
					newPassword: ' E2e-New-Pass ',
					options: {},
				},
			},
			async before(ctx) {
				await ctx.sb.call('POST', '/switches', { fixedCode: DEMO_CODE });
				await sendCodeFor(ctx, 'traveller01');
			},
			async check(result, ctx) {
				expectSuccess(result);
				const [item] = result.output();
				expect(item.json).toEqual({ code: 1, message: MESSAGES.passwordChanged, data: 'ok' });
				expect(JSON.stringify(item)).not.toContain(DEMO_CODE);
				expect(JSON.stringify(item)).not.toContain('E2e-New-Pass');
				expect((await members(ctx)).find((m) => m.username === 'traveller01')?.password).toBe(
					' E2e-New-Pass ',
				);
				const [request] = await apiRequests(ctx, '/api/member/retrievepwd/updatepwd');
				expect(request.body).toContain('"new_password":"***"');
			},
		},
	],
	errorCases: [
		{
			title: 'an unknown member: English error with the code and the service message, one request',
			covers: 'member.sendPasswordResetCode',
			node: { type: NODE, credentials: api, parameters: sendParams('nobody') },
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				expect(result.error?.message).toBe(
					`ChinaTrainTickets error 0: The service refused the request: ${MESSAGES.memberNotFound}`,
				);
				expect(await apiRequests(ctx, '/api/member/retrievepwd/sendcode')).toHaveLength(1);
			},
		},
		{
			title:
				'a signature refused with HTTP 401 reaches the service once (no n8n resend), code and status kept',
			covers: 'member.sendPasswordResetCode',
			node: { type: NODE, credentials: api, parameters: sendParams('traveller01') },
			async before(ctx) {
				await ctx.sb.call('POST', '/key', { signingKey: 'another-key-than-the-credential' });
				await ctx.sb.call('POST', '/switches', { signatureFailureStatus: 401 });
			},
			async check(result, ctx) {
				expect(result.execution.status).toBe('error');
				expect(result.error?.message).toBe(
					`ChinaTrainTickets error -1: The service refused the request: ${MESSAGES.signMismatch} (HTTP 401)`,
				);
				expect(await apiRequests(ctx, '/api/member/retrievepwd/sendcode')).toHaveLength(1);
				expect(await ctx.sb.call<OutboxEntry[]>('GET', '/outbox')).toHaveLength(0);
			},
		},
		{
			title:
				'a reply lost after the code was sent is not resent; Continue On Fail says it may have been sent',
			covers: 'member.sendPasswordResetCode',
			node: {
				type: NODE,
				credentials: api,
				onError: 'continueRegularOutput',
				parameters: sendParams('traveller01'),
			},
			async before(ctx) {
				await ctx.sb.call('POST', '/fault', { route: 'sendcode', kind: 'resetAfter' });
			},
			async check(result, ctx) {
				expectSuccess(result);
				const [item] = result.output();
				expect(item.json).toEqual(
					expect.objectContaining({
						mayHaveBeenAccepted: true,
						error: expect.stringMatching(/^ChinaTrainTickets error: /),
					}),
				);
				expect(item.pairedItem).toEqual({ item: 0 });
				expect(await ctx.sb.call<OutboxEntry[]>('GET', '/outbox')).toHaveLength(1);
				expect(await apiRequests(ctx, '/api/member/retrievepwd/sendcode')).toHaveLength(1);
			},
		},
	],
	credentialTests: [
		{
			title:
				'the stored credential passes: host reachable, signing self-check; the key is proven by the first call',
			type: 'chinaTrainTicketsApi',
			expectStatus: 'OK',
			expectMessage: /test vector A\. The Signing Key itself is proven only by the first real call/,
		},
		{
			title: 'an empty Signing Key fails',
			type: 'chinaTrainTicketsApi',
			override: { signingKey: '' },
			expectStatus: 'Error',
			expectMessage: /The Signing Key is empty/,
		},
		{
			title: 'a host that does not answer fails',
			type: 'chinaTrainTicketsApi',
			override: { baseUrl: 'http://127.0.0.1:9' },
			expectStatus: 'Error',
			expectMessage: /could not be reached/,
		},
		{
			title: 'a host without the service help page fails',
			type: 'chinaTrainTicketsApi',
			before: async (ctx) => {
				await ctx.sb.call('POST', '/fault', { route: 'help', kind: 'html500' });
			},
			expectStatus: 'Error',
			expectMessage: /answered HTTP 500/,
		},
	],
	demos: [
		{
			title: 'step 1 sends the sample member a code',
			workflowId: 'cttDemoSendResetCode',
			trigger: 'Try with a sample member',
			async run(ctx) {
				const result = await runSaved(ctx, 'cttDemoSendResetCode', 'Try with a sample member');
				expectSuccess(result);
				expect(result.output('Send Password Reset Code')[0].json).toEqual({
					code: 1,
					message: MESSAGES.codeSent,
					data: { state: 'sent' },
				});
				expect((await ctx.sb.call<OutboxEntry[]>('GET', '/outbox')).map((e) => e.username)).toEqual(
					['traveller01'],
				);
			},
		},
		{
			title: 'step 2 sets the new password with the sample code after step 1',
			workflowId: 'cttDemoResetPassword',
			trigger: 'Try with the sample code',
			async run(ctx) {
				await ctx.sb.call('POST', '/switches', { fixedCode: DEMO_CODE });
				expectSuccess(await runSaved(ctx, 'cttDemoSendResetCode', 'Try with a sample member'));
				const result = await runSaved(ctx, 'cttDemoResetPassword', 'Try with the sample code');
				expectSuccess(result);
				expect(result.output('Reset Password')[0].json).toEqual({
					code: 1,
					message: MESSAGES.passwordChanged,
					data: 'ok',
				});
				expect((await members(ctx)).find((m) => m.username === 'traveller01')?.password).toBe(
					'Demo-New-Pass-1',
				);
			},
		},
	],
	// The sandbox's signing key (the row declares no API key; the key is the emulator's fixed default).
	secrets: () => [DEFAULT_SIGNING_KEY],
};
