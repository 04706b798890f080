/** Every provider's e2e table. A new provider adds its file here; the test files stay the same. */
import { sepahanGostarE2e } from './sepahanGostar';
import type { ProviderE2e } from './types';

export const providerE2e: ProviderE2e[] = [sepahanGostarE2e];
