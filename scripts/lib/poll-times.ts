/**
 * Poll schedules every n8n version we run accepts. n8n 2.8 accepts a cron whose seconds field is a
 * list (`0,10,20,30,40,50 * * * * *`, a poll every 10 s); n8n 2.41 refuses any poll time that fires
 * more than once a minute ("The polling interval is too short"), judging each poll time on its own.
 * The same schedule written as one poll time per second value (`0 * * * * *`, `10 * * * * *`, …) is
 * accepted by both, and fires at exactly the same moments.
 */

export interface PollTime {
	mode: string;
	cronExpression?: string;
	[key: string]: unknown;
}

/** The second values of a six-field cron whose seconds field is a list or a step; undefined otherwise. */
export function subMinuteSeconds(cronExpression: string): number[] | undefined {
	const fields = cronExpression.trim().split(/\s+/);
	if (fields.length !== 6 || /^\d+$/.test(fields[0])) return undefined;
	const seconds = new Set<number>();
	for (const part of fields[0].split(',')) {
		const step = /^(\*|\d+)\/(\d+)$/.exec(part);
		if (step) {
			const every = Number(step[2]);
			if (every < 1) return undefined;
			for (let s = step[1] === '*' ? 0 : Number(step[1]); s < 60; s += every) seconds.add(s);
		} else if (part === '*') {
			for (let s = 0; s < 60; s++) seconds.add(s);
		} else if (/^\d+$/.test(part) && Number(part) < 60) {
			seconds.add(Number(part));
		} else {
			return undefined;
		}
	}
	return [...seconds].sort((a, b) => a - b);
}

/** Poll times with every sub-minute cron split into one poll time per second value. */
export function splitPollTimes(items: readonly PollTime[]): PollTime[] {
	return items.flatMap((item) => {
		const seconds = item.mode === 'custom' && item.cronExpression ? subMinuteSeconds(item.cronExpression) : undefined;
		if (!seconds) return [item];
		const rest = item.cronExpression!.trim().split(/\s+/).slice(1).join(' ');
		return seconds.map((s) => ({ ...item, cronExpression: `${s} ${rest}` }));
	});
}

/** A workflow whose polling nodes use schedules every n8n version we run accepts (a copy; the input is unchanged). */
export function withAcceptedPollTimes<T extends object>(workflow: T): T {
	const original = (workflow as { nodes?: unknown }).nodes;
	if (!Array.isArray(original)) return workflow;
	const nodes = (original as Array<Record<string, unknown>>).map((node) => {
		const parameters = node.parameters as { pollTimes?: { item?: PollTime[] } } | undefined;
		const items = parameters?.pollTimes?.item;
		if (!Array.isArray(items)) return node;
		return { ...node, parameters: { ...parameters, pollTimes: { ...parameters!.pollTimes, item: splitPollTimes(items) } } };
	});
	return { ...workflow, nodes };
}
