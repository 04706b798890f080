import type { ResourceTable } from '../../shared/operations';
import * as generateApiKey from './account/generateApiKey.operation';
import * as getCredit from './account/getCredit.operation';
import * as getOldStatus from './delivery/getOldStatus.operation';
import * as getStatus from './delivery/getStatus.operation';
import * as getMany from './inbox/getMany.operation';
import * as checkRequest from './sms/checkRequest.operation';
import * as send from './sms/send.operation';
import * as sendOtp from './sms/sendOtp.operation';
import * as sendPersonalized from './sms/sendPersonalized.operation';

/** Every operation by resource: the node description and the router both read this table. */
export const resources: ResourceTable = {
	account: { name: 'Account', defaultOperation: 'getCredit', operations: { generateApiKey, getCredit } },
	delivery: { name: 'Delivery', defaultOperation: 'getStatus', operations: { getOldStatus, getStatus } },
	inbox: { name: 'Inbox', defaultOperation: 'getMany', operations: { getMany } },
	sms: { name: 'SMS', defaultOperation: 'send', operations: { checkRequest, send, sendOtp, sendPersonalized } },
};
