import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { ProviderError } from '../../../shared/errors';
import { readMobileNumbers } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import {
	noResendNotice,
	optionsField,
	readLine,
	recipientField,
	timeoutOption,
} from '../fields';

export const option = {
	name: 'Send Pattern',
	description:
		'Send an approved pattern (template) with its values to one recipient (SendWithPattern)',
	action: 'Send a pattern SMS',
};

export const description: INodeProperties[] = [
	noResendNotice,
	recipientField('09121234567', 'The recipient (one per item)'),
	{
		displayName: 'Pattern Code ID',
		name: 'patternCodeId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The ID of an approved pattern (AmootSMS panel → Features → Patterns)',
	},
	{
		displayName: 'Pattern Values',
		name: 'patternValues',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description:
			"The values of the pattern's variables in order: one per line, or an array from an expression. A value cannot contain a comma (AmootSMS joins values with commas).",
	},
	{
		displayName: 'Line Number',
		name: 'lineNumber',
		type: 'string',
		default: '',
		placeholder: '50004000123',
		description:
			'Your own line to send the pattern from (SendWithPatternOWN). Empty: the service line (SendWithPattern).',
	},
	optionsField([timeoutOption]),
];

interface PatternEntry extends PipelineEntry {
	to: string;
	patternCodeId: number;
	values: string[];
	lineNumber?: string;
}

function readValues(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('patternValues', itemIndex, '') as unknown;
	const values = Array.isArray(raw)
		? raw.map((value) => (value === null || value === undefined ? '' : String(value)))
		: String(raw ?? '')
				.split(/\r?\n/)
				.map((value) => value.trim())
				.filter((value, index, all) => value !== '' || index < all.length - 1);
	const withComma = values.findIndex((value) => value.includes(','));
	if (withComma >= 0) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'Pattern Values',
			`value ${withComma + 1} contains a comma: "${values[withComma]}"`,
			'AmootSMS separates pattern values with commas, so a value cannot contain one.',
		);
	}
	return values;
}

function readPatternId(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('patternCodeId', itemIndex, 0) as unknown;
	const value = typeof raw === 'number' ? raw : Number(toLatinDigits(String(raw ?? '')).trim());
	if (!Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'Pattern Code ID',
			`must be a positive whole number, got ${String(raw)}`,
		);
	}
	return value;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runItemPipeline<PatternEntry>(this, items.length, {
		read: (itemIndex) => {
			const [to] = readMobileNumbers(this, itemIndex, {
				parameter: 'to',
				label: 'To',
				single: true,
			});
			return [
				{
					itemIndex,
					to,
					patternCodeId: readPatternId(this, itemIndex),
					values: readValues(this, itemIndex),
					lineNumber: readLine(this, itemIndex, 'lineNumber', 'Line Number', true),
				},
			];
		},
		groupKey: (entry) => String(entry.itemIndex),
		batchSize: 1,
		maxInFlight: 5,
		sideEffect: true,
		send: async ({ entries: [entry] }, request) => {
			const result = await client.sendPattern(request, {
				mobile: entry.to,
				patternCodeId: entry.patternCodeId,
				values: entry.values,
				lineNumber: entry.lineNumber,
			});
			return [
				{
					status: 'sent',
					messageId: result.messageId ?? null,
					to: entry.to,
					lineNumber: result.lineNumber || (entry.lineNumber ?? null),
					patternCodeId: entry.patternCodeId,
					patternValues: entry.values,
				},
			];
		},
		failedJson: (entry, _batch, error) => ({
			status: error instanceof ProviderError && error.ambiguous ? 'unknown' : 'failed',
			messageId: null,
			to: entry.to,
			patternCodeId: entry.patternCodeId,
		}),
	});
}
