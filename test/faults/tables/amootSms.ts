/** AmootSMS's fault table: every operation of its node, its trigger, its side-effect ledger. */
import type { AmootSmsSandbox } from '../../../sandbox/amootsms';
import { defineFaultTable, type OperationFaultCase } from '../types';

const LINE = '50004000123';
/**
 * The emulator's big-id mode numbers messages and campaigns above 2^53 (odd ids only), where a
 * JavaScript number would round them: the first two messages and the first campaign of a fresh state.
 */
const MESSAGE_1 = '9007199254740993';
const MESSAGE_2 = '9007199254740995';
const CAMPAIGN_1 = '9007199354740993';

const sendOne: NonNullable<OperationFaultCase<AmootSmsSandbox>['prepare']> = async (_sb, run) => {
	const { error } = await run({ resource: 'sms', operation: 'send', lineNumber: 'public', to: '09121234567, 09351234567', message: 'earlier', options: {} });
	if (error) throw error;
};

export const amootSms = defineFaultTable<AmootSmsSandbox>({
	ledger: (sb) => sb.sent().length + sb.otps().length,
	prepare: (sb) => sb.setSwitches({ bigIds: true }),
	operations: [
		{
			covers: 'sms.send',
			parameters: { resource: 'sms', operation: 'send', lineNumber: 'public', to: '={{ $json.to }}', message: 'سلام از n8n', options: {} },
			items: [{ to: '09121234567, 09351234567' }, { to: '09131112222' }],
			sideEffect: true,
			textFields: ['message'],
		},
		{
			covers: 'sms.sendWithBackupLine',
			parameters: { resource: 'sms', operation: 'sendWithBackupLine', lineNumber: 'public', backupLineNumber: '98', to: '09121234567, 09199999999', message: 'backup line probe', options: {} },
			sideEffect: true,
			textFields: ['message'],
		},
		{
			covers: 'sms.sendPattern',
			parameters: { resource: 'sms', operation: 'sendPattern', to: '09121234567', patternCodeId: 101, patternValues: 'علی\n1234', lineNumber: '', options: {} },
			sideEffect: true,
		},
		{
			covers: 'sms.sendPeerToPeer',
			parameters: { resource: 'sms', operation: 'sendPeerToPeer', lineNumber: 'public', to: '={{ $json.to }}', message: '=Hi {{ $json.name }}', options: {} },
			items: [{ to: '09121234567', name: 'Ali' }, { to: '09351234567', name: 'Sara' }],
			sideEffect: true,
		},
		{
			covers: 'sms.get',
			parameters: { resource: 'sms', operation: 'get', messageId: '={{ $json.id }}' },
			items: [{ id: MESSAGE_1 }, { id: MESSAGE_2 }],
			sideEffect: false,
			prepare: sendOne,
		},
		{
			covers: 'sms.getManySent',
			parameters: { resource: 'sms', operation: 'getManySent', from: '={{ $now.minus({ hours: 1 }).toISO() }}', to: '={{ $now.plus({ minutes: 1 }).toISO() }}' },
			sideEffect: false,
			prepare: sendOne,
		},
		{
			covers: 'otp.sendOtp',
			parameters: { resource: 'otp', operation: 'sendOtp', mode: '={{ $json.mode }}', to: '09121234567', codeLength: 5, lineNumber: 'public', message: 'Your code:', options: {} },
			items: [{ mode: 'pattern' }, { mode: 'text' }],
			sideEffect: true,
			hostileItem: { mode: 'text' },
			textFields: ['message'],
		},
		{
			covers: 'delivery.get',
			parameters: { resource: 'delivery', operation: 'get', messageId: '={{ $json.id }}' },
			items: [{ id: MESSAGE_1 }, { id: MESSAGE_2 }],
			sideEffect: false,
			prepare: sendOne,
		},
		{
			covers: 'delivery.getMany',
			parameters: { resource: 'delivery', operation: 'getMany', messageIds: '={{ $json.ids }}' },
			items: [{ ids: `${MESSAGE_1}, ${MESSAGE_2}` }, { ids: MESSAGE_2 }],
			sideEffect: false,
			prepare: sendOne,
		},
		{
			covers: 'delivery.getByCampaign',
			parameters: { resource: 'delivery', operation: 'getByCampaign', campaignId: CAMPAIGN_1 },
			sideEffect: false,
			prepare: sendOne,
		},
		{ covers: 'account.getStatus', parameters: { resource: 'account', operation: 'getStatus' }, sideEffect: false },
		{
			covers: 'inbox.getMany',
			parameters: { resource: 'inbox', operation: 'getMany', from: '', to: '', lineNumber: LINE },
			sideEffect: false,
			prepare: (sb) => void sb.addInbound({ mobile: '09121234567', text: 'waiting', lineNumber: LINE }),
		},
		{
			// Consumes the provider's unread flag (the user asked for it): a side effect the ledger does not count.
			covers: 'inbox.pullNew',
			parameters: { resource: 'inbox', operation: 'pullNew', count: 10 },
			sideEffect: false,
			prepare: (sb) => void sb.addInbound({ mobile: '09121234567', text: 'waiting', lineNumber: LINE }),
		},
	],
	trigger: {
		parameters: { lineNumber: LINE, includeLastHours: 0, overlapMinutes: 10 },
		addInbound: (sb, text) => void sb.addInbound({ mobile: '09121234567', text, lineNumber: LINE }),
		textOf: (item) => String(item.json.text),
	},
});
