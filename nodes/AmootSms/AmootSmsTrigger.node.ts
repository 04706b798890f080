import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { toLatinDigits } from '../shared/digits';
import { runInboxPoll } from '../shared/pollTrigger';
import { invalidInput } from '../shared/validation';
import { amootSmsInbox, type TriggerSettings } from './trigger/inboxPoll';

export class AmootSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AmootSMS Trigger',
		name: 'amootSmsTrigger',
		icon: { light: 'file:../../icons/amootSms.svg', dark: 'file:../../icons/amootSms.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On received SMS',
		description: 'Starts the workflow when an SMS arrives on your AmootSMS lines',
		defaults: { name: 'AmootSMS Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amootSmsApi', required: true }],
		properties: [
			{
				displayName:
					'Each received SMS starts one execution, once. The trigger only reads (RecieveMessages): it never takes messages off the account, so other apps still see them.',
				name: 'triggerNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Receiving Line',
				name: 'lineNumber',
				type: 'string',
				default: '',
				placeholder: '50004000123',
				description: 'Only messages received on this line of yours. Empty: all your lines.',
			},
			{
				displayName: 'Include Messages From the Last (Hours)',
				name: 'includeLastHours',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 168 },
				default: 0,
				description:
					'On first activation, also emit messages received this many hours back. 0: start from now.',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 120 },
				default: 10,
				description:
					"How far back each poll looks before the newest message it saw, so messages AmootSMS lists late, or with a clock behind n8n's, are not missed. Messages are still emitted once.",
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const lineRaw = toLatinDigits(String(this.getNodeParameter('lineNumber', '') ?? '')).trim();
		if (lineRaw && !/^[A-Za-z0-9]{1,30}$/.test(lineRaw)) {
			throw invalidInput(this.getNode(), 0, 'Receiving Line', `is not a line number: "${lineRaw}"`);
		}
		const hours = Number(this.getNodeParameter('includeLastHours', 0));
		const overlap = Number(this.getNodeParameter('overlapMinutes', 10));
		const settings: TriggerSettings = {
			lineNumber: lineRaw || undefined,
			includeLastHours: Number.isFinite(hours) && hours > 0 ? Math.min(hours, 168) : 0,
			overlapMinutes: Number.isFinite(overlap) && overlap >= 1 ? Math.min(overlap, 120) : 10,
		};
		return await runInboxPoll(this, amootSmsInbox(this, settings, new Date()));
	}
}
