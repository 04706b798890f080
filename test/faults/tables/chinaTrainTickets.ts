/** ChinaTrainTickets' fault table: both operations of its node and its side-effect ledger (no trigger). */
import type { ChinaTrainTicketsSandbox } from '../../../sandbox/chinatraintickets';
import { defineFaultTable } from '../types';

const CLIENT = 'c395c016-ad85-40d9-963b-9255d4957d4c';
const IMG = '7K3P';
const CODE = '246810';

const sendCode = (username: string) => ({
	resource: 'member',
	operation: 'sendPasswordResetCode',
	username,
	phoneNumber: '',
	imageCode: IMG,
	clientId: CLIENT,
	options: {},
});

export const chinaTrainTickets = defineFaultTable<ChinaTrainTicketsSandbox>({
	ledger: (sb) => sb.outbox().length + sb.passwordChanges().length,
	operations: [
		{
			covers: 'member.sendPasswordResetCode',
			parameters: sendCode('={{ $json.user }}'),
			items: [{ user: 'traveller01' }, { user: 'traveller02' }],
			sideEffect: true,
		},
		{
			covers: 'member.resetPassword',
			maskedInLog: ['verificationCode'],
			parameters: { resource: 'member', operation: 'resetPassword', username: 'traveller01', verificationCode: CODE, newPassword: 'Fault-New-Pass-1', options: {} },
			sideEffect: true,
			async prepare(sb, run) {
				sb.setSwitches({ fixedCode: CODE });
				const { error } = await run(sendCode('traveller01'));
				if (error) throw error;
			},
		},
	],
});
