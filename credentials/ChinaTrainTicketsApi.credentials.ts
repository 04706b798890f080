import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../nodes/ChinaTrainTickets/transport/client';

/**
 * ChinaTrainTickets member API: a Base URL and the client application's signing key. The key
 * never travels: each request carries a signature made with it (HMAC-SHA256, UTC time stamp,
 * fresh random). No key ships, not even the published test vector's.
 */
export class ChinaTrainTicketsApi implements ICredentialType {
	name = 'chinaTrainTicketsApi';

	displayName = 'ChinaTrainTickets API';

	icon = {
		light: 'file:../icons/chinaTrainTickets.svg',
		dark: 'file:../icons/chinaTrainTickets.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-sms-otp/n8n-nodes-sms-otp#chinatraintickets';

	properties: INodeProperties[] = [
		{
			displayName:
				"The only documented address uses plain http, so the verification code and the new password travel unencrypted. Use an https:// Base URL if you know the host serves TLS. The test below checks the host and this node's signing code; the key itself is proven only by the first real call (a wrong key is refused with a code other than 1).",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: DEFAULT_BASE_URL,
			placeholder: DEFAULT_BASE_URL,
			description: 'The API host, without a trailing slash',
		},
		// The HMAC key of every request signature: a secret, whatever its name suggests to the linter.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Signing Key',
			name: 'signingKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The signing key of your ChinaTrainTickets client application. It signs every request (the n8n host's clock must be in sync with UTC); it is never sent.",
		},
	];
}
