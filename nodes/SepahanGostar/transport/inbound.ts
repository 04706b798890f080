import type { IDataObject } from 'n8n-workflow';

import type { ParsedProviderDate } from '../../shared/dates';
import { TEHRAN, parseProviderDate } from '../../shared/dates';
import type { InboundRecord } from './client';

/**
 * The `Receive` date: the seed's table calls it Jalali, its example shows Gregorian, both
 * day-only and without a zone; so both calendars are read (years below 1700 are Jalali), as
 * Tehran time.
 */
export function parseInboundDate(raw: string): ParsedProviderDate | undefined {
	return parseProviderDate(raw, { timeZone: TEHRAN, calendar: 'jalaliOrGregorian' });
}

/** An inbound SMS as an output item, keeping the raw date text. */
export function inboundJson(record: InboundRecord): IDataObject {
	const parsed = parseInboundDate(record.date);
	return {
		from: record.sendNumber,
		to: record.privateNumber,
		text: record.messageText,
		receivedAt: parsed ? parsed.at.toISOString() : null,
		receivedAtPrecision: parsed ? parsed.precision : 'unknown',
		rawDate: record.date,
	};
}
