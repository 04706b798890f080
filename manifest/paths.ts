/** Manifest paths are relative to the repository root. */
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');

export function fromRepo(relative: string): string {
	return path.join(repoRoot, relative);
}
