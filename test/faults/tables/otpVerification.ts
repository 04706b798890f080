/** OTP Verification's fault table: both operations of its node over the data-table store (no trigger). */
import type { DataTablesSandbox } from '../../../sandbox/datatables';
import { OTP_TABLE } from '../../../manifest/otpVerification';
import { defineFaultTable } from '../types';

const PHONE = '09121234567';

export const otpVerification = defineFaultTable<DataTablesSandbox>({
	errorSource: 'n8n data table',
	// Challenges stored, and changes applied to them (a code used, an attempt counted).
	ledger: (sb) => sb.rows(OTP_TABLE).length + sb.counters().updatesApplied,
	operations: [
		{
			covers: 'challenge.issue',
			parameters: { resource: 'challenge', operation: 'issue', phone: '={{ $json.phone }}', limits: { resendCooldownSeconds: 0 } },
			items: [{ phone: PHONE }, { phone: '09351234567' }],
			sideEffect: true,
		},
		{
			covers: 'challenge.verify',
			parameters: { resource: 'challenge', operation: 'verify', phone: PHONE, code: '000000', limits: {}, options: {} },
			sideEffect: true,
			// The code is compared with the stored hash, never sent.
			appliedLocally: ['code'],
			async prepare(_sb, run) {
				const { error } = await run({ resource: 'challenge', operation: 'issue', phone: PHONE, limits: { resendCooldownSeconds: 0 } });
				if (error) throw error;
			},
		},
	],
});
