import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecutor } from './common';
import * as generateApiKey from './account/generateApiKey.operation';
import * as getCredit from './account/getCredit.operation';
import * as getOldStatus from './delivery/getOldStatus.operation';
import * as getStatus from './delivery/getStatus.operation';
import * as getMany from './inbox/getMany.operation';
import * as checkRequest from './sms/checkRequest.operation';
import * as send from './sms/send.operation';
import * as sendOtp from './sms/sendOtp.operation';
import * as sendPersonalized from './sms/sendPersonalized.operation';

interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecutor;
}

/** Every operation by resource: the router and the node description both read this table. */
export const operations: Record<string, Record<string, OperationModule>> = {
	sms: { send, sendPersonalized, sendOtp, checkRequest },
	delivery: { getStatus, getOldStatus },
	inbox: { getMany },
	account: { getCredit, generateApiKey },
};
