/**
 * Loopback emulator ("sandbox") of the SepahanGostar SMS Web API.
 *
 *   const sb = await startSepahanGostarSandbox();
 *   // credential: { baseUrl: sb.url, apiKey: sb.apiKey }
 *   await sb.close();
 *
 * API routes are the eight of the provider spec (§1); the control surface is
 * under /__sandbox (GET /__sandbox lists it).
 */
import { commonControlRoutes, commonSandbox } from '../core/control';
import type { CommonSandbox } from '../core/control';
import { SandboxClock } from '../core/clock';
import { FaultQueue } from '../core/faults';
import type { FaultKind, FaultSpec } from '../core/faults';
import { RequestLog } from '../core/log';
import type { RequestLogEntry } from '../core/log';
import { startHttpSandbox } from '../core/server';
import { sepahanGostarControlRoutes } from './control';
import { ROUTES } from './constants';
import { SepahanGostarEmulator } from './emulator';
import type { InboundSms, SentSms, SepahanGostarSwitches, TokenInfo, TokenStatePatch } from './emulator';

export type { FaultKind, FaultSpec, RequestLogEntry, InboundSms, SentSms, SepahanGostarSwitches, TokenInfo, TokenStatePatch };
export { DEFAULT_API_KEY, DEFAULT_CREDIT, UNIT_PRICE, ROUTES as SEPAHANGOSTAR_ROUTES } from './constants';
export { smsParts, smsEncoding } from '../core/sms-parts';

export interface SepahanGostarSandbox extends CommonSandbox {
	/** Active test token (32 lowercase hex). */
	apiKey: string;
	/** Panel account accepted by GenerateApiKey. */
	panel: { userName: string; password: string; domainName: string };
	/** Active sender lines (include '3000123456'). */
	senderLines: string[];
	/** A line of the account that is not active for sending (→ −12). */
	inactiveSenderLine: string;
	/** Active receiving lines (include '50003300'). */
	receivingLines: string[];
	/** Receiving line whose validity ran out (Receive → 410). */
	expiredLine: string;
	/** Receiving line that is not active (Receive → 423). */
	inactiveLine: string;
	credit(): bigint;
	setCredit(value: number | bigint | string): void;
	addInbound(m: { privateNumber?: string; sendNumber: string; text: string; at?: Date }): void;
	/** "Another consumer" read them; returns how many were unread. */
	markAllReadExternally(privateNumber?: string): number;
	inbox(): InboundSms[];
	setDeliveryStatus(messageId: string, code: number): void;
	/** −8, −9, −10, −11, −13, −14…−19 applied to every authenticated call (and GenerateApiKey), or null. */
	setAccountError(code: number | null): void;
	/** Creates the token if unknown. −2 inactive, −3 allowedIps excludes 127.0.0.1, −22 blocked. */
	setTokenState(token: string, s: TokenStatePatch): void;
	tokens(): TokenInfo[];
	switches(): SepahanGostarSwitches;
	setSwitches(s: Partial<SepahanGostarSwitches>): void;
	sentMessages(): SentSms[];
}

export async function startSepahanGostarSandbox(opts: { port?: number } = {}): Promise<SepahanGostarSandbox> {
	const clock = new SandboxClock();
	const log = new RequestLog();
	const faults = new FaultQueue();
	const emu = new SepahanGostarEmulator(clock);
	const routeNames = emu.routeNames();

	// The control routes need the sandbox object, the server needs the routes: fill in after start.
	const controlRoutes: Parameters<typeof startHttpSandbox>[0]['control'][number][] = [];
	const http = await startHttpSandbox({
		title: 'SepahanGostar',
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
			`Header: Authorization: ${emu.apiKey}   (raw token, no "Bearer")`,
		],
	});

	const sandbox: SepahanGostarSandbox = {
		...commonSandbox({ http, clock, log, faults, routeNames: routeNames, resetState: () => emu.reset() }),
		apiKey: emu.apiKey,
		panel: { ...emu.panel },
		senderLines: [...emu.senderLines],
		inactiveSenderLine: emu.inactiveSenderLine,
		receivingLines: [...emu.receivingLines],
		expiredLine: emu.expiredLine,
		inactiveLine: emu.inactiveLine,
		credit: () => emu.credit(),
		setCredit: (v) => emu.setCredit(v),
		addInbound: (m) => emu.addInbound(m),
		markAllReadExternally: (p) => emu.markAllReadExternally(p),
		inbox: () => emu.listInbox(),
		setDeliveryStatus: (id, code) => emu.setDeliveryStatus(id, code),
		setAccountError: (code) => emu.setAccountError(code),
		setTokenState: (token, s) => emu.setTokenState(token, s),
		tokens: () => emu.listTokens(),
		switches: () => emu.getSwitches(),
		setSwitches: (s) => emu.setSwitches(s),
		sentMessages: () => emu.sentMessages(),
	};

	controlRoutes.push(
		...commonControlRoutes(sandbox, {
			routeNames,
			masked: 'Authorization masked',
			faultExample: '{"route":"send","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":-8}',
			clockExample: '{"at":"2026-01-05T22:00:00Z"}  or  {"advanceMs":14400000}',
			switches: {
				summary: 'perRecipientErrors, registerFailedRequestIds, legacyShape (bool); receiveDateFormat; oldStatusRangeDays',
				example: '{"perRecipientErrors":true,"receiveDateFormat":"gregorian-time","oldStatusRangeDays":30}',
			},
		}),
		...sepahanGostarControlRoutes(sandbox, {
			routeNames,
			state: () => ({
				url: sandbox.url,
				apiKey: sandbox.apiKey,
				senderLines: sandbox.senderLines,
				inactiveSenderLine: sandbox.inactiveSenderLine,
				receivingLines: sandbox.receivingLines,
				expiredLine: sandbox.expiredLine,
				inactiveLine: sandbox.inactiveLine,
				credit: emu.credit(),
				accountError: emu.getAccountError(),
				switches: emu.getSwitches(),
				clock: { now: clock.now(), frozen: clock.isFrozen() },
				pendingFaults: faults.pending(),
				tokens: emu.listTokens().map((t) => ({ ...t, token: t.token === sandbox.apiKey ? t.token : `${t.token.slice(0, 4)}…` })),
				sentCount: emu.sentMessages().length,
				inboxCount: emu.listInbox().length,
			}),
		}),
	);
	return sandbox;
}
