import type { ResourceTable } from '../../shared/operations';
import * as getStatus from './account/getStatus.operation';
import * as getDelivery from './delivery/get.operation';
import * as getByCampaign from './delivery/getByCampaign.operation';
import * as getManyDeliveries from './delivery/getMany.operation';
import * as getManyInbox from './inbox/getMany.operation';
import * as pullNew from './inbox/pullNew.operation';
import * as sendOtp from './otp/sendOtp.operation';
import * as getSent from './sms/get.operation';
import * as getManySent from './sms/getManySent.operation';
import * as send from './sms/send.operation';
import * as sendPattern from './sms/sendPattern.operation';
import * as sendPeerToPeer from './sms/sendPeerToPeer.operation';
import * as sendWithBackupLine from './sms/sendWithBackupLine.operation';

/** Every operation by resource (spec §7.1): the node description and the router both read this table. */
export const resources: ResourceTable = {
	account: { name: 'Account', defaultOperation: 'getStatus', operations: { getStatus } },
	delivery: {
		name: 'Delivery',
		defaultOperation: 'get',
		operations: { get: getDelivery, getMany: getManyDeliveries, getByCampaign },
	},
	inbox: {
		name: 'Inbox',
		defaultOperation: 'getMany',
		operations: { getMany: getManyInbox, pullNew },
	},
	otp: { name: 'OTP', defaultOperation: 'sendOtp', operations: { sendOtp } },
	sms: {
		name: 'SMS',
		defaultOperation: 'send',
		operations: {
			send,
			sendWithBackupLine,
			sendPattern,
			sendPeerToPeer,
			get: getSent,
			getManySent,
		},
	},
};
