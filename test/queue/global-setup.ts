/**
 * Queue mode: Debian's redis-server and a throw-away PostgreSQL on 127.0.0.1, then the e2e
 * environment (this package installed from its tarball, every sandbox, credentials imported) with
 * ONE n8n main in queue mode and TWO `n8n worker` processes of the same n8n on the same database.
 * Manual executions are offloaded to the workers too, so every execution of the suite runs on a worker.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { bringUp } from '../../scripts/lib/environment';
import { formatDuration } from '../../scripts/lib/log';
import { startN8n, type N8nInstanceConfig, type RunningN8n } from '../../scripts/lib/n8n-process';
import { freePorts } from '../../scripts/lib/ports';
import { startPostgres, startRedis, type RunningService } from '../../scripts/lib/services';
import { STATE_ENV, e2eSandboxes, writeState, type E2eState } from '../e2e/state';
import { QUEUE_TARGET, WORKERS, queueEnv, workerConfig } from './queue';

export interface QueueGlobals {
	stopAll(): Promise<void>;
}

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const target = QUEUE_TARGET();
	process.stdout.write(`\n[queue] preparing Redis, PostgreSQL, n8n ${target.version} (main + ${WORKERS.length} workers), the package and the sandboxes…\n`);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-queue-'));
	// PostgreSQL runs as its own user when this is root (it refuses root): its folder sits directly in the temp dir.
	const databaseFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-queue-db-'));
	const [n8nPort, brokerPort, redisPort, postgresPort] = await freePorts(4);

	const services: RunningService[] = [];
	const workers: RunningN8n[] = [];
	let stopEnvironment: (() => Promise<void>) | undefined;
	const stopAll = async () => {
		await Promise.all(workers.map((w) => w.stop()));
		await stopEnvironment?.();
		for (const service of services.reverse()) await service.stop();
		fs.rmSync(databaseFolder, { recursive: true, force: true });
	};
	(globalThis as Record<string, unknown>).__smsOtpQueue = { stopAll } satisfies QueueGlobals;

	try {
		const redis = await startRedis(redisPort, path.join(userFolder, 'redis'));
		services.push(redis);
		const postgres = await startPostgres(postgresPort, databaseFolder);
		services.push(postgres);

		const env = await bringUp({
			target,
			userFolder,
			n8nPort,
			brokerPort,
			sandboxPort: () => 0,
			logFile: path.join(userFolder, 'n8n-main.log'),
			logLevel: 'debug',
			activateDemos: false,
			extraEnv: queueEnv(redis.port, postgres.n8nEnv),
		});
		stopEnvironment = () => env.stop();

		const configs: Array<{ instance: string; config: N8nInstanceConfig }> = [];
		for (const instance of WORKERS) configs.push({ instance, config: await workerConfig(env.config, instance) });
		for (const { config } of configs) workers.push(await startN8n(config));

		const state: E2eState = {
			pid: env.n8n.pid,
			url: env.n8n.url,
			config: env.config,
			sandboxes: e2eSandboxes(env.sandboxes),
			packageName: env.pkg.name,
			startedAt: started,
			queue: {
				workers: configs.map(({ instance, config }, i) => ({ instance, config, pid: workers[i].pid })),
				redisPort: redis.port,
				database: `PostgreSQL on 127.0.0.1:${postgres.port}`,
			},
		};
		const file = path.join(userFolder, 'e2e-state.json');
		writeState(state, file);
		process.env[STATE_ENV] = file;
		process.stdout.write(
			`[queue] ready in ${formatDuration(Date.now() - started)}: n8n ${env.install.version} on Node.js ${env.install.nodeVersion}, main at ${env.n8n.url}, ` +
				`${WORKERS.join(' and ')}, Redis on port ${redis.port}, ${state.queue!.database}, user folder ${userFolder}\n`,
		);
	} catch (error) {
		await stopAll();
		throw error;
	}
}
