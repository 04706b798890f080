import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../shared/validation';
import { MIN_HASHING_KEY_LENGTH } from '../store/codes';
import { openStore, type Store } from '../store/challenges';
import { recipientKey } from '../store/phone';
import { CREDENTIAL_TYPE } from '../transport/client';

export const phoneField: INodeProperties = {
	displayName: 'Phone Number or Email',
	name: 'phone',
	type: 'string',
	required: true,
	default: '',
	placeholder: '09121234567',
	description:
		'The number the code is for. Iranian mobiles in any form (0912…, +98912…, Persian digits) count as the same number; others are kept as digits (6–15). An email address (letter case aside) works too, for a code sent by email (WHMCS Email → Send).',
};

export function readPhone(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('phone', itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Phone Number or Email', 'is empty');
	}
	const key = recipientKey(raw);
	if (!key) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Phone Number or Email', `is not a phone number or an email address: ${JSON.stringify(String(raw)).slice(0, 40)}`);
	}
	return key;
}

export function readWholeNumber(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, min: number, max: number, fallback: number, from?: IDataObject): number {
	const value = from ? (from[name] ?? fallback) : ctx.getNodeParameter(name, itemIndex, fallback);
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(n) || n < min || n > max) {
		throw invalidInput(ctx.getNode(), itemIndex, label, `must be a whole number from ${min} to ${max}, got ${String(value)}`);
	}
	return n;
}

/** Opens the store once per execution (the credential is checked before any request). */
export function storeOpener(ctx: IExecuteFunctions): () => Promise<Store> {
	let opening: Promise<Store> | undefined;
	return async () => {
		// A failed opening is forgotten, so the next item tries again.
		opening ??= (async () => {
			const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
			if (String(credentials.hashingKey ?? '').length < MIN_HASHING_KEY_LENGTH) {
				throw invalidInput(ctx.getNode(), 0, 'Code Hashing Key', `must be at least ${MIN_HASHING_KEY_LENGTH} characters (credential)`);
			}
			return await openStore(ctx, credentials);
		})();
		const current = opening;
		current.catch(() => {
			if (opening === current) opening = undefined;
		});
		return await current;
	};
}
