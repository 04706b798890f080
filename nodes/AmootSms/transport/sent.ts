import type { IDataObject } from 'n8n-workflow';

import type { Delivery, SentMessage } from './client';
import { deliveryTypeLabel } from './codes';
import { apiDateTimeToIso } from './dates';

/** A sent message as an output item: `sentAt` is null while a scheduled send waits (.NET's 0001-01-01). */
export function sentMessageJson(message: SentMessage): IDataObject {
	return {
		messageId: message.messageId,
		to: message.mobile,
		lineNumber: message.lineNumber,
		text: message.text,
		registeredAt: apiDateTimeToIso(message.regDateTime),
		...(message.sentDateTime !== undefined
			? { sentAt: apiDateTimeToIso(message.sentDateTime) }
			: {}),
	};
}

/** A delivery report as an output item. `DeliveryType` values are undocumented: the number is kept as is. */
export function deliveryJson(delivery: Delivery): IDataObject {
	return {
		messageId: delivery.messageId,
		found: delivery.status === 'Success',
		...(delivery.mobile !== undefined ? { to: delivery.mobile } : {}),
		deliveryType: delivery.deliveryType,
		deliveryLabel: deliveryTypeLabel(delivery.deliveryType),
		cost: delivery.cost,
		registeredAt: apiDateTimeToIso(delivery.regDateTime),
		sentAt: apiDateTimeToIso(delivery.sendDateTime),
		providerStatus: delivery.status,
	};
}
