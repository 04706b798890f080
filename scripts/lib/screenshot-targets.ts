/**
 * The README pictures `npm run screenshots` takes, from the manifest: for each row that names a
 * demo workflow to show, that workflow after a run, and the node's list of operations.
 */
import { providers as manifestRows, type ProviderRow } from '../../manifest';

export interface ScreenshotTarget {
	providerId: string;
	kind: 'workflow' | 'operations';
	/** The demo workflow opened (run first for 'workflow'). */
	workflowId: string;
	/** For 'operations': the node's display name, typed into the node panel's search. */
	nodeSearch?: string;
	/** Output file, relative to the repository root. */
	file: string;
}

export function screenshotTargets(rows: readonly ProviderRow[] = manifestRows): ScreenshotTarget[] {
	return rows.flatMap((row): ScreenshotTarget[] => {
		const workflowId = row.demo?.screenshot;
		if (!workflowId) return [];
		return [
			{
				providerId: row.id,
				kind: 'workflow',
				workflowId,
				file: `docs/images/${row.id}-workflow.png`,
			},
			{
				providerId: row.id,
				kind: 'operations',
				workflowId,
				nodeSearch: row.title,
				file: `docs/images/${row.id}-operations.png`,
			},
		];
	});
}
