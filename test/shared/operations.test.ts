import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationModule, ResourceTable } from '../../nodes/shared/operations';
import { describeResources } from '../../nodes/shared/operations';

const operation = (name: string, fields: INodeProperties[]): OperationModule => ({
	option: { name, description: `${name} it`, action: `${name} something` },
	description: fields,
	execute: async (items: INodeExecutionData[]) => items,
});

describe('node description from the operations table', () => {
	const table: ResourceTable = {
		sms: {
			name: 'SMS',
			defaultOperation: 'send',
			operations: {
				send: operation('Send', [
					{ displayName: 'To', name: 'to', type: 'string', default: '' },
					{ displayName: 'Extra', name: 'extra', type: 'string', default: '', displayOptions: { show: { mode: ['x'] } } },
				]),
				check: operation('Check', []),
			},
		},
		account: { name: 'Account', defaultOperation: 'getCredit', operations: { getCredit: operation('Get Credit', []) } },
	};
	const properties = describeResources(table, 'sms');

	it('derives the resource selector and one sorted operation menu per resource', () => {
		expect(properties[0]).toMatchObject({ name: 'resource', default: 'sms', options: [{ name: 'Account', value: 'account' }, { name: 'SMS', value: 'sms' }] });
		const menus = properties.filter((property) => property.name === 'operation');
		expect(menus.map((menu) => [menu.displayOptions?.show?.resource, menu.default, (menu.options as Array<{ value: string }>).map((o) => o.value)])).toEqual([
			[['sms'], 'send', ['check', 'send']],
			[['account'], 'getCredit', ['getCredit']],
		]);
	});

	it("shows each operation's fields for that operation only, keeping their own conditions", () => {
		const to = properties.find((property) => property.name === 'to');
		expect(to?.displayOptions).toEqual({ show: { resource: ['sms'], operation: ['send'] } });
		const extra = properties.find((property) => property.name === 'extra');
		expect(extra?.displayOptions).toEqual({ show: { mode: ['x'], resource: ['sms'], operation: ['send'] } });
	});
});
