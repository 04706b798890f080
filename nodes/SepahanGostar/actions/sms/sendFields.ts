import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/validation';
import type { SendSettings } from './sendBatches';

type Show = { resource: string[]; operation: string[] };

/** The fields every send operation shares; each operation words their descriptions. */
export function senderLineField(show: Show, description: string): INodeProperties {
	return {
		displayName: 'From (Sender Line)',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3000123456',
		description,
		displayOptions: { show },
	};
}

export function recipientField(show: Show, placeholder: string, description: string): INodeProperties {
	return { displayName: 'To', name: 'to', type: 'string', required: true, default: '', placeholder, description, displayOptions: { show } };
}

export function messageField(show: Show, description: string, defaultText = '', rows = 3): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: defaultText,
		typeOptions: { rows },
		description,
		displayOptions: { show },
	};
}

export function optionsField(show: Show, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions: { show }, options };
}

export const requestIdOption: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	description:
		'Your own Request-ID for this send (letters, digits and dashes). By default each request gets an ID derived from the execution, node and content, so a retry of the same batch is never sent twice. Further requests of the same item get "-2", "-3"… appended.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 30000,
	description:
		'Milliseconds to wait for an answer. After a timeout the node asks the provider whether the request arrived before it sends again.',
};

export const treatDuplicateOption: INodeProperties = {
	displayName: 'Treat Duplicate Request as Error',
	name: 'treatDuplicateAsError',
	type: 'boolean',
	default: false,
	description:
		'Whether a request the provider already accepted (same Request-ID, error -20) fails the item. By default it is output with status "alreadyAccepted" and no message ID.',
};

const REQUEST_ID = /^[A-Za-z0-9._~-]{1,100}$/;

/** The user's Request-ID override for an item, checked to be safe in a URL path (checkRequestId). */
export function readRequestIdOverride(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = String(options.requestId ?? '').trim();
	if (!value) return undefined;
	if (!REQUEST_ID.test(value)) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Request ID', `has characters that are not allowed: "${value}"`, 'Use up to 100 letters, digits, dots, underscores, tildes and dashes.');
	}
	return value;
}

/** Node-wide send settings from the first item's options (batches span items). */
export function readSendSettings(ctx: IExecuteFunctions, strategy: SendSettings['strategy']): SendSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		strategy,
		treatDuplicateAsError: options.treatDuplicateAsError === true,
		timeoutMs: typeof options.timeout === 'number' ? options.timeout : undefined,
	};
}
