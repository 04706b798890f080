/**
 * A small client for n8n's internal REST API (`/rest/*`, what the editor itself calls), with the
 * `n8n-auth` cookie and the `browser-id` header the cookie is bound to.
 */
import * as path from 'node:path';

import type { N8nInstall } from './n8n-install';
import { UserFacingError } from './log';
import { sleep } from './proc';

export interface OwnerLogin {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The login `npm start` prints and the screenshots script uses. */
export const DEMO_OWNER: OwnerLogin = {
	email: 'demo@sms-otp.local',
	password: 'SmsOtpDemo1',
	firstName: 'Demo',
	lastName: 'Owner',
};

export class N8nRestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(message);
	}
}

export class N8nRest {
	private cookie = '';
	private readonly browserId = 'n8n-nodes-sms-otp-scripts';

	constructor(readonly baseUrl: string) {}

	/** A call under `/rest`; answers `{data: …}` are unwrapped. */
	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const json = await this.raw(method, `/rest${route}`, body);
		return ((json as { data?: T } | undefined)?.data ?? json) as T;
	}

	/** An authenticated call to any path (e.g. `/types/nodes.json`), answer as parsed. */
	async raw(method: string, path: string, body?: unknown): Promise<unknown> {
		const send = () =>
			fetch(`${this.baseUrl}${path}`, {
				method,
				headers: {
					'content-type': 'application/json',
					'browser-id': this.browserId,
					...(this.cookie ? { cookie: this.cookie } : {}),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(60_000),
			});
		let response: Response;
		try {
			response = await send();
		} catch (error) {
			// A kept-alive connection that n8n closed while idle (timers run late on a loaded machine)
			// fails the next request with "other side closed". A read is repeated once on a new one.
			if (method !== 'GET' || !isClosedIdleConnection(error)) throw error;
			response = await send();
		}
		const setCookie = response.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const match = /^n8n-auth=([^;]*)/.exec(c);
			if (match) this.cookie = `n8n-auth=${match[1]}`;
		}
		const text = await response.text();
		let json: unknown = text;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON
		}
		if (!response.ok) {
			const message = (json as { message?: string } | undefined)?.message ?? text.slice(0, 300);
			throw new N8nRestError(`${method} ${path} → ${response.status}: ${message}`, response.status, json);
		}
		return json;
	}

	get<T = unknown>(route: string) {
		return this.request<T>('GET', route);
	}

	post<T = unknown>(route: string, body?: unknown) {
		return this.request<T>('POST', route, body ?? {});
	}

	/** Sets up the owner on a new database, or logs in when it exists already. */
	async setupOwnerOrLogin(owner: OwnerLogin): Promise<void> {
		const settings = await this.get<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('/settings');
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.post('/owner/setup', owner);
			return;
		}
		try {
			await this.post('/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		} catch (error) {
			if (error instanceof N8nRestError && error.status === 401) {
				throw new UserFacingError(
					`The n8n in this user folder already has an owner, and ${owner.email} / ${owner.password} does not log in.\n` +
						'Someone changed the login in the editor. Either log in with that login, or delete the user folder to start over.',
				);
			}
			throw error;
		}
	}

	/**
	 * The credential test of the editor's credential modal: the stored credential's id, its redacted
	 * data as the modal holds it, and whatever the user typed over it (`override`).
	 */
	async testCredential(
		credential: { id: string; name: string; type: string },
		override: Record<string, unknown> = {},
	): Promise<{ status: string; message: string }> {
		const stored = await this.get<{ data?: Record<string, unknown> }>(`/credentials/${credential.id}?includeData=true`);
		return await this.post<{ status: string; message: string }>('/credentials/test', {
			credentials: { ...credential, data: { ...stored.data, ...override } },
		});
	}

	async activateWorkflow(id: string): Promise<void> {
		const workflow = await this.get<{ versionId: string; active: boolean; activeVersionId?: string | null }>(
			`/workflows/${id}`,
		);
		if (workflow.active && workflow.activeVersionId === workflow.versionId) return;
		await this.post(`/workflows/${id}/activate`, { versionId: workflow.versionId });
		await this.waitForPublication(id);
	}

	/**
	 * n8n 2.41 activates a workflow's triggers after answering (a publication queue), and a trigger's
	 * first poll, which starts an inbox trigger "from now", runs then. Waits until the publication is
	 * settled, so that what happens next is after that first poll, as with n8n 2.8 where activation
	 * returns once the triggers run; a trigger that failed to activate is an error here. n8n 2.8 has
	 * no such route (404): nothing to wait for.
	 */
	async waitForPublication(id: string, timeoutMs = 60_000): Promise<void> {
		type Status = { status: string; triggers?: Array<{ nodeId: string; status: string; errorMessage?: string | null }> };
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let status: Status;
			try {
				status = await this.get<Status>(`/workflows/${id}/publication-status`);
			} catch (error) {
				if (error instanceof N8nRestError && error.status === 404) return;
				throw error;
			}
			if (status.status === 'published') return;
			if (status.status === 'failed' || status.status === 'partial') {
				const reasons = (status.triggers ?? [])
					.filter((t) => t.status === 'failed')
					.map((t) => `${t.nodeId}: ${t.errorMessage ?? 'failed'}`);
				throw new UserFacingError(`n8n could not activate workflow ${id}: ${reasons.join('; ') || status.status}`);
			}
			if (Date.now() > deadline) {
				throw new UserFacingError(`n8n did not finish activating workflow ${id} within ${timeoutMs / 1000}s (status ${status.status}).`);
			}
			await sleep(250);
		}
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.post(`/workflows/${id}/deactivate`, {});
	}

	/** Runs a saved workflow as the editor's "Execute workflow" button does; returns the execution id. */
	async runWorkflow(id: string, triggerName?: string): Promise<string> {
		const workflowData = await this.get<Record<string, unknown> & { nodes: Array<{ name: string; type: string }> }>(
			`/workflows/${id}`,
		);
		const trigger =
			triggerName ??
			workflowData.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name ??
			workflowData.nodes[0].name;
		const result = await this.post<{ executionId?: string; waitingForWebhook?: boolean }>(`/workflows/${id}/run`, {
			workflowData,
			triggerToStartFrom: { name: trigger },
		});
		if (!result.executionId) throw new Error(`workflow ${id} did not start: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	async getExecution(id: string): Promise<N8nExecution> {
		return await this.get<N8nExecution>(`/executions/${id}`);
	}

	/** Polls until the execution is no longer running (bounded). */
	async waitForExecution(id: string, timeoutMs = 60_000): Promise<N8nExecution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(id);
			if (execution.finished || !['new', 'running', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs} ms`);
			await sleep(250);
		}
	}

	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		return await this.listAllExecutions({ workflowId });
	}

	/**
	 * Every execution matching `filter`, newest first, read 100 at a time (n8n 2.41 refuses a larger
	 * page), bounded to `max`. n8n 2.41 pages with the `nextCursor` of each answer (and refuses
	 * `lastId`); 2.8.4 has no cursor and pages with `lastId`, the last id of the previous page.
	 */
	async listAllExecutions(filter: Record<string, unknown> = {}, max = 5000): Promise<ExecutionSummary[]> {
		const byId = new Map<string, ExecutionSummary>();
		const query = encodeURIComponent(JSON.stringify(filter));
		let position = '';
		while (byId.size < max) {
			const page = await this.get<{ results: ExecutionSummary[]; nextCursor?: string | null }>(
				`/executions?filter=${query}&limit=100${position}`,
			);
			// An execution that finished between two pages can appear in both: keep it once.
			for (const execution of page.results) if (!byId.has(execution.id)) byId.set(execution.id, execution);
			let next: string;
			if (page.nextCursor !== undefined) {
				if (page.nextCursor === null) break;
				next = `&cursor=${encodeURIComponent(page.nextCursor)}`;
			} else {
				if (page.results.length < 100) break;
				next = `&lastId=${page.results[page.results.length - 1].id}`;
			}
			if (next === position) break;
			position = next;
		}
		return [...byId.values()];
	}
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId?: string;
}

export interface N8nExecution {
	id: string;
	finished: boolean;
	mode: string;
	status: string;
	workflowId: string;
	/** The run data in `flatted` format; decode with `parseExecutionData`. */
	data: string;
}

/** The `flatted` that n8n itself ships (no extra dependency for this repo). */
export function loadFlatted(install: N8nInstall): { parse(text: string): unknown } {
	const fromN8n = require.resolve('flatted', { paths: [path.join(install.dir, 'node_modules', 'n8n')] });
	 
	return require(fromN8n) as { parse(text: string): unknown };
}

export interface ExecutionRunData {
	resultData: {
		runData: Record<
			string,
			Array<{
				data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
				error?: { message: string; description?: string; [key: string]: unknown };
				executionStatus?: string;
			}>
		>;
		error?: { message: string; description?: string; node?: { name: string }; [key: string]: unknown };
		lastNodeExecuted?: string;
	};
}

export function parseExecutionData(install: N8nInstall, execution: N8nExecution): ExecutionRunData {
	return loadFlatted(install).parse(execution.data) as ExecutionRunData;
}

function isClosedIdleConnection(error: unknown): boolean {
	const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
	return error instanceof TypeError && cause?.code === 'UND_ERR_SOCKET';
}
