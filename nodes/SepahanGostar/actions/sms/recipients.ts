import type { IExecuteFunctions } from 'n8n-workflow';

import { formatIranianMobile, parseIranianMobile, splitRecipientList } from '../../../shared/phone';
import { invalidInput } from '../../../shared/validation';

const MOBILE_HINT = 'Use an Iranian mobile number such as 09121234567 (+989…, 989…, 00989… and Persian digits are accepted).';

/** Reads a recipients field (one number, a comma/line-separated list, or an array) as `09XXXXXXXXX` numbers. */
export function readRecipients(ctx: IExecuteFunctions, itemIndex: number, options: { single: boolean; label: string; parameter?: string }): string[] {
	const raw = ctx.getNodeParameter(options.parameter ?? 'to', itemIndex, '') as unknown;
	const entries = splitRecipientList(raw);
	if (entries.length === 0) throw invalidInput(ctx.getNode(), itemIndex, options.label, 'is empty', MOBILE_HINT);
	if (options.single && entries.length > 1) {
		throw invalidInput(ctx.getNode(), itemIndex, options.label, `must hold one number, got ${entries.length}`, 'Use one item per recipient.');
	}
	return entries.map((entry) => {
		const subscriber = parseIranianMobile(entry);
		if (!subscriber) {
			throw invalidInput(ctx.getNode(), itemIndex, options.label, `has an invalid Iranian mobile number: "${String(entry)}"`, MOBILE_HINT);
		}
		return formatIranianMobile(subscriber, 'national');
	});
}
