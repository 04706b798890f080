/**
 * A manifest row for a provider the package does not have: node only, no trigger, no API key, no
 * inbound SMS, no credit; identifier/secret credentials. Its node file does not exist: nothing that
 * `npm start`, `npm run sandbox`, the e2e suite or the screenshots compute from rows needs it.
 */
import { defineProvider } from '../../../manifest';
import { startFakeSmsSandbox, type FakeSmsSandbox } from './emulator';

export const fakeSms = defineProvider<FakeSmsSandbox>({
	id: 'fakeSms',
	title: 'FakeSms',
	node: { name: 'fakeSms', file: 'nodes/FakeSms/FakeSms.node.ts' },
	credentials: [
		{
			type: 'fakeSmsApi',
			file: 'credentials/FakeSmsApi.credentials.ts',
			sandbox: {
				id: 'fakeSandbox000000001',
				name: 'FakeSms sandbox',
				data: (sb) => ({ baseUrl: sb.url, identifier: sb.identifier, secret: sb.secret }),
				testable: true,
			},
		},
	],
	sandbox: { defaultPort: 47899, start: (options) => startFakeSmsSandbox(options) },
	capabilities: {},
	demo: { folder: 'test/manifest/fakeSms/workflows', screenshot: 'fakeDemoSend' },
	e2e: 'test/manifest/fakeSms/e2e-cases.ts',
});
