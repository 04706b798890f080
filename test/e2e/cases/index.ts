/**
 * The e2e cases of every manifest row that names an `e2e` module. A new provider adds its row and
 * its cases file; the test files stay the same.
 */
import * as fs from 'node:fs';

import { fromRepo, providers as manifestRows, type ProviderRow } from '../../../manifest';
import type { ProviderE2e, TriggerSpec } from './types';

/** The package name n8n prefixes node types with (`<package>.<node name>`). */
export const PACKAGE_NAME = (
	JSON.parse(fs.readFileSync(fromRepo('package.json'), 'utf8')) as { name: string }
).name;

export interface E2eProvider extends ProviderE2e {
	/** The row's id, which is also its sandbox's id in the suite's state. */
	id: string;
	row: ProviderRow;
	/** Every node and credential type the package defines for this provider, as n8n names them. */
	nodeTypes: string[];
	credentialTypes: string[];
}

function loadCases(row: ProviderRow & { e2e: string }): ProviderE2e {
	// Named by path in the row (the manifest sits below the e2e suite and imports nothing from it).
	const module = require(fromRepo(row.e2e)) as { cases?: ProviderE2e };
	if (!module.cases)
		throw new Error(`${row.e2e} (e2e of manifest row "${row.id}") exports no \`cases\``);
	return module.cases;
}

export function collectE2e(rows: readonly ProviderRow[] = manifestRows): E2eProvider[] {
	return rows
		.filter((row): row is ProviderRow & { e2e: string } => row.e2e !== undefined)
		.map((row) => {
			const cases = loadCases(row);
			if (row.trigger && !cases.trigger)
				throw new Error(`${row.e2e}: row "${row.id}" has a trigger, its cases lack \`trigger\``);
			if (!row.trigger && cases.trigger)
				throw new Error(`${row.e2e}: row "${row.id}" has no trigger, its cases have \`trigger\``);
			return {
				...cases,
				id: row.id,
				row,
				nodeTypes: [row.node, ...(row.trigger ? [row.trigger] : [])].map(
					(n) => `${PACKAGE_NAME}.${n.name}`,
				),
				credentialTypes: row.credentials.map((c) => c.type),
			};
		});
}

/** The rows' trigger cases, for the trigger suite (rows without a trigger have none). */
export function triggerCases(list: E2eProvider[]): Array<E2eProvider & { trigger: TriggerSpec }> {
	return list.filter((p): p is E2eProvider & { trigger: TriggerSpec } => p.trigger !== undefined);
}

export const providerE2e: E2eProvider[] = collectE2e();
