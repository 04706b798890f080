import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseJsonPreservingBigInts } from '../../../shared/json';
import { runPerItem } from '../../../shared/pipeline';
import * as client from '../../transport/client';
import { READ_AFTER_TIMEOUT, optionsField, timeoutOption } from '../../../shared/fields';

export const option = { name: 'Get Sender Numbers', description: "Get the account's sender lines", action: 'Get the sender numbers' };

export const description: INodeProperties[] = [optionsField([timeoutOption(READ_AFTER_TIMEOUT)])];

/** `Value`'s shape is undocumented: JSON is parsed, a list of digit runs is split, anything else is passed through. */
export function senderNumbersJson(raw: string) {
	const trimmed = raw.trim();
	if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
		try {
			return { numbers: parseJsonPreservingBigInts(trimmed), raw };
		} catch {
			/* fall through */
		}
	}
	if (/^[0-9]+([\s,;]+[0-9]+)*$/.test(trimmed)) return { numbers: trimmed.split(/[\s,;]+/), raw };
	return { numbers: null, raw };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: () => undefined,
		run: async (_input, _itemIndex, request) => senderNumbersJson(await client.getUserNumbers(request)) as never,
	});
}
