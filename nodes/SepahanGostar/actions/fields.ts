import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { timeoutOption as sharedTimeoutOption } from '../../shared/fields';
import { readLineNumber } from '../../shared/inputs';
import { invalidInput } from '../../shared/validation';
import type { SendSettings } from './sms/sendBatches';

/** Fields several SepahanGostar operations share; each operation words their descriptions. */

export function senderLineField(description: string): INodeProperties {
	return { displayName: 'From (Sender Line)', name: 'from', type: 'string', required: true, default: '', placeholder: '3000123456', description };
}

export function recipientField(placeholder: string, description: string): INodeProperties {
	return { displayName: 'To', name: 'to', type: 'string', required: true, default: '', placeholder, description };
}

export function messageField(description: string, defaultText = '', rows = 3): INodeProperties {
	return { displayName: 'Message', name: 'message', type: 'string', required: true, default: defaultText, typeOptions: { rows }, description };
}

export { optionsField } from '../../shared/fields';

export const receivingLineField: INodeProperties = {
	displayName: 'Receiving Line',
	name: 'receivingLine',
	type: 'string',
	default: '',
	placeholder: '50003300',
	description: 'Only messages sent to this line of yours. Empty: all your lines.',
};

export const requestIdOption: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	description:
		'Your own Request-ID for this send (letters, digits and dashes). By default each request gets an ID derived from the execution, node and content, so a retry of the same batch is never sent twice. Further requests of the same item get "-2", "-3"… appended.',
};

export const timeoutOption: INodeProperties = sharedTimeoutOption(
	'After a timeout the node asks the provider whether the request arrived before it sends again. Items with different timeouts travel in different requests.',
);

export const treatDuplicateOption: INodeProperties = {
	displayName: 'Treat Duplicate Request as Error',
	name: 'treatDuplicateAsError',
	type: 'boolean',
	default: false,
	description:
		'Whether a request the provider already accepted (same Request-ID, error -20) fails the item. By default it is output with status "alreadyAccepted" and no message ID.',
};

const SENDER_HINT = 'Use one of your active lines as shown in the panel (Lines → SMS numbers), digits only, e.g. 3000123456.';

export function readSenderLine(ctx: IExecuteFunctions, itemIndex: number): string {
	return readLineNumber(ctx, itemIndex, { parameter: 'from', label: 'From (Sender Line)', hint: SENDER_HINT }) as string;
}

const REQUEST_ID = /^[A-Za-z0-9._~-]{1,100}$/;

/** A Request-ID that is safe in a URL path (checkRequestId). */
export function checkRequestIdText(ctx: IExecuteFunctions, itemIndex: number, value: string): string {
	if (!REQUEST_ID.test(value)) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			'Request ID',
			value ? `has characters that are not allowed: "${value}"` : 'is empty',
			'Use up to 100 letters, digits, dots, underscores, tildes and dashes.',
		);
	}
	return value;
}

/** An item's send settings, from its own options (expressions may differ per item). */
export function readSendSettings(ctx: IExecuteFunctions, itemIndex: number): SendSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const requestId = String(options.requestId ?? '').trim();
	return {
		requestIdOverride: requestId ? checkRequestIdText(ctx, itemIndex, requestId) : undefined,
		treatDuplicateAsError: options.treatDuplicateAsError === true,
	};
}
