import type { ResourceTable } from '../../shared/operations';
import * as getBasePrice from './account/getBasePrice.operation';
import * as getCredit from './account/getCredit.operation';
import * as getSenderNumbers from './account/getSenderNumbers.operation';
import * as getCount from './inbox/getCount.operation';
import * as getMany from './inbox/getMany.operation';
import * as sendOtp from './otp/sendOtp.operation';
import * as forgotPassword from './resellerUser/forgotPassword.operation';
import * as getDeliveryStatus from './sms/getDeliveryStatus.operation';
import * as send from './sms/send.operation';
import * as sendPattern from './sms/sendPattern.operation';

/** Every operation by resource (spec §7.1): the node description and the router both read this table. */
export const resources: ResourceTable = {
	account: { name: 'Account', defaultOperation: 'getCredit', operations: { getBasePrice, getCredit, getSenderNumbers } },
	inbox: { name: 'Inbox', defaultOperation: 'getMany', operations: { getCount, getMany } },
	otp: { name: 'OTP', defaultOperation: 'sendOtp', operations: { sendOtp } },
	resellerUser: { name: 'Reseller User', defaultOperation: 'forgotPassword', operations: { forgotPassword } },
	sms: { name: 'SMS', defaultOperation: 'send', operations: { getDeliveryStatus, send, sendPattern } },
};
