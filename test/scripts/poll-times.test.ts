/** Poll schedules both n8n versions accept: a sub-minute cron becomes one poll time per second value. */
import { providers } from '../../manifest';
import { seedWorkflows } from '../../scripts/lib/demo';
import { splitPollTimes, subMinuteSeconds, withAcceptedPollTimes, type PollTime } from '../../scripts/lib/poll-times';

/** n8n 2.41's rule (n8n-workflow `isSubMinuteCron`): a six-field cron whose seconds field is not one number. */
const refusedByNewestN8n = (cron: string) => {
	const fields = cron.trim().split(/\s+/);
	return fields.length === 6 && !/^\d+$/.test(fields[0]);
};

test('a seconds list becomes one poll time per second, same minutes, hours and days', () => {
	const split = splitPollTimes([{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }]);
	expect(split.map((p) => p.cronExpression)).toEqual([
		'0 * * * * *',
		'10 * * * * *',
		'20 * * * * *',
		'30 * * * * *',
		'40 * * * * *',
		'50 * * * * *',
	]);
	expect(split.every((p) => p.mode === 'custom' && !refusedByNewestN8n(p.cronExpression!))).toBe(true);
});

test('steps and a bare * expand to their seconds; other fields are kept as written', () => {
	expect(subMinuteSeconds('*/15 * * * * *')).toEqual([0, 15, 30, 45]);
	expect(subMinuteSeconds('5/20 0 9 * * 1-5')).toEqual([5, 25, 45]);
	expect(subMinuteSeconds('* * * * * *')).toHaveLength(60);
	expect(splitPollTimes([{ mode: 'custom', cronExpression: '*/30 0 9 * * 1-5' }]).map((p) => p.cronExpression)).toEqual([
		'0 0 9 * * 1-5',
		'30 0 9 * * 1-5',
	]);
});

test('schedules n8n already accepts, and ones this cannot read, are left alone', () => {
	const kept: PollTime[] = [
		{ mode: 'everyMinute' },
		{ mode: 'custom', cronExpression: '*/5 * * * *' },
		{ mode: 'custom', cronExpression: '7 * * * * *' },
		{ mode: 'custom', cronExpression: 'a,b * * * * *' },
	];
	expect(splitPollTimes(kept)).toEqual(kept);
});

test('a workflow copy gets split poll times; the original and non-polling nodes are unchanged', () => {
	const workflow = {
		name: 'w',
		nodes: [
			{ name: 'poll', parameters: { other: 1, pollTimes: { item: [{ mode: 'custom', cronExpression: '0,30 * * * * *' }] } } },
			{ name: 'plain', parameters: { value: 2 } },
		],
	};
	const before = JSON.stringify(workflow);
	const copy = withAcceptedPollTimes(workflow);
	expect(JSON.stringify(workflow)).toBe(before);
	expect(copy.nodes[0].parameters).toEqual({
		other: 1,
		pollTimes: {
			item: [
				{ mode: 'custom', cronExpression: '0 * * * * *' },
				{ mode: 'custom', cronExpression: '30 * * * * *' },
			],
		},
	});
	expect(copy.nodes[1]).toBe(workflow.nodes[1]);
});

test('no demo workflow that npm start imports has a poll time the newest n8n refuses', () => {
	const crons = seedWorkflows(providers).flatMap((w) =>
		(w.nodes as Array<{ parameters?: { pollTimes?: { item?: PollTime[] } } }>).flatMap(
			(n) => n.parameters?.pollTimes?.item?.map((p) => p.cronExpression ?? '') ?? [],
		),
	);
	expect(crons.filter(refusedByNewestN8n)).toEqual([]);
});
