import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../../shared/pipeline';
import { invalidInput } from '../../../shared/validation';
import * as client from '../../transport/client';
import type { RequestContext } from '../../../shared/transport';
import { optionsField, userItem } from '../fields';
import { READ_AFTER_TIMEOUT, timeoutOption } from '../../../shared/fields';

export const option = {
	name: 'Get Many',
	description: 'Search users whose email, first name, last name or full name starts with a text',
	action: 'Get many users',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'john',
		description:
			'Matched at the start of the email, first name, last name or full name ("john" finds john@example.com and John Smith). Empty: all users.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	optionsField([
		{
			displayName: 'Sort Order',
			name: 'sorting',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'ASC' },
				{ name: 'Descending', value: 'DESC' },
			],
			default: 'ASC',
			description: 'Order of the users (WHMCS sorts by user ID)',
		},
		timeoutOption(READ_AFTER_TIMEOUT),
	]),
];

/** Pages through GetUsers: `limit` users at most (all when undefined), a bounded number of pages. */
export async function collectUsers(
	ctx: RequestContext,
	query: { search?: string; sorting?: 'ASC' | 'DESC'; limit?: number },
): Promise<IDataObject[]> {
	const users: IDataObject[] = [];
	let start = 0;
	for (let page = 0; page < client.MAX_USER_PAGES; page++) {
		const wanted = query.limit === undefined ? client.USERS_PAGE_SIZE : Math.min(client.USERS_PAGE_SIZE, query.limit - users.length);
		const answer = await client.getUsers(ctx, { search: query.search, sorting: query.sorting, limitstart: start, limitnum: wanted });
		users.push(...answer.users);
		start += answer.numreturned;
		if (answer.numreturned === 0 || start >= answer.totalresults) break;
		if (query.limit !== undefined && users.length >= query.limit) break;
	}
	return query.limit === undefined ? users : users.slice(0, query.limit);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items.length, {
		sideEffect: false,
		read: (itemIndex) => {
			const search = String(this.getNodeParameter('search', itemIndex, '') ?? '').trim();
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const options = this.getNodeParameter('options', itemIndex, {}) as { sorting?: string };
			const sorting = options.sorting === undefined ? undefined : String(options.sorting).toUpperCase();
			if (sorting !== undefined && sorting !== 'ASC' && sorting !== 'DESC') {
				throw invalidInput(this.getNode(), itemIndex, 'Sort Order', `must be ASC or DESC, got "${options.sorting}"`);
			}
			let limit: number | undefined;
			if (!returnAll) {
				limit = Number(this.getNodeParameter('limit', itemIndex, 50));
				if (!Number.isInteger(limit) || limit < 1) throw invalidInput(this.getNode(), itemIndex, 'Limit', `must be a whole number of at least 1, got ${limit}`);
			}
			return { search: search || undefined, sorting: sorting as 'ASC' | 'DESC' | undefined, limit };
		},
		run: async (query, _itemIndex, request) => (await collectUsers(request, query)).map(userItem),
	});
}
