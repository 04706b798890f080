import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TEHRAN, zonedTimeToUtc } from '../../shared/dates';
import { SEND_AFTER_TIMEOUT, timeoutOption as sharedTimeoutOption } from '../../shared/fields';
import { toLatinDigits } from '../../shared/digits';
import { invalidInput } from '../../shared/validation';
import { toApiDateTime } from '../transport/dates';

/** Fields several AmootSMS operations share; each operation words their descriptions. */

export const NO_RESEND_NOTICE =
	'AmootSMS has no way to recognise a repeated request. This node never sends again once a request may have arrived; if you turn on Retry On Fail in the node settings, a send whose answer was lost may be sent twice.';

export const noResendNotice: INodeProperties = {
	displayName: NO_RESEND_NOTICE,
	name: 'noResendNotice',
	type: 'notice',
	default: '',
};

export function lineNumberField(description: string): INodeProperties {
	return {
		displayName: 'Line Number',
		name: 'lineNumber',
		type: 'string',
		required: true,
		default: 'public',
		placeholder: 'public',
		description,
	};
}

export function recipientField(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
	};
}

export function messageField(description: string, defaultText = '', rows = 3): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: defaultText,
		typeOptions: { rows },
		description,
	};
}

export { optionsField } from '../../shared/fields';

export const sendAtOption: INodeProperties = {
	displayName: 'Send At',
	name: 'sendAt',
	type: 'dateTime',
	default: '',
	description:
		"Schedule the send for this time (sent to AmootSMS in Tehran time). Empty: now. A time without an offset is read in the workflow's time zone.",
};

export const timeoutOption: INodeProperties = sharedTimeoutOption(SEND_AFTER_TIMEOUT);

export function idField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: '600000123',
		description,
	};
}

/** Line numbers are names (`public`, `Service`) or digits (`98`, `50004000123`). */
const LINE = /^[A-Za-z0-9]{1,30}$/;

export function readLine(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	optional = false,
): string | undefined {
	const raw = toLatinDigits(String(ctx.getNodeParameter(parameter, itemIndex, '') ?? '')).trim();
	if (raw === '') {
		if (optional) return undefined;
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			label,
			'is empty',
			'Use "public" or one of the lines that Account → Get Status lists.',
		);
	}
	if (!LINE.test(raw)) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			label,
			`is not a line number: "${raw}"`,
			'A line is a name such as "public" or digits such as 50004000123.',
		);
	}
	return raw;
}

function options(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}


const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date-time parameter as an instant: ISO 8601 with an offset as is; without one, in the
 * workflow's time zone (how n8n's date picker fills it). Empty: undefined.
 */
export function readDateTime(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): Date | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = toLatinDigits(String(value)).trim();
	const local = ISO_LOCAL.exec(text);
	let at: Date | undefined;
	if (local) {
		const [year, month, day, hour, minute] = local.slice(1, 6).map(Number);
		const second = Number(local[6] ?? 0);
		if (
			month >= 1 &&
			month <= 12 &&
			day >= 1 &&
			day <= 31 &&
			hour <= 23 &&
			minute <= 59 &&
			second <= 59
		) {
			at = zonedTimeToUtc({ year, month, day, hour, minute, second }, ctx.getTimezone() || TEHRAN);
		}
	} else if (HAS_OFFSET.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
		const parsed = new Date(text);
		if (!Number.isNaN(parsed.getTime())) at = parsed;
	}
	if (!at) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			label,
			`is not a date-time: "${text}"`,
			'Use ISO 8601, e.g. 2026-01-05T10:00:00+03:30.',
		);
	}
	return at;
}

/** The optional "Send At" of an item. */
export function readSendAt(ctx: IExecuteFunctions, itemIndex: number): Date | undefined {
	return readDateTime(ctx, itemIndex, options(ctx, itemIndex).sendAt, 'Send At');
}

/** SendDateTime for a request: the scheduled time, or now (the seed marks the field required). */
export function sendDateTimeText(sendAt: Date | undefined): string {
	return toApiDateTime(sendAt ?? new Date());
}
