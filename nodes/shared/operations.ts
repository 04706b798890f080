import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

/** Whether the node runs as an AI agent's tool (n8n names the tool variant of a node type `<type>Tool`). */
export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return /Tool$/.test(ctx.getNode().type);
}

/** An operation runs over all input items at once, so it can validate all and batch across them. */
export type OperationExecutor = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** What one `actions/<resource>/<operation>.operation.ts` exports. */
export interface OperationModule {
	/** Its entry in the operation menu. */
	option: { name: string; description: string; action: string };
	/** Its fields, without `displayOptions`: they are shown for this operation only. */
	description: INodeProperties[];
	execute: OperationExecutor;
}

export interface ResourceEntry {
	name: string;
	/** The default operation's value. */
	defaultOperation: string;
	operations: Record<string, OperationModule>;
}

/** A node's resources and operations: the node description and the router both read this table. */
export type ResourceTable = Record<string, ResourceEntry>;

/** The Resource selector, one Operation menu per resource, and every operation's fields, derived from the table. */
export function describeResources(resources: ResourceTable, defaultResource: string): INodeProperties[] {
	const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: Object.entries(resources)
				.map(([value, resource]) => ({ name: resource.name, value }))
				.sort(byName),
			default: defaultResource,
		},
	];
	for (const [resource, entry] of Object.entries(resources)) {
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the table's default operation
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: Object.entries(entry.operations)
				.map(([value, operation]) => ({ ...operation.option, value }))
				.sort(byName),
			default: entry.defaultOperation,
		});
	}
	for (const [resource, entry] of Object.entries(resources)) {
		for (const [operation, module] of Object.entries(entry.operations)) {
			if (module.description.length === 0) continue;
			properties.push(...updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, module.description));
		}
	}
	return properties;
}

/** Runs the operation the node's resource and operation parameters select. */
export async function routeOperation(ctx: IExecuteFunctions, resources: ResourceTable): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const selected = resources[resource]?.operations[operation];
	if (!selected) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return [await selected.execute.call(ctx, items)];
}
