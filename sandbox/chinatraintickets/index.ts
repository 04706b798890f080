/**
 * Loopback emulator ("sandbox") of the ChinaTrainTickets member API (password retrieval).
 *
 *   const sb = await startChinaTrainTicketsSandbox();
 *   // credential: { baseUrl: sb.url, signingKey: sb.signingKey }
 *   await sb.close();
 *
 * API routes: POST /api/member/retrievepwd/sendcode and /updatepwd (signed, spec §3),
 * GET /Help/Api/POST-api-member-retrievepwd-sendcode (the help page a credential test
 * may reach). The control surface is under /__sandbox (GET /__sandbox lists it).
 */
import { commonControlRoutes, commonSandbox } from '../core/control';
import type { CommonSandbox } from '../core/control';
import { randomInt } from 'node:crypto';

import { SandboxClock } from '../core/clock';
import { FaultQueue } from '../core/faults';
import type { FaultKind, FaultSpec } from '../core/faults';
import { RequestLog } from '../core/log';
import type { RequestLogEntry } from '../core/log';
import { startHttpSandbox } from '../core/server';
import { DEFAULT_SIGNING_KEY, RANDOM_MAX, RANDOM_MIN, ROUTES, TERMINAL_WEBPAGE } from './constants';
import { chinaTrainTicketsControlRoutes } from './control';
import { ChinaTrainTicketsEmulator } from './emulator';
import type { ChinaTrainTicketsSwitches, Member, OutboxEntry, PasswordChange } from './emulator';
import { computeSign, formatTimeStamp } from './signing';

export type {
	FaultKind,
	FaultSpec,
	RequestLogEntry,
	ChinaTrainTicketsSwitches,
	Member,
	OutboxEntry,
	PasswordChange,
};
export { DEFAULT_SWITCHES } from './emulator';
export {
	DEFAULT_CAPTCHAS,
	DEFAULT_MEMBERS,
	DEFAULT_SIGNING_KEY,
	MESSAGES,
	RESULT_BUSINESS,
	RESULT_REPLAY,
	RESULT_SIGNATURE,
	RESULT_SUCCESS,
	RESULT_TIMESTAMP,
	ROUTES as CHINATRAINTICKETS_ROUTES,
	VECTOR_A,
} from './constants';
export { computeSign, formatTimeStamp, parseTimeStamp, signingPlainText } from './signing';

export interface SigningFields {
	terminal: number;
	time_stamp: string;
	random: number;
	sign: string;
}

export interface ChinaTrainTicketsSandbox extends CommonSandbox {
	/** The key the sandbox verifies signatures with (its own fixture unless changed). */
	readonly signingKey: string;
	setSigningKey(key: string): void;
	/** Signing fields valid right now for the sandbox clock and key (random and time_stamp may be given). */
	signingFields(o?: { random?: number; timeStamp?: string }): SigningFields;
	members(): Member[];
	upsertMember(m: Member): void;
	passwordOf(username: string): string | undefined;
	captchas(): Record<string, string>;
	/** Sets a captcha (client GUID → image code); null removes it. */
	setCaptcha(client: string, imgCode: string | null): void;
	/** Every code sendcode "sent", oldest first. */
	outbox(): OutboxEntry[];
	/** The latest code sent to a member (username or phone number). */
	latestCode(usernameOrPhone: string): string | undefined;
	passwordChanges(): PasswordChange[];
	switches(): ChinaTrainTicketsSwitches;
	setSwitches(s: Partial<ChinaTrainTicketsSwitches>): void;
}

export async function startChinaTrainTicketsSandbox(
	opts: { port?: number; signingKey?: string } = {},
): Promise<ChinaTrainTicketsSandbox> {
	const clock = new SandboxClock();
	const log = new RequestLog();
	const faults = new FaultQueue();
	const emu = new ChinaTrainTicketsEmulator(clock, opts.signingKey ?? DEFAULT_SIGNING_KEY);
	const routeNames = emu.routeNames();

	const controlRoutes: Parameters<typeof startHttpSandbox>[0]['control'][number][] = [];
	const http = await startHttpSandbox({
		title: 'ChinaTrainTickets',
		port: opts.port,
		clock,
		log,
		faults,
		resolve: (req) => emu.resolve(req),
		faultResponse: (kind, status, fault) => emu.faultResponse(kind, status, fault),
		maskBody: (req, body) => emu.maskBody(req, body),
		control: controlRoutes,
		helpNotes: [
			`API: ${ROUTES.map((r) => `${r.method} ${r.path}`).join(', ')} (paths case-insensitive)`,
			'Signing (body fields): terminal=1, time_stamp=UTC yyyyMMddHHmmss (string), random=10000..19999 (integer),',
			'  sign=hex(HMAC-SHA256(key, hex(MD5("random=R&timestamp=T&terminal=1")))); POST /__sandbox/sign makes a fresh set.',
		],
	});

	const sandbox: ChinaTrainTicketsSandbox = {
		...commonSandbox({ http, clock, log, faults, routeNames: routeNames, resetState: () => emu.reset() }),
		get signingKey() {
			return emu.getSigningKey();
		},
		setSigningKey: (key) => emu.setSigningKey(key),
		signingFields: (o = {}) => {
			const random = o.random ?? randomInt(RANDOM_MIN, RANDOM_MAX + 1);
			const timeStamp = o.timeStamp ?? formatTimeStamp(clock.now());
			return {
				terminal: TERMINAL_WEBPAGE,
				time_stamp: timeStamp,
				random,
				sign: computeSign(emu.getSigningKey(), random, timeStamp, TERMINAL_WEBPAGE),
			};
		},
		members: () => emu.listMembers(),
		upsertMember: (m) => emu.upsertMember(m),
		passwordOf: (u) => emu.passwordOf(u),
		captchas: () => emu.listCaptchas(),
		setCaptcha: (c, i) => emu.setCaptcha(c, i),
		outbox: () => emu.listOutbox(),
		latestCode: (u) => emu.latestCode(u),
		passwordChanges: () => emu.listPasswordChanges(),
		switches: () => emu.getSwitches(),
		setSwitches: (s) => emu.setSwitches(s),
	};

	controlRoutes.push(
		...commonControlRoutes(sandbox, {
			routeNames,
			masked: 'new_password and code masked',
			faultExample: '{"route":"sendcode","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":0}',
			clockExample: '{"at":"2024-01-01T12:00:00Z"}  or  {"advanceMs":600000}',
			switches: {
				summary: 'timestampWindowSec, cooldownSec, codeTtlSec (int); rejectReplays, requireImgCode, xmlWhenNoAccept, alwaysXml (bool); signatureFailureStatus (200|401|403); fixedCode ("6 digits"|null)',
				example: '{"rejectReplays":true,"requireImgCode":false,"signatureFailureStatus":401}',
			},
		}),
		...chinaTrainTicketsControlRoutes(sandbox, {
			routeNames,
			state: () => ({
				url: sandbox.url,
				signingKey: sandbox.signingKey,
				switches: emu.getSwitches(),
				clock: { now: clock.now(), frozen: clock.isFrozen() },
				pendingFaults: faults.pending(),
				members: emu
					.listMembers()
					.map((m) => ({ username: m.username, phone_number: m.phone_number })),
				captchas: emu.listCaptchas(),
				outboxCount: emu.listOutbox().length,
			}),
		}),
	);
	return sandbox;
}
