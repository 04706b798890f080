/** The SepahanGostar row: its sandbox starts from the row, with the credential data and the inbound command. */
import { providers } from '../../manifest';
import type { SepahanGostarSandbox } from '../../sandbox/sepahangostar';

const row = providers.find((x) => x.id === 'sepahanGostar')!;

it('starts the SepahanGostar sandbox from its row, with its credential data and a working inbound command', async () => {
	expect(row.sandbox.defaultPort).toBe(47811);
	expect(row.credentials.map((c) => c.type)).toEqual(['sepahanGostarApi', 'sepahanGostarPanelApi']);
	const running = (await row.sandbox.start({ port: 0 })) as SepahanGostarSandbox;
	try {
		expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(row.credentials[0].sandbox.data(running)).toEqual({
			baseUrl: running.url,
			apiKey: running.apiKey,
			ignoreSslIssues: false,
		});
		expect(row.credentials[1].sandbox.data(running)).toEqual({
			baseUrl: running.url,
			userName: 'testuser',
			password: 'sandbox-pass-123456',
			domainName: 'sepahansms',
			ignoreSslIssues: false,
		});
		expect(row.capabilities.apiKey!(running)).toBe(running.apiKey);
		const howToAddInbound = row.capabilities.inboundSms!(running);
		expect(howToAddInbound).toContain(`curl -s -X POST ${running.url}/__sandbox/inbound`);
		const body = /-d '([^']*)'/.exec(howToAddInbound)![1];
		const add = await fetch(`${running.url}/__sandbox/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
		});
		expect(add.status).toBe(200);
		const got = await fetch(`${running.url}/api/SmsReport/Receive`, {
			method: 'POST',
			headers: { authorization: running.apiKey, 'content-type': 'application/json' },
			body: '{"markAsRead":false}',
		});
		expect(((await got.json()) as { value: unknown[] }).value).toHaveLength(1);
	} finally {
		await running.close();
	}
});

it('its credit command sets the sandbox balance', async () => {
	const running = (await row.sandbox.start({ port: 0 })) as SepahanGostarSandbox;
	try {
		const command = row.capabilities.credit!(running);
		expect(command).toContain(`curl -s -X POST ${running.url}/__sandbox/credit`);
		const body = /-d '([^']*)'/.exec(command)![1];
		const set = await fetch(`${running.url}/__sandbox/credit`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
		});
		expect(set.status).toBe(200);
		expect(running.credit()).toBe(500n);
	} finally {
		await running.close();
	}
});
