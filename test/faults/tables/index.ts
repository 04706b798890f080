/**
 * The fault tables by manifest row id. A provider joins the fault suite with one file beside this
 * one and one line below; the suite fails for a manifest row without a table.
 */
import type { ProviderFaultTable } from '../types';
import { amootSms } from './amootSms';
import { chinaTrainTickets } from './chinaTrainTickets';
import { melipayamak } from './melipayamak';
import { otpVerification } from './otpVerification';
import { sepahanGostar } from './sepahanGostar';
import { whmcs } from './whmcs';

// prettier-ignore
export const faultTables: Readonly<Record<string, ProviderFaultTable>> = {
	amootSms,
	chinaTrainTickets,
	melipayamak,
	otpVerification,
	sepahanGostar,
	whmcs,
};
