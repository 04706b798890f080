import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseLineNumber } from '../../shared/phone';
import { invalidInput } from '../../shared/validation';

/** An operation: runs over all input items at once, so it can batch across them. */
export type OperationExecutor = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** The JSON of an error item (continueOnFail), with the provider code and HTTP status when known. */
export function errorJson(error: unknown, extra: IDataObject = {}): IDataObject {
	const err = error as { message?: string; description?: string | null; httpCode?: string | null; context?: IDataObject };
	const json: IDataObject = { ...extra, error: err?.message ?? String(error) };
	if (err?.description) json.errorDescription = err.description;
	if (err?.context?.providerCode !== undefined) json.errorCode = err.context.providerCode as number;
	if (err?.httpCode) json.httpCode = err.httpCode;
	return json;
}

/**
 * Runs `run` for each item and collects its output items; with Continue On Fail an item's error
 * becomes an error item paired with it, otherwise the first error stops the node.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, itemIndex);
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

export function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error && 'context' in error) {
		const context = (error as NodeOperationError).context;
		if (context && context.itemIndex === undefined) context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export function readSenderLine(ctx: IExecuteFunctions, itemIndex: number, parameter = 'from', label = 'From (Sender Line)'): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	const line = parseLineNumber(raw);
	if (!line) {
		throw invalidInput(
			ctx.getNode(),
			itemIndex,
			label,
			raw === '' || raw === undefined ? 'is empty' : `is not a line number: "${String(raw)}"`,
			'Use one of your active lines as shown in the panel (Lines → SMS numbers), digits only, e.g. 3000123456.',
		);
	}
	return line;
}

export function readText(ctx: IExecuteFunctions, itemIndex: number, parameter = 'message', label = 'Message'): string {
	const text = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (typeof text !== 'string' || text.trim() === '') {
		throw invalidInput(ctx.getNode(), itemIndex, label, 'is empty', 'SMS text must contain at least one visible character.');
	}
	return text;
}
