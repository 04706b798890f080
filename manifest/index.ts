/**
 * The provider manifest: one row per provider, each in its own file beside this one.
 * Adding a provider: its folders, its row file, and one import plus one entry below
 * (README, "Adding a provider"). Keep the list in alphabetical order.
 */
import { amootSms } from './amootSms';
import { chinaTrainTickets } from './chinaTrainTickets';
import { melipayamak } from './melipayamak';
import { otpVerification } from './otpVerification';
import { sepahanGostar } from './sepahanGostar';
import { whmcs } from './whmcs';
import type { ProviderRow } from './types';

export type {
	Capabilities,
	CredentialEntry,
	N8nAccess,
	NodeEntry,
	ProviderRow,
	SandboxCredential,
	SandboxHandle,
} from './types';
export { defineProvider } from './types';
export { fromRepo, repoRoot } from './paths';

// One row per line (a line added by each branch merges cleanly with .gitattributes' union driver).
// prettier-ignore
export const providers: readonly ProviderRow[] = [
	amootSms,
	chinaTrainTickets,
	melipayamak,
	otpVerification,
	sepahanGostar,
	whmcs,
];
