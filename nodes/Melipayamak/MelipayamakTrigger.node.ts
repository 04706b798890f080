import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parseLineNumber } from '../shared/phone';
import { runInboxPoll } from '../shared/pollTrigger';
import { invalidInput } from '../shared/validation';
import { lineFilterField } from './actions/fields';
import { melipayamakInbox } from './trigger/inboxPoll';

export class MelipayamakTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Melipayamak Trigger',
		name: 'melipayamakTrigger',
		icon: { light: 'file:../../icons/melipayamak.svg', dark: 'file:../../icons/melipayamak.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On received SMS',
		description: 'Starts the workflow when an SMS arrives on your Melipayamak lines',
		defaults: { name: 'Melipayamak Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'melipayamakApi', required: true }],
		properties: [
			{
				displayName:
					'Each received SMS starts one execution, once. The trigger only reads: messages stay unread on Melipayamak, so other apps still see them.',
				name: 'triggerNotice',
				type: 'notice',
				default: '',
			},
			lineFilterField,
			{
				displayName: 'Emit Existing Messages on First Run',
				name: 'emitExisting',
				type: 'boolean',
				default: false,
				description: 'Whether the first activation also emits messages already in the inbox (up to 2,000 per poll). Off: start from now.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const lineRaw = String(this.getNodeParameter('line', '') ?? '').trim();
		const line = lineRaw ? parseLineNumber(lineRaw) : undefined;
		if (lineRaw && !line) throw invalidInput(this.getNode(), 0, 'Line', `is not a line number: "${lineRaw}"`);
		return await runInboxPoll(this, melipayamakInbox(this, { line, emitExistingOnFirstRun: this.getNodeParameter('emitExisting', false) === true }));
	}
}
