import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toLatinDigits } from '../../../shared/digits';
import { ProviderError } from '../../../shared/errors';
import { readLineNumber } from '../../../shared/inputs';
import type { RequestContext } from '../../../shared/transport';
import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import type { MessageRow } from '../../transport/client';
import { inboundJson } from '../../transport/inbound';
import { lineFilterField, optionsField } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Get Many', description: 'Get received messages without marking them read', action: 'Get received messages' };

export const description: INodeProperties[] = [
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'After Message ID',
		name: 'afterId',
		type: 'string',
		default: '',
		placeholder: '120034',
		description: 'Only messages with a larger MsgID, oldest first. Empty: the newest messages, newest first.',
	},
	lineFilterField,
	optionsField([timeoutOption(READ_AFTER_TIMEOUT)]),
];

/** Pages read at most when an id above 2^31 forces paging newest-first (GetMessagesAfterID takes a 32-bit id). */
export const MAX_FALLBACK_PAGES = 50;

const byIdAscending = (a: MessageRow, b: MessageRow) => {
	const x = BigInt(a.MsgID || '0');
	const y = BigInt(b.MsgID || '0');
	return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Received messages with MsgID > `afterId`, ascending, at most `limit`: `GetMessagesAfterID` when
 * the id fits its 32-bit parameter, else newest-first pages of `getMessages` down to `afterId`.
 * If that boundary is not reached within `maxPages`, the oldest new messages are out of reach and
 * taking the newer ones would skip them: that is an error, never a silent gap.
 */
export async function messagesAfter(ctx: RequestContext, afterId: string, limit: number, line: string | undefined, maxPages = MAX_FALLBACK_PAGES): Promise<MessageRow[]> {
	if (BigInt(afterId) <= client.MAX_AFTER_ID) return await client.getMessagesAfterId(ctx, { afterId, count: limit, line });
	const found: MessageRow[] = [];
	for (let page = 0; ; page++) {
		if (page >= maxPages) {
			throw new ProviderError({
				provider: client.PROVIDER,
				message: `More than ${maxPages * client.MAX_INBOX_PAGE} messages arrived after MsgID ${afterId}; they cannot be read oldest first`,
				outcome: 'refused',
				description: 'Message ids above 2,147,483,647 cannot be given to GetMessagesAfterID, so the inbox is read newest first; read the older messages in the Melipayamak panel.',
			});
		}
		const rows = await client.getMessages(ctx, { index: page * client.MAX_INBOX_PAGE, count: client.MAX_INBOX_PAGE, line });
		const newer = rows.filter((row) => /^[0-9]+$/.test(row.MsgID ?? '') && BigInt(row.MsgID) > BigInt(afterId));
		found.push(...newer);
		if (rows.length < client.MAX_INBOX_PAGE || newer.length < rows.length) break;
	}
	return found.sort(byIdAscending).slice(0, limit);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => {
			const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInput(this.getNode(), itemIndex, 'Limit', `must be a whole number from 1 to 100, got ${String(limit)}`);
			const rawAfter = toLatinDigits(String(this.getNodeParameter('afterId', itemIndex, '') ?? '')).trim();
			if (rawAfter !== '' && (!/^[0-9]{1,19}$/.test(rawAfter) || BigInt(rawAfter) > 9223372036854775807n)) {
				throw invalidInput(this.getNode(), itemIndex, 'After Message ID', `is not a message ID: "${rawAfter}"`, 'A MsgID is a whole number of up to 19 digits.');
			}
			const line = readLineNumber(this, itemIndex, { parameter: 'line', label: 'Line', optional: true });
			return { limit, afterId: rawAfter === '' ? undefined : BigInt(rawAfter).toString(), line };
		},
		run: async (input, _itemIndex, request): Promise<IDataObject[]> => {
			const rows =
				input.afterId !== undefined
					? await messagesAfter(request, input.afterId, input.limit, input.line)
					: await client.getMessages(request, { index: 0, count: input.limit, line: input.line });
			return rows.slice(0, input.limit).map(inboundJson);
		},
	});
}
