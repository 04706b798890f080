import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { TEHRAN, parseProviderDate } from '../../shared/dates';
import type { InboundRecord } from './client';

/**
 * An inbound SMS as an output item. The API's `date` is documented as Jalali but shown Gregorian,
 * day-only, with no zone: read tolerantly as Tehran time and keep the raw text.
 */
export function inboundJson(record: InboundRecord): IDataObject {
	const parsed = parseProviderDate(record.date, TEHRAN);
	return {
		from: record.sendNumber,
		to: record.privateNumber,
		text: record.messageText,
		receivedAt: parsed ? parsed.at.toISOString() : null,
		receivedAtPrecision: parsed ? parsed.precision : 'unknown',
		rawDate: record.date,
	};
}

export const receivingLineField: INodeProperties = {
	displayName: 'Receiving Line',
	name: 'receivingLine',
	type: 'string',
	default: '',
	placeholder: '50003300',
	description: 'Only messages sent to this line of yours. Empty: all your lines.',
};
