/**
 * The fault suite skips the transport's pauses between attempts (after a 5xx, a reset, or a 429's
 * Retry-After); every retry decision stays real. What is under test is what the node decides and
 * reports, not how long it waits (the unit tests check the pauses), and the suite keeps to minutes.
 */
jest.mock('n8n-workflow', () => ({
	...jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow'),
	sleep: async () => await new Promise<void>((resolve) => setImmediate(resolve)),
}));
