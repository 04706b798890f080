/**
 * A provider added to the manifest appears in `npm start`, `npm run sandbox`, the e2e suite and the
 * screenshots with no change to their code: an extra row (test/manifest/fakeSms/: a tiny emulator,
 * node only, no trigger, no API key, no inbound SMS, no credit) is passed to the very functions those
 * four call, next to the real rows. n8n is not started.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { providers, repoRoot, type ProviderRow } from '../../manifest';
import {
	activeDemoWorkflowIds,
	demoHints,
	seedCredentials,
	seedWorkflows,
} from '../../scripts/lib/demo';
import {
	describeSandbox,
	sandboxPort,
	sandboxPortNeeds,
	startHints,
	startSandboxes,
	stopSandboxes,
	type RunningSandbox,
} from '../../scripts/lib/sandboxes';
import { screenshotTargets } from '../../scripts/lib/screenshot-targets';
import { collectE2e, triggerCases } from '../e2e/cases';
import { credentialRef } from '../e2e/helpers';
import { e2eSandboxes } from '../e2e/state';
import { fakeSms } from './fakeSms/row';

const rows: ProviderRow[] = [...providers, fakeSms];
const sepahanGostar = providers.find((row) => row.id === 'sepahanGostar')!;

let running: RunningSandbox[] = [];
const fake = () => running.find((s) => s.row === fakeSms)!;
const real = () => running.find((s) => s.row === sepahanGostar)!;

beforeAll(async () => {
	// What `npm start` (bringUp) and `npm run sandbox` do first: start every row's sandbox.
	running = await startSandboxes(() => 0, rows);
});

afterAll(async () => {
	await stopSandboxes(running);
});

describe('npm run sandbox', () => {
	test('starts the extra row’s emulator with the others, and it answers on 127.0.0.1', async () => {
		expect(running.map((s) => s.row.id)).toEqual(rows.map((row) => row.id));
		expect(fake().handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const form = new URLSearchParams({
			identifier: 'fake-identifier',
			secret: 'fake-secret-0123456789',
			text: 'hi',
		});
		const response = await fetch(`${fake().handle.url}/send`, { method: 'POST', body: form });
		expect(await response.json()).toEqual({ result: 'success', id: '1' });
	});

	test('prints what the row declares: URL, credential data, control surface; no API key, inbound or credit command', () => {
		const lines = describeSandbox(fake());
		const url = fake().handle.url;
		expect(lines).toEqual([
			`FakeSms sandbox: ${url}`,
			`  n8n credential "fakeSmsApi": {"baseUrl":"${url}","identifier":"fake-identifier","secret":"fake-secret-0123456789"}`,
			`  Control surface: ${url}/__sandbox`,
		]);
		// The real row declares all three, and gets them.
		const real_ = describeSandbox(real()).join('\n');
		expect(real_).toContain('API key (test):');
		expect(real_).toContain('Add an inbound SMS:');
		expect(real_).toContain('Set the credit:');
	});

	test('reads its port from SANDBOX_PORT_FAKESMS, else the row default', () => {
		expect(sandboxPort(fakeSms, { env: {}, allowAny: true })).toBe(47899);
		expect(sandboxPort(fakeSms, { env: { SANDBOX_PORT_FAKESMS: '0' }, allowAny: true })).toBe(0);
		expect(() => sandboxPort(fakeSms, { env: { SANDBOX_PORT_FAKESMS: '0' } })).toThrow(
			/SANDBOX_PORT_FAKESMS="0" is not a port number \(1-65535\)/,
		);
	});
});

describe('npm start', () => {
	test('checks the extra sandbox’s port, and names its variable', () => {
		const needs = sandboxPortNeeds(rows, (row) => sandboxPort(row, { env: {} }));
		expect(needs).toContainEqual({
			port: 47899,
			purpose: 'FakeSms sandbox',
			envVar: 'SANDBOX_PORT_FAKESMS',
		});
		expect(needs).toHaveLength(rows.length);
	});

	test('imports the extra row’s credential, pointing at its running sandbox, next to the real ones', () => {
		const credentials = seedCredentials(running);
		expect(credentials).toContainEqual({
			id: 'fakeSandbox000000001',
			name: 'FakeSms sandbox',
			type: 'fakeSmsApi',
			data: {
				baseUrl: fake().handle.url,
				identifier: 'fake-identifier',
				secret: 'fake-secret-0123456789',
			},
		});
		expect(credentials.map((c) => c.type)).toEqual(
			expect.arrayContaining(sepahanGostar.credentials.map((c) => c.type)),
		);
	});

	test('imports the extra row’s demo workflow, inactive, and activates only the declared triggers', () => {
		const workflows = seedWorkflows(rows);
		expect(workflows.map((w) => w.id)).toEqual(
			expect.arrayContaining(['fakeDemoSend', ...seedWorkflows(providers).map((w) => w.id)]),
		);
		expect(workflows.find((w) => w.id === 'fakeDemoSend')).toEqual(
			expect.objectContaining({ name: 'Send one SMS (FakeSms sandbox)', active: false }),
		);
		expect(activeDemoWorkflowIds(rows)).toEqual(activeDemoWorkflowIds(providers));
		expect(demoHints(rows)).toEqual(demoHints(providers));
	});

	test('prints the extra sandbox with its credential, and no inbound or credit command it cannot honour', () => {
		const url = fake().handle.url;
		expect(startHints(fake())).toEqual([
			`  FakeSms: ${url}  (credentials: "FakeSms sandbox")`,
			`    More (state, errors, faults, request log): curl -s ${url}/__sandbox`,
		]);
		expect(startHints(real()).join('\n')).toContain('Add an inbound SMS:');
	});
});

describe('the e2e suite', () => {
	test('collects the extra row’s cases, with node and credential types from the row', () => {
		const collected = collectE2e(rows);
		expect(collected.map((p) => p.id)).toEqual(rows.filter((row) => row.e2e).map((row) => row.id));
		const extra = collected.find((p) => p.id === 'fakeSms')!;
		expect(extra.nodeTypes).toEqual(['n8n-nodes-sms-otp.fakeSms']);
		expect(extra.credentialTypes).toEqual(['fakeSmsApi']);
		expect(extra.operationCases.map((c) => c.covers)).toEqual(['sms.send']);
		expect(extra.credentialTests.map((c) => c.type)).toEqual(['fakeSmsApi']);
	});

	test('runs the trigger suite only for rows with a trigger', () => {
		const withTrigger = triggerCases(collectE2e(rows)).map((p) => p.id);
		expect(withTrigger).not.toContain('fakeSms');
		expect(withTrigger).toContain('sepahanGostar');
	});

	test('hands the test files the extra sandbox (no API key) and its stored credential', () => {
		const state = e2eSandboxes(running);
		expect(state).toContainEqual({ id: 'fakeSms', url: fake().handle.url });
		expect(state.find((s) => s.id === 'sepahanGostar')?.apiKey).toMatch(/^[0-9a-f]{32}$/);
		expect(credentialRef('fakeSms', 'fakeSmsApi', rows)).toEqual({
			id: 'fakeSandbox000000001',
			name: 'FakeSms sandbox',
		});
	});

	test('refuses a row whose trigger has no trigger cases', () => {
		const withTrigger: ProviderRow = {
			...fakeSms,
			trigger: { name: 'fakeSmsTrigger', file: 'nodes/FakeSms/FakeSmsTrigger.node.ts' },
		};
		expect(() => collectE2e([withTrigger])).toThrow(/has a trigger, its cases lack `trigger`/);
	});
});

describe('npm run screenshots', () => {
	test('takes the extra row’s demo workflow and operation list, next to the real ones', () => {
		const targets = screenshotTargets(rows);
		expect(targets.filter((t) => t.providerId === 'fakeSms')).toEqual([
			{
				providerId: 'fakeSms',
				kind: 'workflow',
				workflowId: 'fakeDemoSend',
				file: 'docs/images/fakeSms-workflow.png',
			},
			{
				providerId: 'fakeSms',
				kind: 'operations',
				workflowId: 'fakeDemoSend',
				nodeSearch: 'FakeSms',
				file: 'docs/images/fakeSms-operations.png',
			},
		]);
		expect(targets.filter((t) => t.providerId !== 'fakeSms')).toEqual(screenshotTargets(providers));
	});
});

test('the code of the four names no provider: rows come only from the manifest', () => {
	const files = [
		'scripts/start.ts',
		'scripts/sandbox.ts',
		'scripts/screenshots.ts',
		...fs.readdirSync(path.join(repoRoot, 'scripts/lib')).map((f) => `scripts/lib/${f}`),
		...fs
			.readdirSync(path.join(repoRoot, 'test/e2e'))
			.filter((f) => /\.(ts|js)$/.test(f))
			.map((f) => `test/e2e/${f}`),
		'test/e2e/cases/index.ts',
		'test/e2e/cases/types.ts',
	];
	const words = providers.flatMap((row) => [
		row.id,
		row.title,
		...row.credentials.map((c) => c.sandbox.id),
		...(row.demo?.active ?? []),
	]);
	const mentions = files.flatMap((file) => {
		const text = fs.readFileSync(path.join(repoRoot, file), 'utf8').toLowerCase();
		return words.filter((w) => text.includes(w.toLowerCase())).map((w) => `${file}: ${w}`);
	});
	expect(files.length).toBeGreaterThan(15);
	expect(mentions).toEqual([]);
});
