import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { ProviderError } from '../../../shared/errors';
import { readMobileNumbers, readText } from '../../../shared/inputs';
import type { PipelineEntry } from '../../../shared/pipeline';
import { runItemPipeline } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { describeStatus } from '../../transport/codes';
import { toTehranIso } from '../../transport/dates';
import { readLine, readSendAt, sendDateTimeText } from '../fields';

/** One recipient of one input item, validated and normalised. */
export interface SimpleSendEntry extends PipelineEntry {
	/** `09XXXXXXXXX` */
	to: string;
	text: string;
	lineNumber: string;
	backupLineNumber?: string;
	sendAt?: Date;
}

export const recipientsPerRequestOption: INodeProperties = {
	displayName: 'Recipients per Request',
	name: 'recipientsPerRequest',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: client.MAX_RECIPIENTS_PER_REQUEST },
	default: 100,
	description:
		"How many recipients travel in one request. AmootSMS does not document a limit; 100 is a safe default. The first item's value applies to the whole run.",
};

function readRecipientsPerRequest(ctx: IExecuteFunctions, itemCount: number): number {
	if (itemCount === 0) return client.DEFAULT_RECIPIENTS_PER_REQUEST;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const value = options.recipientsPerRequest ?? client.DEFAULT_RECIPIENTS_PER_REQUEST;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < 1 ||
		value > client.MAX_RECIPIENTS_PER_REQUEST
	) {
		throw invalidInput(
			ctx.getNode(),
			0,
			'Recipients per Request',
			`must be a whole number from 1 to ${client.MAX_RECIPIENTS_PER_REQUEST}, got ${String(value)}`,
		);
	}
	return value;
}

/** Reads one item of Send / Send with Backup Line into its recipients. */
export function readSimpleSend(
	ctx: IExecuteFunctions,
	itemIndex: number,
	withBackup: boolean,
): SimpleSendEntry[] {
	const lineNumber = readLine(ctx, itemIndex, 'lineNumber', 'Line Number') as string;
	const backupLineNumber = withBackup
		? readLine(ctx, itemIndex, 'backupLineNumber', 'Backup Line Number')
		: undefined;
	const text = readText(ctx, itemIndex, { parameter: 'message', label: 'Message' });
	const recipients = readMobileNumbers(ctx, itemIndex, {
		parameter: 'to',
		label: 'To',
		single: false,
	});
	const sendAt = readSendAt(ctx, itemIndex);
	return recipients.map((to) => ({
		itemIndex,
		to,
		text,
		lineNumber,
		backupLineNumber,
		sendAt,
	}));
}

/**
 * Sends validated recipients grouped by line, text, schedule and timeout, in requests of at most
 * "Recipients per Request", never repeating a request that may have arrived; one output item per
 * recipient, in input order, paired with its input item.
 */
export async function sendSimpleInBatches(
	ctx: IExecuteFunctions,
	itemCount: number,
	withBackup: boolean,
): Promise<INodeExecutionData[]> {
	const batchSize = readRecipientsPerRequest(ctx, itemCount);
	return await runItemPipeline<SimpleSendEntry>(ctx, itemCount, {
		read: (itemIndex) => readSimpleSend(ctx, itemIndex, withBackup),
		groupKey: (entry) =>
			JSON.stringify([
				entry.lineNumber,
				entry.backupLineNumber ?? '',
				entry.text,
				entry.sendAt?.toISOString() ?? '',
			]),
		batchSize,
		sideEffect: true,
		send: async (batch, request) => {
			const first = batch.entries[0];
			const result = await client.sendSimple(request, {
				sendDateTime: sendDateTimeText(first.sendAt),
				text: first.text,
				lineNumber: first.lineNumber,
				mobiles: batch.entries.map((entry) => entry.to),
				backupLineNumber: first.backupLineNumber,
			});
			// Recipients come back in request order; match by number anyway, never by guesswork.
			const byMobile = new Map<string, client.SimpleSendRecipient[]>();
			for (const recipient of result.recipients) {
				const queue = byMobile.get(recipient.mobile);
				if (queue) queue.push(recipient);
				else byMobile.set(recipient.mobile, [recipient]);
			}
			const campaign = {
				recipients: batch.entries.length,
				pages: result.pages,
				price: Number(result.price),
				priceExact: result.price,
			};
			return batch.entries.map((entry) => {
				const recipient = byMobile.get(entry.to)?.shift();
				const json: IDataObject = {
					status: !recipient ? 'unconfirmed' : recipient.status === 'Success' ? 'sent' : 'rejected',
					messageId: recipient?.messageId ?? null,
					campaignId: result.campaignId ?? null,
					to: entry.to,
					lineNumber: entry.lineNumber,
				};
				if (withBackup) {
					json.backupLineNumber = entry.backupLineNumber ?? null;
					json.usedLine = recipient?.usedLine ?? null;
				}
				json.providerStatus = recipient?.status ?? null;
				if (recipient && recipient.status !== 'Success')
					json.error = `AmootSMS: ${describeStatus(recipient.status)}`;
				if (!recipient)
					json.warning =
						"AmootSMS accepted the request but did not report this recipient; check the campaign's deliveries";
				json.scheduledAt = entry.sendAt ? toTehranIso(entry.sendAt) : null;
				json.campaign = campaign;
				return json;
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
