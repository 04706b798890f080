import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import { readId, readRequiredText, optionsField } from '../fields';
import { SEND_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Send',
	description: 'Send a client email template, or a custom message, to a client',
	action: 'Send an email',
};

/** Templates WHMCS's SendEmail refuses (docs); the password-reset ones go through User → Reset Password. */
export const UNSENDABLE_TEMPLATES = [
	'Order Confirmation',
	'Password Reset Confirmation',
	'Password Reset Validation',
	'Quote Accepted',
	'Quote Accepted Notification',
	'Quote Delivery with PDF',
	'Clients Only Bounce Message',
	'Replies Only Bounce Message',
	'Affiliate Monthly Referrals Report',
];

const TYPES = [
	{ name: 'General (Related ID: Client ID)', value: 'general' },
	{ name: 'Product (Related ID: Service ID)', value: 'product' },
	{ name: 'Domain (Related ID: Domain ID)', value: 'domain' },
	{ name: 'Invoice (Related ID: Invoice ID)', value: 'invoice' },
	{ name: 'Support (Related ID: Ticket ID)', value: 'support' },
	{ name: 'Affiliate (Related ID: Affiliate ID)', value: 'affiliate' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Template', value: 'template', description: 'An existing client email template of WHMCS' },
			{ name: 'Custom', value: 'custom', description: 'A subject and body given here' },
		],
		default: 'template',
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Client Signup Email',
		displayOptions: { show: { mode: ['template'] } },
		description:
			'The name of a client email template, as in Setup → Email Templates. WHMCS cannot send the password-reset templates this way: use User → Reset Password.',
	},
	{
		displayName: 'Type',
		name: 'customType',
		type: 'options',
		options: TYPES,
		default: 'general',
		displayOptions: { show: { mode: ['custom'] } },
		description: 'What the Related ID refers to',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { mode: ['custom'] } },
	},
	{
		displayName: 'Body (HTML)',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: { show: { mode: ['custom'] } },
		description: 'HTML; WHMCS merge fields such as {$client_name} and your custom variables ({$name}) work',
	},
	{
		displayName: 'Related ID',
		name: 'relatedId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		description:
			"The ID the email is about: the client ID for general emails, the service ID for product emails, the domain, invoice, ticket or affiliate ID for the others",
	},
	{
		displayName: 'Custom Variables',
		name: 'customVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'code', description: 'Used in the email as {$name}' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	optionsField([timeoutOption(SEND_AFTER_TIMEOUT)]),
];

const VARIABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: true,
		read: (itemIndex) => {
			const mode = this.getNodeParameter('mode', itemIndex, 'template') as string;
			const id = readId(this, itemIndex, 'relatedId', 'Related ID', 'related ID');
			const rawVars = this.getNodeParameter('customVariables', itemIndex, {}) as { variable?: Array<{ name?: unknown; value?: unknown }> };
			const customvars: Record<string, string> = {};
			for (const entry of rawVars.variable ?? []) {
				const name = String(entry.name ?? '').trim();
				if (!VARIABLE_NAME_RE.test(name)) {
					throw invalidInput(this.getNode(), itemIndex, 'Custom Variables', `has an invalid name: "${name}"`, 'Names are letters, digits and _, not starting with a digit.');
				}
				if (name in customvars) throw invalidInput(this.getNode(), itemIndex, 'Custom Variables', `has the name "${name}" twice`);
				const value = entry.value;
				if (value !== undefined && value !== null && typeof value === 'object') {
					throw invalidInput(this.getNode(), itemIndex, 'Custom Variables', `has a value for "${name}" that is not text`, 'Each value must be text or a number.');
				}
				customvars[name] = value === undefined || value === null ? '' : String(value);
			}
			if (mode === 'custom') {
				const customtype = String(this.getNodeParameter('customType', itemIndex, 'general'));
				if (!TYPES.some((t) => t.value === customtype)) throw invalidInput(this.getNode(), itemIndex, 'Type', `is not a WHMCS email type: "${customtype}"`);
				return {
					id,
					customvars,
					customtype,
					customsubject: readRequiredText(this, itemIndex, 'subject', 'Subject'),
					custommessage: readRequiredText(this, itemIndex, 'body', 'Body (HTML)'),
				};
			}
			const messagename = readRequiredText(this, itemIndex, 'templateName', 'Template Name').trim();
			if (UNSENDABLE_TEMPLATES.some((name) => name.toLowerCase() === messagename.toLowerCase())) {
				throw invalidInput(
					this.getNode(),
					itemIndex,
					'Template Name',
					`is a template WHMCS cannot send through the API: "${messagename}"`,
					messagename.toLowerCase().startsWith('password reset') ? 'To send a password-reset email, use User → Reset Password.' : undefined,
				);
			}
			return { id, customvars, messagename };
		},
		run: async (input, _itemIndex, request) => {
			await client.sendEmail(request, input);
			return 'messagename' in input
				? { sent: true, template: input.messagename, relatedId: input.id }
				: { sent: true, type: input.customtype, subject: input.customsubject, relatedId: input.id };
		},
	});
}
