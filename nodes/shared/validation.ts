import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * An input error that names the item (1-based, as the n8n UI counts) and the field, raised
 * before any request is sent.
 */
export function invalidInput(node: INode, itemIndex: number, field: string, problem: string, hint?: string): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex + 1}: "${field}" ${problem}`, {
		itemIndex,
		description: hint,
	});
}
