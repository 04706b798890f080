import type { CodeTable } from '../../shared/codes';

/** SepahanGostar `error.code` values (seed: the `send` section's table; every one comes with HTTP 401). */
export const SEPAHAN_ERROR_CODES: CodeTable = {
	'-1': { text: 'The API key (token) is invalid' },
	'-2': { text: 'The API key (token) is not approved or not active (tick its status box in the panel)' },
	'-3': { text: "The requesting IP address is not in the token's allowed IPs" },
	'-4': { text: 'A recipient number has an invalid format (expected 09XXXXXXXXX)' },
	'-5': { text: 'At least one message text is empty' },
	'-6': { text: 'The submitted arrays have different lengths' },
	'-7': { text: 'A submitted array has more than 100 elements' },
	'-8': { text: 'The SMS sending service is inactive' },
	'-9': { text: 'The user account is not approved' },
	'-10': { text: 'The user account has expired' },
	'-11': { text: "The user's web service (API access) is inactive" },
	'-12': { text: "The sender number is invalid (not one of the account's active, verified lines)" },
	'-13': { text: 'No price range (tariff) is defined for the user' },
	'-14': { text: "The user's balance is insufficient" },
	'-15': { text: 'The manager (reseller) account is not approved' },
	'-16': { text: 'The manager (reseller) account has expired' },
	'-17': { text: "The manager's (reseller's) web service is inactive" },
	'-18': { text: 'No price range is defined for the manager (reseller)' },
	'-19': { text: "The manager's (reseller's) balance is insufficient" },
	'-20': { text: 'The request id is a duplicate (a request with this Request-Id was already received)' },
	'-21': { text: 'The input values are invalid' },
	'-22': { text: 'The requesting IP address is blocked' },
	'-23': { text: 'The requested id was not found' },
};

/** Codes that mean the API key or where it is used from is the problem. */
export const SEPAHAN_CREDENTIAL_CODES: readonly number[] = [-1, -2, -3, -22];

export const SEPAHAN_DUPLICATE_REQUEST_CODE = -20;
export const SEPAHAN_SERVICE_INACTIVE_CODE = -8;

export type DeliveryClass = 'pending' | 'sent' | 'delivered' | 'partiallyDelivered' | 'failed' | 'notFound';

/** Delivery status codes of `status` and `oldStatus` (an element of `value[]` on HTTP 200). */
export const SEPAHAN_DELIVERY_CODES: CodeTable<DeliveryClass> = {
	'-1': { text: 'Does not exist', class: 'notFound' },
	'0': { text: 'Waiting to be sent (queued)', class: 'pending' },
	'1': { text: 'Delivered to the handset', class: 'delivered' },
	'2': { text: 'Not delivered to the handset', class: 'failed' },
	'3': { text: 'Cancelled', class: 'failed' },
	'5': { text: 'Blacklisted (the recipient blocks advertising SMS)', class: 'failed' },
	'7': { text: 'Partly delivered to the handset', class: 'partiallyDelivered' },
	'8': { text: 'Handed to the operator, waiting for the handset report', class: 'sent' },
	'16': { text: 'Not handed to the operator', class: 'failed' },
	'-23': { text: 'The message id was not found', class: 'notFound' },
};

/** HTTP statuses of `Receive` (seed: its own table; the body's codes are undocumented). */
export const SEPAHAN_RECEIVE_HTTP_ERRORS: Readonly<Record<number, string>> = {
	406: 'The receiving number is wrong or not active',
	410: 'The receiving number has expired',
	416: 'The number of messages requested is invalid (1 to 100)',
	423: 'The receiving number is not active',
};
