import type { ResourceTable } from '../../shared/operations';
import * as issue from './challenge/issue.operation';
import * as verify from './challenge/verify.operation';

/** Every operation by resource: the node description and the router both read this table. */
export const resources: ResourceTable = {
	challenge: { name: 'Challenge', defaultOperation: 'issue', operations: { issue, verify } },
};
