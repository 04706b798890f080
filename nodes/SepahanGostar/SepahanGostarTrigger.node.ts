import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parseLineNumber } from '../shared/phone';
import { runInboxPoll } from '../shared/pollTrigger';
import { invalidInput } from '../shared/validation';
import { receivingLineField } from './actions/fields';
import { sepahanGostarInbox, type TriggerSettings } from './trigger/inboxPoll';

export class SepahanGostarTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SepahanGostar Trigger',
		name: 'sepahanGostarTrigger',
		icon: { light: 'file:../../icons/sepahanGostar.svg', dark: 'file:../../icons/sepahanGostar.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On inbound SMS',
		description: 'Starts the workflow when an SMS arrives on your SepahanGostar lines',
		defaults: { name: 'SepahanGostar Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sepahanGostarApi', required: true }],
		properties: [
			{
				displayName:
					'Each inbound SMS starts one execution, once. Messages are not marked read unless you turn that on below; messages another app marked read are not visible to this trigger.',
				name: 'triggerNotice',
				type: 'notice',
				default: '',
			},
			receivingLineField,
			{
				displayName: 'Include Messages From the Last (Hours)',
				name: 'includeLastHours',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 168 },
				default: 0,
				description:
					'On first activation, also emit unread messages from this many hours back. 0: start from now. The API dates messages by day, so the whole first day counts.',
			},
			{
				displayName: 'Mark as Read After Emitting',
				name: 'consumeMode',
				type: 'boolean',
				default: false,
				description:
					'Whether to mark messages read on the provider once they have been emitted (active workflows only). Needed to work through more than 100 unread messages; other apps will no longer see them.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const lineRaw = String(this.getNodeParameter('receivingLine', '') ?? '').trim();
		const privateNumber = lineRaw ? parseLineNumber(lineRaw) : undefined;
		if (lineRaw && !privateNumber) throw invalidInput(this.getNode(), 0, 'Receiving Line', `is not a line number: "${lineRaw}"`);
		const includeLastHours = Number(this.getNodeParameter('includeLastHours', 0));
		const settings: TriggerSettings = {
			privateNumber,
			includeLastHours: Number.isFinite(includeLastHours) && includeLastHours > 0 ? Math.min(includeLastHours, 168) : 0,
			consumeMode: this.getNodeParameter('consumeMode', false) === true,
		};
		return await runInboxPoll(this, sepahanGostarInbox(this, settings, new Date()));
	}
}
