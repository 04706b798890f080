/**
 * The minimal real dependency-injection setup that n8n-core's execution code needs.
 *
 * n8n-core resolves a few services from the `@n8n/di` Container while a node runs
 * (InstanceSettings in every node context, Logger for `this.logger`, ErrorReporter in the engine,
 * Cipher for credentials, SSHClientsManager/ScheduledTaskManager in the helpers, ...). Most of them
 * are created for real by the Container. Only three are put in by hand:
 *
 * - Logger: a small recording logger instead of n8n's winston logger, so a test can read what a
 *   node logged (`this.logger.*`). Calls are recorded only inside `captureLogs()` (AsyncLocalStorage,
 *   so concurrent harness calls do not mix). `scoped()` loggers (used by n8n services) never record.
 * - InstanceSettings: the real class, but pointed at a fixed folder under the OS temp directory
 *   (never ~/.n8n), with a fixed encryption key.
 * - ErrorReporter / ActiveWorkflows: the real classes, constructed with an engine logger so that the
 *   engine's own error reports do not show up as if the node had logged them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { ActiveWorkflows, ErrorReporter, InstanceSettings, Tracing } from 'n8n-core';
// Not re-exported by n8n-core's index (the Container resolves them by class).
import { ScheduledTaskManager } from 'n8n-core/dist/execution-engine/scheduled-task-manager';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import { LoggerProxy } from 'n8n-workflow';

export interface LogEntry {
	level: string;
	message: string;
	meta?: unknown;
}

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const logSink = new AsyncLocalStorage<LogEntry[]>();

/** Logger whose calls are recorded into the sink of the current `captureLogs` scope (if any). */
class RecordingLogger {
	constructor(private readonly record: boolean) {}

	private write(level: LogLevel, message: string, meta?: unknown) {
		if (process.env.N8N_HARNESS_DEBUG) {
			console.log(`[harness ${this.record ? 'node' : 'engine'} ${level}] ${message}`, meta ?? '');
		}
		if (!this.record) return;
		const sink = logSink.getStore();
		if (!sink) return;
		const entry: LogEntry = { level, message };
		if (meta !== undefined) entry.meta = meta;
		sink.push(entry);
	}

	error(message: string, meta?: unknown) {
		this.write('error', message, meta);
	}
	warn(message: string, meta?: unknown) {
		this.write('warn', message, meta);
	}
	info(message: string, meta?: unknown) {
		this.write('info', message, meta);
	}
	debug(message: string, meta?: unknown) {
		this.write('debug', message, meta);
	}
	/** n8n services log through scoped loggers; those are engine logs, never recorded. */
	scoped(_scopes: unknown) {
		return engineLogger;
	}
}

const engineLogger = new RecordingLogger(false) as unknown as Logger;
const nodeLogger = new RecordingLogger(true) as unknown as Logger;

const ENCRYPTION_KEY = 'n8n-harness-encryption-key';
let initialized = false;

/** Idempotent: prepares the Container once per Jest module registry. */
export function ensureN8nContainer(): void {
	if (initialized) return;
	initialized = true;

	// One fixed folder, reused by every run and Jest worker. The settings file is written atomically
	// beforehand, so InstanceSettings only reads it (it would create it otherwise).
	const userFolder = join(tmpdir(), 'n8n-nodes-sms-otp-harness');
	const n8nFolder = join(userFolder, '.n8n');
	mkdirSync(n8nFolder, { recursive: true });
	const partial = join(n8nFolder, `config.${process.pid}.tmp`);
	writeFileSync(partial, JSON.stringify({ encryptionKey: ENCRYPTION_KEY }));
	renameSync(partial, join(n8nFolder, 'config'));

	const instanceConfig = Object.assign(new InstanceSettingsConfig(), {
		n8nFolder,
		userHome: userFolder,
		encryptionKey: ENCRYPTION_KEY,
		enforceSettingsFilePermissions: false,
	});
	Container.set(InstanceSettingsConfig, instanceConfig);
	Container.set(Logger, nodeLogger);
	LoggerProxy.init(engineLogger);
	Container.set(InstanceSettings, new InstanceSettings(instanceConfig, engineLogger));

	const tracing = Container.get(Tracing);
	Container.set(ErrorReporter, new ErrorReporter(engineLogger, tracing));
	Container.set(
		ActiveWorkflows,
		new ActiveWorkflows(
			engineLogger,
			Container.get(ScheduledTaskManager),
			Container.get(TriggersAndPollers),
			Container.get(ErrorReporter),
			tracing,
		),
	);

	// Services with background timers (SSH client cleanup every 60 s, cron logging): create them now
	// and unref the timers, so they cannot keep the Jest worker alive. Behaviour is otherwise unchanged.
	unrefTimers(Container.get(SSHClientsManager), ['cleanupTimer']);
	unrefTimers(Container.get(ScheduledTaskManager), ['logInterval']);
}

function unrefTimers(service: object, fields: string[]) {
	for (const field of fields) {
		const timer = (service as Record<string, unknown>)[field] as NodeJS.Timeout | undefined;
		timer?.unref?.();
	}
}

/** Runs `fn` with a fresh log sink; everything logged through the root Logger is recorded. */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ value: T; logs: LogEntry[] }> {
	const logs: LogEntry[] = [];
	const value = await logSink.run(logs, fn);
	return { value, logs };
}

export { engineLogger };
