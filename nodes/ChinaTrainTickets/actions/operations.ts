import type { ResourceTable } from '../../shared/operations';
import * as resetPassword from './member/resetPassword.operation';
import * as sendPasswordResetCode from './member/sendPasswordResetCode.operation';

/** Every operation by resource: the node description and the router both read this table. */
export const resources: ResourceTable = {
	member: {
		name: 'Member',
		defaultOperation: 'sendPasswordResetCode',
		operations: { resetPassword, sendPasswordResetCode },
	},
};
