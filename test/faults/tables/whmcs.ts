/** WHMCS's fault table: every operation of its node and its side-effect ledger (no trigger). */
import type { WhmcsSandbox } from '../../../sandbox/whmcs';
import { defineFaultTable } from '../types';

const UPDATED_EMAIL = 'johnny@example.org';

export const whmcs = defineFaultTable<WhmcsSandbox>({
	// Users created, the update applied (setting the same values again is no second effect), reset
	// emails, emails sent, SSO tokens issued.
	ledger: (sb) =>
		sb.users().length +
		sb.users().filter((user) => user.email === UPDATED_EMAIL).length +
		sb.resetEmails().length +
		sb.sentEmails().length +
		sb.ssoTokens().length,
	operations: [
		{
			covers: 'user.resetPassword',
			parameters: { resource: 'user', operation: 'resetPassword', identifyBy: 'email', email: '={{ $json.email }}', options: {} },
			items: [{ email: 'jane.doe@example.com' }, { email: 'ali.rezaei@example.ir' }],
			sideEffect: true,
		},
		{
			covers: 'user.getMany',
			parameters: { resource: 'user', operation: 'getMany', search: 'john.smith@', returnAll: true, options: {} },
			sideEffect: false,
		},
		{ covers: 'user.getByEmail', parameters: { resource: 'user', operation: 'getByEmail', email: 'John.Smith@example.net' }, sideEffect: false },
		{
			covers: 'user.update',
			parameters: { resource: 'user', operation: 'update', userId: '3', updateFields: { email: UPDATED_EMAIL, language: 'french' } },
			sideEffect: true,
		},
		{
			covers: 'user.create',
			parameters: { resource: 'user', operation: 'create', firstname: 'Eve', lastname: 'Tester', email: 'eve.tester@example.com', password: 'Fault-Created-Pass-1', additionalFields: {} },
			sideEffect: true,
			textFields: ['firstname', 'lastname'],
		},
		{
			covers: 'user.validateLogin',
			parameters: { resource: 'user', operation: 'validateLogin', email: 'john.smith@example.net', password: '={{ $json.password }}', options: {} },
			items: [{ password: 'Correct-Horse-1' }, { password: 'wrong' }],
			sideEffect: false,
		},
		{
			covers: 'client.get',
			parameters: { resource: 'client', operation: 'get', identifyBy: 'clientId', clientId: '={{ $json.id }}', options: { includeStats: true } },
			items: [{ id: '2' }, { id: '1' }],
			sideEffect: false,
		},
		{
			covers: 'client.createSsoToken',
			parameters: { resource: 'client', operation: 'createSsoToken', clientId: '1', userId: '', options: { destination: 'clientarea:invoices' } },
			sideEffect: true,
		},
		{
			covers: 'email.send',
			parameters: { resource: 'email', operation: 'send', mode: 'template', templateName: 'Client Signup Email', relatedId: '1', customVariables: { variable: [{ name: 'code', value: '4242' }] } },
			sideEffect: true,
			textFields: ['templateName'],
		},
	],
});
