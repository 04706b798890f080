/**
 * Challenges in a shared n8n data table: one row per phone number, holding its current challenge
 * (id, code hash, expiry, attempts, state) and its send counters. Every change is a
 * compare-and-set on the row's `version`: an update filtered on `id` and `version` changes the
 * row for exactly one of any number of concurrent executions; the others read the row again and
 * decide anew. So two executions verifying the same code cannot both get `valid`, and concurrent
 * wrong guesses each count an attempt (and a check of the number's check window).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { ProviderError } from '../../shared/errors';
import { generateNumericCode } from '../../shared/otp';
import type { RequestContext } from '../../shared/transport';
import * as client from '../transport/client';
import type { Row, TableInfo } from '../transport/client';
import { codeMatches, hashCode, newChallengeId } from './codes';

export const COLUMNS: Array<{ name: string; type: 'string' | 'number' }> = [
	{ name: 'phone', type: 'string' },
	{ name: 'challengeId', type: 'string' },
	{ name: 'codeHash', type: 'string' },
	{ name: 'state', type: 'string' },
	{ name: 'attempts', type: 'number' },
	{ name: 'maxAttempts', type: 'number' },
	{ name: 'expiresAt', type: 'number' },
	{ name: 'sends', type: 'number' },
	{ name: 'windowStart', type: 'number' },
	{ name: 'lastSentAt', type: 'number' },
	{ name: 'checks', type: 'number' },
	{ name: 'checkWindowStart', type: 'number' },
	{ name: 'version', type: 'number' },
];

/** Rounds of read + compare-and-set before giving up (each round, one contender wins). */
export const MAX_ROUNDS = 60;

export interface Challenge {
	rowId: number;
	phone: string;
	challengeId: string;
	codeHash: string;
	state: 'pending' | 'used';
	attempts: number;
	maxAttempts: number;
	expiresAt: number;
	sends: number;
	windowStart: number;
	lastSentAt: number;
	checks: number;
	checkWindowStart: number;
	version: number;
}

export interface Store {
	ctx: RequestContext;
	table: TableInfo;
	hashingKey: string;
}

export interface Limits {
	codeLength: number;
	lifetimeMs: number;
	maxAttempts: number;
	maxSends: number;
	sendWindowMs: number;
	resendCooldownMs: number;
}

export type IssueResult =
	| { status: 'issued' | 'resent'; challengeId: string; code: string; expiresAt: number; attemptsLeft: number; sendsLeft: number }
	| { status: 'rateLimited'; reason: 'resendCooldown' | 'sendLimit'; challengeId: string; retryAfterMs: number; attemptsLeft: number; sendsLeft: number };

/** Checks of one number (across its challenges) within a window. */
export interface CheckLimits {
	maxChecks: number;
	checkWindowMs: number;
}

export type VerifyStatus = 'valid' | 'wrong' | 'expired' | 'tooManyAttempts' | 'alreadyUsed' | 'notFound' | 'rateLimited';

export interface VerifyResult {
	status: VerifyStatus;
	challengeId: string;
	attemptsLeft: number;
	/** Only for `rateLimited`: when the number's check window allows a check again. */
	retryAfterMs: number;
}

function num(value: unknown): number {
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : 0;
}

function toChallenge(row: Row): Challenge {
	return {
		rowId: row.id,
		phone: String(row.phone ?? ''),
		challengeId: String(row.challengeId ?? ''),
		codeHash: String(row.codeHash ?? ''),
		state: row.state === 'used' ? 'used' : 'pending',
		attempts: num(row.attempts),
		maxAttempts: num(row.maxAttempts),
		expiresAt: num(row.expiresAt),
		sends: num(row.sends),
		windowStart: num(row.windowStart),
		lastSentAt: num(row.lastSentAt),
		checks: num(row.checks),
		checkWindowStart: num(row.checkWindowStart),
		version: num(row.version),
	};
}

function storeBusy(what: string): ProviderError {
	return new ProviderError({
		provider: client.STORE_NAME,
		message: `${what}: the challenge kept changing under concurrent executions (${MAX_ROUNDS} tries)`,
		outcome: 'refused',
		description: 'Nothing was recorded for this item. Try again.',
	});
}

/** The data table named in the credential, created with its columns on first use. */
export async function openStore(ctx: RequestContext & { getNode(): import('n8n-workflow').INode }, credentials: IDataObject): Promise<Store> {
	const name = String(credentials.tableName ?? '').trim() || 'otp_challenges';
	const hashingKey = String(credentials.hashingKey ?? '');
	let table = (await client.findTables(ctx, name))[0];
	if (!table) table = (await client.createTable(ctx, name, COLUMNS)) ?? (await client.findTables(ctx, name))[0];
	if (!table) throw new NodeOperationError(ctx.getNode(), `The data table "${name}" could not be created or found`);
	if (Array.isArray(table.columns) && table.columns.length > 0) {
		const present = new Set(table.columns.map((c) => c.name));
		const missing = COLUMNS.filter((c) => !present.has(c.name)).map((c) => c.name);
		if (missing.length) {
			throw new NodeOperationError(ctx.getNode(), `The data table "${name}" lacks the columns ${missing.join(', ')}`, {
				description: 'Use another Data Table Name in the credential (the node creates the table), or add these columns.',
			});
		}
	}
	return { ctx, table, hashingKey };
}

/** The phone's row: the lowest id wins when concurrent first issues inserted two. */
async function readRow(store: Store, phone: string): Promise<Challenge | undefined> {
	const rows = await client.listRows(store.ctx, store.table.id, [{ columnName: 'phone', value: phone }], 1);
	return rows[0] ? toChallenge(rows[0]) : undefined;
}

async function compareAndSet(store: Store, row: Challenge, data: IDataObject): Promise<boolean> {
	const changed = await client.updateRows(
		store.ctx,
		store.table.id,
		[
			{ columnName: 'id', value: row.rowId },
			{ columnName: 'version', value: row.version },
		],
		{ ...data, version: row.version + 1 },
	);
	return changed.length > 0;
}

function isLive(row: Challenge, now: number): boolean {
	return row.challengeId !== '' && row.state === 'pending' && now < row.expiresAt && row.attempts < row.maxAttempts;
}

/**
 * Issues a code for `phone`: a new challenge, or a new code for the live one (a resend keeps the
 * challenge, its attempts and its id), unless the cooldown or the send limit says no.
 */
export async function issue(store: Store, phone: string, limits: Limits, now: () => number): Promise<IssueResult> {
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const at = now();
		const row = await readRow(store, phone);
		const code = generateNumericCode(limits.codeLength);
		const expiresAt = at + limits.lifetimeMs;
		if (!row) {
			const challengeId = newChallengeId();
			const inserted = await client.insertRow(store.ctx, store.table.id, {
				phone,
				challengeId,
				codeHash: hashCode(store.hashingKey, challengeId, code),
				state: 'pending',
				attempts: 0,
				maxAttempts: limits.maxAttempts,
				expiresAt,
				sends: 1,
				windowStart: at,
				lastSentAt: at,
				checks: 0,
				checkWindowStart: at,
				version: 1,
			});
			// A concurrent first issue may have inserted too: the lowest id is the phone's row.
			const first = await readRow(store, phone);
			if (first && first.rowId !== inserted.id) {
				await client.deleteRows(store.ctx, store.table.id, [{ columnName: 'id', value: inserted.id }]);
				continue;
			}
			return { status: 'issued', challengeId, code, expiresAt, attemptsLeft: limits.maxAttempts, sendsLeft: limits.maxSends - 1 };
		}

		const windowOver = at - row.windowStart >= limits.sendWindowMs;
		const windowStart = windowOver ? at : row.windowStart;
		const sends = windowOver ? 0 : row.sends;
		const live = isLive(row, at);
		const attemptsLeft = live ? row.maxAttempts - row.attempts : limits.maxAttempts;
		const cooldownLeft = row.lastSentAt + limits.resendCooldownMs - at;
		if (cooldownLeft > 0) {
			return { status: 'rateLimited', reason: 'resendCooldown', challengeId: live ? row.challengeId : '', retryAfterMs: cooldownLeft, attemptsLeft, sendsLeft: Math.max(0, limits.maxSends - sends) };
		}
		if (sends >= limits.maxSends) {
			return { status: 'rateLimited', reason: 'sendLimit', challengeId: live ? row.challengeId : '', retryAfterMs: Math.max(0, windowStart + limits.sendWindowMs - at), attemptsLeft, sendsLeft: 0 };
		}
		const challengeId = live ? row.challengeId : newChallengeId();
		const data: IDataObject = {
			challengeId,
			codeHash: hashCode(store.hashingKey, challengeId, code),
			expiresAt,
			sends: sends + 1,
			windowStart,
			lastSentAt: at,
		};
		if (!live) Object.assign(data, { state: 'pending', attempts: 0, maxAttempts: limits.maxAttempts });
		if (!(await compareAndSet(store, row, data))) continue;
		return {
			status: live ? 'resent' : 'issued',
			challengeId,
			code,
			expiresAt,
			attemptsLeft: live ? row.maxAttempts - row.attempts : limits.maxAttempts,
			sendsLeft: limits.maxSends - sends - 1,
		};
	}
	throw storeBusy('Issue');
}

/**
 * Checks `code` against the phone's challenge. Every check of a live challenge counts one attempt
 * of the challenge and one check of the number's window, recorded by compare-and-set before the
 * answer is given; a right code also marks it used. When the window's checks are spent, the code
 * is not compared at all (`rateLimited`) and nothing is counted.
 */
export async function verify(store: Store, phone: string, code: string, challengeId: string, limits: CheckLimits, now: () => number): Promise<VerifyResult> {
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const at = now();
		const row = await readRow(store, phone);
		if (!row || row.challengeId === '' || (challengeId !== '' && challengeId !== row.challengeId)) {
			return { status: 'notFound', challengeId: '', attemptsLeft: 0, retryAfterMs: 0 };
		}
		const left = Math.max(0, row.maxAttempts - row.attempts);
		const answer = (status: VerifyStatus, attemptsLeft = left, retryAfterMs = 0): VerifyResult => ({ status, challengeId: row.challengeId, attemptsLeft, retryAfterMs });
		if (row.state === 'used') return answer('alreadyUsed', 0);
		if (at >= row.expiresAt) return answer('expired', 0);
		if (row.attempts >= row.maxAttempts) return answer('tooManyAttempts', 0);
		const windowOver = at - row.checkWindowStart >= limits.checkWindowMs;
		const checkWindowStart = windowOver ? at : row.checkWindowStart;
		const checks = windowOver ? 0 : row.checks;
		if (checks >= limits.maxChecks) return answer('rateLimited', left, Math.max(0, checkWindowStart + limits.checkWindowMs - at));
		const match = codeMatches(store.hashingKey, row.challengeId, code, row.codeHash);
		const data: IDataObject = { attempts: row.attempts + 1, checks: checks + 1, checkWindowStart };
		// A used challenge keeps no hash: nothing is left to compare against.
		if (match) Object.assign(data, { state: 'used', codeHash: '' });
		if (!(await compareAndSet(store, row, data))) continue;
		return match ? answer('valid', 0) : answer('wrong', left - 1);
	}
	throw storeBusy('Verify');
}
