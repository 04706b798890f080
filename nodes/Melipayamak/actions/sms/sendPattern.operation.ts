import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ProviderError } from '../../../shared/errors';
import { readMobileNumbers } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { bodyIdField, NO_RESEND_NOTE, readBodyId, readVariables, recipientField, optionsField } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Send Pattern',
	description: 'Send an approved template from the shared service line (reaches blacklisted numbers), one request per number',
	action: 'Send a pattern SMS',
};

export const description: INodeProperties[] = [
	{ displayName: NO_RESEND_NOTE, name: 'noResendNotice', type: 'notice', default: '' },
	recipientField('Mobile numbers: one, a list or an array. Each number is sent its own request (the API takes one number per call).'),
	bodyIdField,
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Ali;48213',
		description: "The template's variables in order, separated by \";\" (or an array from an expression). No variable may contain \";\" or a link.",
	},
	optionsField([timeoutOption(SEND_AFTER_TIMEOUT)]),
];

interface PatternEntry extends PipelineEntry {
	to: string;
	bodyId: number;
	variables: string[];
}

/** Pattern sends in flight at once (one number per request). */
export const PATTERN_CONCURRENCY = 5;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runItemPipeline<PatternEntry>(this, items.length, {
		read: (itemIndex) => {
			const recipients = readMobileNumbers(this, itemIndex, { parameter: 'to', label: 'To', single: false });
			const bodyId = readBodyId(this, itemIndex);
			const variables = readVariables(this, itemIndex, { parameter: 'variables', label: 'Variables' });
			return recipients.map((to) => ({ itemIndex, to, bodyId, variables }));
		},
		groupKey: (entry) => `${entry.itemIndex}|${entry.to}`,
		batchSize: 1,
		sideEffect: true,
		maxInFlight: PATTERN_CONCURRENCY,
		send: async ({ entries: [entry] }, request) => {
			const recId = await client.sendPattern(request, { to: entry.to, bodyId: entry.bodyId, variables: entry.variables });
			return [{ recId, status: 'accepted', to: entry.to, bodyId: entry.bodyId }];
		},
		failedJson: (entry, _batch, error) => ({
			to: entry.to,
			bodyId: entry.bodyId,
			recId: null,
			status: error instanceof ProviderError && error.ambiguous ? 'unknown' : 'failed',
		}),
	});
}
