import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { OtpVerificationApi } from '../../credentials/OtpVerificationApi.credentials';
import { OtpVerification } from '../../nodes/OtpVerification/OtpVerification.node';
import { startDataTablesSandbox, type DataTablesSandbox } from '../../sandbox/datatables';
import { executeNode, testCredential } from '../harness';

export const HASHING_KEY = 'test-hashing-key-0123456789abcdef';
export const TABLE = 'otp_challenges';
export const credentialTypes = [new OtpVerificationApi()];

export function credentialData(sandbox: DataTablesSandbox, overrides: IDataObject = {}): IDataObject {
	return { n8nUrl: sandbox.url, apiKey: sandbox.apiKey, tableName: TABLE, hashingKey: HASHING_KEY, ignoreSslIssues: false, ...overrides };
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentials?: IDataObject;
	/** Run the node as n8n's AI-tool variant (`otpVerificationTool`). */
	asTool?: boolean;
}

class OtpVerificationTool extends OtpVerification {
	constructor() {
		super();
		this.description = { ...this.description, name: 'otpVerificationTool' };
	}
}

export async function run(sandbox: DataTablesSandbox, parameters: INodeParameters, options: RunOptions = {}) {
	return await executeNode({
		nodeType: options.asTool ? new OtpVerificationTool() : new OtpVerification(),
		parameters,
		items: options.items,
		credentials: { otpVerificationApi: credentialData(sandbox, options.credentials) as never },
		credentialTypes,
		continueOnFail: options.continueOnFail,
	});
}

/** Issue for one phone; limits default to no cooldown so tests can resend at once. */
export async function issue(sandbox: DataTablesSandbox, phone: string, extra: INodeParameters = {}) {
	const result = await run(sandbox, {
		resource: 'challenge',
		operation: 'issue',
		phone,
		limits: { resendCooldownSeconds: 0 },
		...extra,
	});
	if (result.error) throw result.error;
	return result.output![0][0].json;
}

export async function verify(sandbox: DataTablesSandbox, phone: string, code: string, options: IDataObject = {}, limits: IDataObject = {}) {
	const result = await run(sandbox, { resource: 'challenge', operation: 'verify', phone, code, options: options as never, limits: limits as never });
	if (result.error) throw result.error;
	return result.output![0][0].json;
}

export async function testStoreCredential(sandbox: DataTablesSandbox, overrides: IDataObject = {}) {
	return await testCredential({ credentialType: new OtpVerificationApi(), data: credentialData(sandbox, overrides) as never, nodeTypes: [new OtpVerification()] });
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));

export { startDataTablesSandbox, type DataTablesSandbox };

/** A code that is not `code` (same length). */
export function otherCode(code: string): string {
	return code.replace(/^./, (d) => String((Number(d) + 1) % 10));
}
