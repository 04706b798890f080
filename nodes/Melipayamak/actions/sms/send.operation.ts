import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ProviderError } from '../../../shared/errors';
import { readLineNumber, readMobileNumbers, readText } from '../../../shared/inputs';
import type { Batch, PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import { countSmsParts } from '../../../shared/smsParts';
import { invalidInput } from '../../../shared/validation';
import { toLatinDigits } from '../../../shared/digits';
import * as client from '../../transport/client';
import type { SendOutcome } from '../../transport/codes';
import { NO_RESEND_NOTE, recipientField } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Send', description: 'Send one text to one or many numbers, 100 per request', action: 'Send an SMS' };

export const description: INodeProperties[] = [
	{ displayName: NO_RESEND_NOTE, name: 'noResendNotice', type: 'notice', default: '' },
	{
		displayName: 'From (Sender Line)',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: '50002710000000',
		description: "One of your dedicated lines (the panel's public lines cannot send through the API, error 9)",
	},
	recipientField(
		'Mobile numbers: one, a comma- or line-separated list, or an array from an expression. Items with the same sender and text are sent together, 100 numbers per request.',
		'09121234567, 09351234567',
	),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'The text. Persian text takes 70 characters per SMS (67 per part when longer).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Append Opt-Out',
				name: 'appendOptOut',
				type: 'boolean',
				default: true,
				description: `Whether to add a line "${client.OPT_OUT_PHRASE}" to a text sent to more than one number when it lacks it (the provider refuses such sends, error 15). Off: such an item fails before anything is sent.`,
			},
			{ displayName: 'Flash SMS', name: 'isFlash', type: 'boolean', default: false, description: 'Whether to send as a flash SMS (shown on screen, not stored)' },
			timeoutOption(SEND_AFTER_TIMEOUT),
		],
	},
];

interface SendEntry extends PipelineEntry {
	from: string;
	to: string;
	text: string;
	isFlash: boolean;
	/** Only texts with the opt-out phrase may share a request with other numbers. */
	batchable: boolean;
}

export function hasOptOut(text: string): boolean {
	return toLatinDigits(text).includes(client.OPT_OUT_PHRASE);
}

function recipientJson(entry: SendEntry): IDataObject {
	const parts = countSmsParts(entry.text);
	return { to: entry.to, from: entry.from, parts: parts.parts, encoding: parts.encoding, characters: parts.characters };
}

function outcomeJson(entry: SendEntry, outcome: SendOutcome, batch: Batch<SendEntry>, via: string): IDataObject {
	const base = { ...recipientJson(entry), batch: { index: batch.index, size: batch.entries.length, via } };
	if (outcome.ok) return { recId: outcome.recId, status: 'accepted', ...base };
	return { recId: null, status: 'rejected', ...base, errorCode: outcome.error.code, errorText: outcome.error.text };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runItemPipeline<SendEntry>(this, items.length, {
		read: (itemIndex) => {
			const from = readLineNumber(this, itemIndex, { parameter: 'from', label: 'From (Sender Line)' }) as string;
			let text = readText(this, itemIndex, { parameter: 'message', label: 'Message' });
			const recipients = readMobileNumbers(this, itemIndex, { parameter: 'to', label: 'To', single: false });
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const appendOptOut = options.appendOptOut !== false;
			if (recipients.length > 1 && !hasOptOut(text)) {
				if (!appendOptOut) {
					throw invalidInput(
						this.getNode(),
						itemIndex,
						'Message',
						`must contain "${client.OPT_OUT_PHRASE}" to be sent to ${recipients.length} numbers (the provider refuses it otherwise, error 15)`,
						'Add the phrase to the text, or turn on the "Append Opt-Out" option.',
					);
				}
				text = `${text}\n${client.OPT_OUT_PHRASE}`;
			}
			const isFlash = options.isFlash === true;
			const batchable = hasOptOut(text);
			return recipients.map((to) => ({ itemIndex, from, to, text, isFlash, batchable }));
		},
		// Same sender, text and flash flag share a request; a text without the opt-out phrase goes alone.
		groupKey: (entry) => JSON.stringify(entry.batchable ? [entry.from, entry.text, entry.isFlash] : ['solo', entry.itemIndex, entry.to, entry.text]),
		batchSize: client.MAX_RECIPIENTS_PER_SEND,
		sideEffect: true,
		maxInFlight: 2,
		send: async (batch, request) => {
			const [first] = batch.entries;
			if (batch.entries.length === 1) {
				const outcome = await client.sendSms(request, { from: first.from, to: first.to, text: first.text, isFlash: first.isFlash });
				return [outcomeJson(first, outcome, batch, 'SendSMS')];
			}
			const outcomes = await client.sendSimpleSms(request, {
				from: first.from,
				to: batch.entries.map((entry) => entry.to),
				text: first.text,
				isFlash: first.isFlash,
			});
			return batch.entries.map((entry, position) => outcomeJson(entry, outcomes[position], batch, 'SendSimpleSMS'));
		},
		failedJson: (entry, _batch, error) => ({
			...recipientJson(entry),
			recId: null,
			status: error instanceof ProviderError && error.ambiguous ? 'unknown' : 'failed',
		}),
	});
}
