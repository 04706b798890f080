import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ProviderError } from '../../../shared/errors';
import { readMobileNumbers, readText } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { toTehranIso } from '../../transport/dates';
import {
	lineNumberField,
	messageField,
	noResendNotice,
	optionsField,
	readLine,
	readSendAt,
	recipientField,
	sendAtOption,
	sendDateTimeText,
	timeoutOption,
} from '../fields';

export const option = {
	name: 'Send Peer-to-Peer',
	description: 'Send each item its own text (SendPeerToPeer), 100 messages per request',
	action: 'Send peer to peer SMS',
};

export const description: INodeProperties[] = [
	noResendNotice,
	lineNumberField('The sending line: "public" or one of your lines'),
	recipientField('09121234567', "The recipient of this item's text (one per item)"),
	messageField("This item's text, usually an expression such as {{ $json.text }}"),
	optionsField([sendAtOption, timeoutOption]),
];

interface PeerEntry extends PipelineEntry {
	to: string;
	text: string;
	lineNumber: string;
	sendAt?: Date;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runItemPipeline<PeerEntry>(this, items.length, {
		read: (itemIndex) => {
			const lineNumber = readLine(this, itemIndex, 'lineNumber', 'Line Number') as string;
			const [to] = readMobileNumbers(this, itemIndex, {
				parameter: 'to',
				label: 'To',
				single: true,
			});
			const text = readText(this, itemIndex, { parameter: 'message', label: 'Message' });
			return [
				{
					itemIndex,
					to,
					text,
					lineNumber,
					sendAt: readSendAt(this, itemIndex),
				},
			];
		},
		groupKey: (entry) =>
			JSON.stringify([entry.lineNumber, entry.sendAt?.toISOString() ?? '']),
		batchSize: client.DEFAULT_RECIPIENTS_PER_REQUEST,
		sideEffect: true,
		send: async (batch, request) => {
			const first = batch.entries[0];
			const result = await client.sendPeerToPeer(request, {
				sendDateTime: sendDateTimeText(first.sendAt),
				lineNumber: first.lineNumber,
				messages: batch.entries.map((entry) => ({ mobile: entry.to, text: entry.text })),
			});
			// AmootSMS groups the messages into one campaign per text and reports failures only as a count.
			const sent = new Map<
				string,
				Array<{ messageId?: string; campaignId?: string; pages: number }>
			>();
			for (const campaign of result.campaigns) {
				for (const number of campaign.numbers) {
					const key = `${number.mobile}\u0000${campaign.text}`;
					const queue = sent.get(key) ?? [];
					queue.push({
						messageId: number.messageId,
						campaignId: campaign.campaignId,
						pages: campaign.pages,
					});
					sent.set(key, queue);
				}
			}
			return batch.entries.map((entry) => {
				const match = sent.get(`${entry.to}\u0000${entry.text}`)?.shift();
				return {
					status: match ? 'sent' : 'rejected',
					messageId: match?.messageId ?? null,
					campaignId: match?.campaignId ?? null,
					to: entry.to,
					lineNumber: entry.lineNumber,
					pages: match?.pages ?? null,
					...(match
						? {}
						: {
								error: `AmootSMS did not send this message (the request reported ${result.failedCount} failed): the number may be on the blacklist, or the text too long`,
							}),
					scheduledAt: entry.sendAt ? toTehranIso(entry.sendAt) : null,
				};
			});
		},
		failedJson: (entry, _batch, error) => ({
			status: error instanceof ProviderError && error.ambiguous ? 'unknown' : 'failed',
			messageId: null,
			to: entry.to,
			lineNumber: entry.lineNumber,
		}),
	});
}
