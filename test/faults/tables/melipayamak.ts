/** Melipayamak's fault table: every operation of its node, its trigger, its side-effect ledger. */
import type { MelipayamakSandbox } from '../../../sandbox/melipayamak';
import { defineFaultTable } from '../types';

const LINE = '50002710000000';

export const melipayamak = defineFaultTable<MelipayamakSandbox>({
	ledger: (sb) => sb.sentMessages().length + sb.otpLog().length + sb.passwordRecoveries().length,
	operations: [
		{
			covers: 'sms.send',
			parameters: { resource: 'sms', operation: 'send', from: LINE, to: '={{ $json.to }}', message: '={{ $json.text }}', options: {} },
			items: [{ to: '09121234567, 09351234567', text: 'Fault suite' }, { to: '09131112222', text: 'Fault suite' }],
			sideEffect: true,
		},
		{
			covers: 'sms.sendPattern',
			parameters: { resource: 'sms', operation: 'sendPattern', to: '09120000035', bodyId: 1002, variables: 'علی;48213' },
			sideEffect: true,
			textFields: ['variables'],
		},
		{
			covers: 'sms.getDeliveryStatus',
			parameters: { resource: 'sms', operation: 'getDeliveryStatus', recIds: '={{ $json.ids }}' },
			items: [{ ids: '5107391183294720001,9223372036854775807' }, { ids: '5107391183294720002' }],
			sideEffect: false,
		},
		{
			covers: 'otp.sendOtp',
			parameters: { resource: 'otp', operation: 'sendOtp', mode: '={{ $json.mode }}', to: '09121234567', bodyId: 1001, variables: '{code}', codeLength: 6 },
			items: [{ mode: 'pattern' }, { mode: 'providerCode' }],
			sideEffect: true,
		},
		{ covers: 'account.getCredit', parameters: { resource: 'account', operation: 'getCredit' }, sideEffect: false },
		{ covers: 'account.getSenderNumbers', parameters: { resource: 'account', operation: 'getSenderNumbers' }, sideEffect: false },
		{ covers: 'account.getBasePrice', parameters: { resource: 'account', operation: 'getBasePrice' }, sideEffect: false },
		{
			covers: 'inbox.getMany',
			parameters: { resource: 'inbox', operation: 'getMany', limit: 10, afterId: '', line: '' },
			sideEffect: false,
			// An id beyond GetMessagesAfterID's 32 bits is applied to pages of getMessages after reading.
			appliedLocally: ['afterId'],
			prepare: (sb) => void sb.addInbound({ from: '09121234567', to: LINE, text: 'waiting' }),
		},
		{ covers: 'inbox.getCount', parameters: { resource: 'inbox', operation: 'getCount', read: false }, sideEffect: false },
		{
			covers: 'resellerUser.forgotPassword',
			parameters: { resource: 'resellerUser', operation: 'forgotPassword', targetUsername: 'client7', mobileNumber: '09121110000', emailAddress: 'owner@example.com' },
			sideEffect: true,
		},
	],
	trigger: {
		parameters: { line: LINE, emitExisting: false },
		addInbound: (sb, text) => void sb.addInbound({ from: '09121234567', to: LINE, text }),
		textOf: (item) => String(item.json.text),
	},
});
