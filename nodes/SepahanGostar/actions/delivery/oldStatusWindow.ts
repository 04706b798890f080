import { TEHRAN, zonedParts, zonedTimeToUtc } from '../../../shared/dates';

/** oldStatus answers only from 01:00:00 to 04:59:59 Tehran time (seed; the zone is Iran's). */
export const OLD_STATUS_WINDOW = { fromHour: 1, toHour: 5 };

export function isInOldStatusWindow(at: Date): boolean {
	const { hour } = zonedParts(at, TEHRAN);
	return hour >= OLD_STATUS_WINDOW.fromHour && hour < OLD_STATUS_WINDOW.toHour;
}

/** The next opening of the window after `at`, as an instant. */
export function nextOldStatusWindow(at: Date): Date {
	const local = zonedParts(at, TEHRAN);
	let opening = zonedTimeToUtc({ ...local, hour: OLD_STATUS_WINDOW.fromHour, minute: 0, second: 0 }, TEHRAN);
	if (opening.getTime() <= at.getTime()) {
		const tomorrow = zonedParts(new Date(opening.getTime() + 26 * 3_600_000), TEHRAN);
		opening = zonedTimeToUtc({ ...tomorrow, hour: OLD_STATUS_WINDOW.fromHour, minute: 0, second: 0 }, TEHRAN);
	}
	return opening;
}

export function describeOldStatusWindow(at: Date): string {
	const local = zonedParts(at, TEHRAN);
	const next = nextOldStatusWindow(at);
	const nextLocal = zonedParts(next, TEHRAN);
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`Get Old Status only works between 01:00 and 05:00 Tehran time (21:30–01:30 UTC). ` +
		`It is now ${pad(local.hour)}:${pad(local.minute)} in Tehran; the next window opens at ` +
		`${nextLocal.year}-${pad(nextLocal.month)}-${pad(nextLocal.day)} 01:00 Tehran time (${next.toISOString()}).`
	);
}
