import * as net from 'node:net';

import { ChinaTrainTicketsApi } from '../../credentials/ChinaTrainTicketsApi.credentials';
import { ChinaTrainTickets } from '../../nodes/ChinaTrainTickets/ChinaTrainTickets.node';
import { testCredential } from '../harness';
import {
	startChinaTrainTicketsSandbox,
	VECTOR_A,
	type ChinaTrainTicketsSandbox,
} from '../../sandbox/chinatraintickets';
import { apiRequests } from './setup';

let sandbox: ChinaTrainTicketsSandbox;
beforeAll(async () => {
	sandbox = await startChinaTrainTicketsSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const check = (data: Record<string, unknown>) =>
	testCredential({
		credentialType: new ChinaTrainTicketsApi(),
		data: { baseUrl: sandbox.url, signingKey: 'any-key', ...data },
		nodeTypes: [new ChinaTrainTickets()],
	});

describe('credential test (no harmless signed request exists, so nothing is signed or sent)', () => {
	it('passes when a key is present, the signing code matches vector A and the host answers; says the key is proven later', async () => {
		const result = await check({});
		expect(result).toEqual({
			status: 'OK',
			message:
				'The host answers and the signing code matches test vector A. The Signing Key itself is proven only by the first real call: a wrong key is then refused with a code other than 1.',
		});
		expect(apiRequests(sandbox).map((request) => [request.method, request.path])).toEqual([
			['GET', '/Help/Api/POST-api-member-retrievepwd-sendcode'],
		]);
		expect(sandbox.outbox()).toHaveLength(0);
	});

	it('any key passes it (the key cannot be checked without a side effect), and no key is sent', async () => {
		expect((await check({ signingKey: 'certainly-wrong' })).status).toBe('OK');
		expect(JSON.stringify(sandbox.requests())).not.toContain('certainly-wrong');
	});

	it('fails for an empty key, without a request', async () => {
		expect(await check({ signingKey: '' })).toEqual({
			status: 'Error',
			message:
				'The Signing Key is empty. Enter the signing key of your ChinaTrainTickets client application.',
		});
		expect(apiRequests(sandbox)).toHaveLength(0);
	});

	it('fails for a Base URL that is not an absolute http(s) URL', async () => {
		expect((await check({ baseUrl: 'api.chinatraintickets.net' })).message).toBe(
			'The Base URL must be an absolute http:// or https:// URL, got "api.chinatraintickets.net".',
		);
		expect((await check({ baseUrl: 'ftp://example.com' })).status).toBe('Error');
	});

	it('fails when the host does not serve the help page, or cannot be reached', async () => {
		sandbox.injectFault({ route: 'help', kind: 'html500' });
		expect((await check({})).message).toBe(
			`The Base URL ${sandbox.url} answered HTTP 500 for the service's help page /Help/Api/POST-api-member-retrievepwd-sendcode; check the host.`,
		);
		expect((await check({ baseUrl: `${sandbox.url}/elsewhere` })).message).toContain(
			'answered HTTP 404',
		);
		const free = net.createServer();
		await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
		const port = (free.address() as net.AddressInfo).port;
		await new Promise<void>((resolve) => free.close(() => resolve()));
		expect((await check({ baseUrl: `http://127.0.0.1:${port}` })).message).toBe(
			`The Base URL http://127.0.0.1:${port} could not be reached (ECONNREFUSED).`,
		);
	});

	it('normalises the Base URL like the node does', async () => {
		expect((await check({ baseUrl: `${sandbox.url}/api/` })).status).toBe('OK');
	});
});

describe('node and credential descriptions', () => {
	it('ships no key, not even the test vector one, and hides the key', () => {
		const credential = new ChinaTrainTicketsApi();
		const key = credential.properties.find((property) => property.name === 'signingKey')!;
		expect(key).toMatchObject({ default: '', required: true, typeOptions: { password: true } });
		expect(JSON.stringify(credential)).not.toContain(VECTOR_A.key);
		expect(credential.properties.find((property) => property.name === 'baseUrl')!.default).toBe(
			'http://api.chinatraintickets.net',
		);
	});

	it('is usable as a tool, tested by its own function, with the two Member operations', () => {
		const node = new ChinaTrainTickets();
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.credentials).toEqual([
			{ name: 'chinaTrainTicketsApi', required: true, testedBy: 'chinaTrainTicketsApiTest' },
		]);
		expect(typeof node.methods.credentialTest.chinaTrainTicketsApiTest).toBe('function');
		const operation = node.description.properties.find(
			(property) => property.name === 'operation',
		)!;
		expect(operation.options!.map((option) => (option as { value: string }).value)).toEqual([
			'resetPassword',
			'sendPasswordResetCode',
		]);
		const secretFields = node.description.properties
			.filter((property) => property.typeOptions?.password)
			.map((property) => property.name);
		expect(secretFields.sort()).toEqual(['newPassword', 'verificationCode']);
	});
});
