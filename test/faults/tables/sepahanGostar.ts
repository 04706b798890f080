/** SepahanGostar's fault table: every operation of its node, its trigger, its side-effect ledger. */
import type { SepahanGostarSandbox } from '../../../sandbox/sepahangostar';
import { defineFaultTable } from '../types';

const SENDER = '3000123456';
const RECEIVING = '50003300';

export const sepahanGostar = defineFaultTable<SepahanGostarSandbox>({
	ledger: (sb) => sb.sentMessages().length + sb.tokens().length,
	operations: [
		{
			covers: 'sms.send',
			parameters: { resource: 'sms', operation: 'send', from: SENDER, to: '={{ $json.to }}', message: 'Fault suite', options: {} },
			items: [{ to: '09121234567, 09351234567' }, { to: '09131112222' }],
			sideEffect: true,
			textFields: ['message'],
		},
		{
			covers: 'sms.sendPersonalized',
			parameters: { resource: 'sms', operation: 'sendPersonalized', from: SENDER, to: '={{ $json.to }}', message: '=Hi {{ $json.name }}', options: {} },
			items: [{ to: '09121234567', name: 'Ali' }, { to: '09351234567', name: 'Sara' }],
			sideEffect: true,
		},
		{
			covers: 'sms.sendOtp',
			parameters: { resource: 'sms', operation: 'sendOtp', from: SENDER, to: '={{ $json.phone }}', codeLength: 6, message: 'Your code is {code}', options: {} },
			items: [{ phone: '09121234567' }, { phone: '09351234567' }],
			sideEffect: true,
		},
		{
			covers: 'sms.checkRequest',
			parameters: { resource: 'sms', operation: 'checkRequest', requestId: '={{ $json.id }}' },
			items: [{ id: 'fault-suite-1' }, { id: 'fault-suite-2' }],
			sideEffect: false,
		},
		{
			covers: 'delivery.getStatus',
			parameters: { resource: 'delivery', operation: 'getStatus', messageIds: '={{ $json.ids }}' },
			items: [{ ids: '639027944154527201, 9223372036854775807' }, { ids: '639027944154527202' }],
			sideEffect: false,
		},
		{
			// Answers only 01:00–05:00 Tehran (this is 02:30 there).
			covers: 'delivery.getOldStatus',
			now: '2026-03-10T23:00:00Z',
			parameters: { resource: 'delivery', operation: 'getOldStatus', messageIds: '639027944154527201' },
			sideEffect: false,
		},
		{
			covers: 'inbox.getMany',
			parameters: { resource: 'inbox', operation: 'getMany', receivingLine: RECEIVING, limit: 50, markAsRead: false },
			sideEffect: false,
			prepare: (sb) => sb.addInbound({ privateNumber: RECEIVING, sendNumber: '09121234567', text: 'waiting' }),
		},
		{
			covers: 'account.getCredit',
			parameters: { resource: 'account', operation: 'getCredit' },
			sideEffect: false,
		},
		{
			covers: 'account.generateApiKey',
			parameters: { resource: 'account', operation: 'generateApiKey', title: 'fault suite', allowedIps: '' },
			sideEffect: true,
			textFields: ['title'],
		},
	],
	trigger: {
		parameters: { receivingLine: RECEIVING },
		addInbound: (sb, text) => sb.addInbound({ privateNumber: RECEIVING, sendNumber: '09121234567', text }),
		textOf: (item) => String(item.json.text),
		// The API returns at most 100 unread messages (the trigger warns when it gets 100); without
		// "Mark as Read After Emitting", a user's panel or app reads them, as here.
		readElsewhere: (sb) => void sb.markAllReadExternally(RECEIVING),
	},
});
