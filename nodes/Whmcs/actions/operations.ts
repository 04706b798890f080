import type { ResourceTable } from '../../shared/operations';
import * as createSsoToken from './client/createSsoToken.operation';
import * as getClient from './client/get.operation';
import * as send from './email/send.operation';
import * as create from './user/create.operation';
import * as getByEmail from './user/getByEmail.operation';
import * as getMany from './user/getMany.operation';
import * as resetPassword from './user/resetPassword.operation';
import * as update from './user/update.operation';
import * as validateLogin from './user/validateLogin.operation';

/** Every operation by resource: the node description and the router both read this table. */
export const resources: ResourceTable = {
	client: { name: 'Client', defaultOperation: 'get', operations: { createSsoToken, get: getClient } },
	email: { name: 'Email', defaultOperation: 'send', operations: { send } },
	user: { name: 'User', defaultOperation: 'resetPassword', operations: { create, getByEmail, getMany, resetPassword, update, validateLogin } },
};
