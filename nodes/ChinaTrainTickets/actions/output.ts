import type { IDataObject } from 'n8n-workflow';

import type { Envelope } from '../transport/client';

/**
 * The output item of a successful call: the answer as returned (spec §7.1). `code` is always the
 * number 1, `message` always a string, `data` unchanged (its meaning is undocumented).
 */
export function envelopeJson(answer: Envelope<unknown>): IDataObject {
	return { code: answer.code, message: answer.message, data: answer.data as IDataObject };
}
