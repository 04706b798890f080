import type { IDataObject } from 'n8n-workflow';

import type { InboundMessage } from './client';
import { apiDateTimeToIso } from './dates';

/** One received SMS as an output item: ids as exact strings, times as ISO 8601 with the Tehran offset. */
export function inboundJson(message: InboundMessage): IDataObject {
	return {
		messageId: message.messageId,
		from: message.mobile,
		to: message.lineNumber ?? null,
		text: message.text,
		receivedAt: apiDateTimeToIso(message.receiveDateTime),
	};
}
