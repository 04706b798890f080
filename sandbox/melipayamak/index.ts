/**
 * Loopback emulator ("sandbox") of Melipayamak's three API surfaces on one port:
 *
 *   const sb = await startMelipayamakSandbox();
 *   // credential: { username: 'good', password: sb.accounts.good.password,
 *   //               restBaseUrl: sb.restBaseUrl, soapBaseUrl: sb.soapBaseUrl, consoleBaseUrl: sb.consoleBaseUrl }
 *   await sb.close();
 *
 * Legacy REST  POST /api/SendSMS/{Method}             (form-urlencoded or JSON in, {Value,RetStatus,StrRetStatus} out)
 * SOAP 1.1     POST /post/{Send,Receive,Users}.asmx   (dispatch on SOAPAction)
 * Console      POST /api/{send,receive}/{op}/{key}    (key in the path; masked in the request log)
 * Control      /__sandbox                              (GET /__sandbox lists it)
 */
import { commonControlRoutes, commonSandbox } from '../core/control';
import type { CommonSandbox } from '../core/control';
import { SandboxClock } from '../core/clock';
import { FaultQueue } from '../core/faults';
import type { FaultKind, FaultSpec } from '../core/faults';
import { RequestLog } from '../core/log';
import type { RequestLogEntry } from '../core/log';
import { startHttpSandbox } from '../core/server';
import type { ControlRoute } from '../core/server';
import { ACCOUNTS, CONSOLE_KEY, INVALID_CONSOLE_KEY, routeNames } from './constants';
import { melipayamakControlRoutes } from './control';
import { MelipayamakEmulator } from './emulator';
import type {
	AccountInfo,
	AccountPatch,
	InboxMessage,
	MelipayamakSwitches,
	OtpRecord,
	PasswordRecovery,
	SentSms,
} from './emulator';

export type { AccountInfo, AccountPatch, FaultKind, FaultSpec, InboxMessage, MelipayamakSwitches, OtpRecord, PasswordRecovery, RequestLogEntry, SentSms };
export {
	ACCOUNTS,
	BASE_PRICE,
	BLACKLISTED_NUMBER,
	CONSOLE_KEY,
	DEDICATED_LINE,
	DEFAULT_CREDIT,
	FILTERED_WORD,
	FIRST_BIG_MSG_ID,
	FIRST_MSG_ID,
	FIRST_REC_ID,
	INVALID_CONSOLE_KEY,
	NO_LINK_LINE,
	OPT_OUT,
	PUBLIC_LINE,
	TEMPLATES,
	routeNames as melipayamakRouteNames,
} from './constants';
export { billedParts } from './sms-parts';

export type AccountName = 'good' | 'nocredit' | 'inactive' | 'ipblocked' | 'apikeyonly' | 'reseller';

export interface AccountSecrets {
	username: string;
	password: string;
	/** Accepted in place of the password. */
	apiKey: string;
}

export interface MelipayamakSandbox extends CommonSandbox {
	/** Base URLs for a `melipayamakApi` credential pointing here. */
	restBaseUrl: string;
	soapBaseUrl: string;
	consoleBaseUrl: string;
	/** Fixture accounts (spec §8.1). */
	accounts: Readonly<Record<AccountName, AccountSecrets>>;
	consoleKey: string;
	invalidConsoleKey: string;
	account(name: AccountName): AccountInfo;
	patchAccount(name: AccountName, patch: AccountPatch): AccountInfo;
	/** Credit of an account as the API writes it ("100000.5"). */
	credit(name?: AccountName): string;
	setCredit(value: string | number, name?: AccountName): void;
	/** An inbound SMS from `from` to a line (default the `good` account's dedicated line). */
	addInbound(m: { from: string; to?: string; text: string; at?: Date; isFlash?: boolean }): InboxMessage;
	inbox(): InboxMessage[];
	sentMessages(): SentSms[];
	/** Fixes the delivery code of a recId (otherwise 200 → 8 → 1 by age). */
	setDeliveryStatus(recId: string, code: number): void;
	otpLog(): OtpRecord[];
	queueOtpCode(code: string): void;
	passwordRecoveries(): PasswordRecovery[];
	switches(): MelipayamakSwitches;
	setSwitches(s: Partial<MelipayamakSwitches>): void;
}

/** Console URLs carry the key in the path: the log keeps `/api/send/otp/***`. Query passwords too. */
export function maskPath(path: string): string {
	return path
		.replace(/^(\/api\/(?:send|receive)\/[^/?#]+\/)[^/?#]+/i, '$1***')
		.replace(/([?&](?:password|pass)=)[^&#]*/gi, '$1***');
}

class MelipayamakRequestLog extends RequestLog {
	override add(entry: RequestLogEntry): RequestLogEntry {
		entry.path = maskPath(entry.path);
		return super.add(entry);
	}
}

export async function startMelipayamakSandbox(opts: { port?: number } = {}): Promise<MelipayamakSandbox> {
	const clock = new SandboxClock();
	const log = new MelipayamakRequestLog();
	const faults = new FaultQueue();
	const emu = new MelipayamakEmulator(clock);
	const names = routeNames();

	const controlRoutes: ControlRoute[] = [];
	const http = await startHttpSandbox({
		title: 'Melipayamak',
		port: opts.port,
		clock,
		log,
		faults,
		resolve: (req) => emu.resolve(req),
		faultResponse: (kind, status, fault) => emu.faultResponse(kind, status, fault),
		maskBody: (req, body) => emu.maskBody(req, body),
		control: controlRoutes,
		helpNotes: [
			'API: POST /api/SendSMS/{SendSMS|BaseServiceNumber|GetDeliveries2|GetMessages|GetCredit|GetBasePrice|GetUserNumbers}',
			'     POST /post/{Send|Receive|Users}.asmx with SOAPAction "http://tempuri.org/{Operation}" (SOAP 1.1)',
			'     POST /api/send/{otp|simple|shared}/{consoleKey}, GET|POST /api/receive/credit/{consoleKey}, POST /api/receive/status/{consoleKey}',
			`Accounts: ${ACCOUNTS.map((a) => `${a.username}/${a.password}`).join(', ')}; console key ${CONSOLE_KEY}`,
		],
	});

	const accounts = Object.fromEntries(ACCOUNTS.map((a) => [a.username, { username: a.username, password: a.password, apiKey: a.apiKey }])) as Record<
		AccountName,
		AccountSecrets
	>;

	const sandbox: MelipayamakSandbox = {
		...commonSandbox({ http, clock, log, faults, routeNames: names, resetState: () => emu.reset() }),
		restBaseUrl: http.url,
		soapBaseUrl: `${http.url}/post`,
		consoleBaseUrl: `${http.url}/api`,
		accounts,
		consoleKey: CONSOLE_KEY,
		invalidConsoleKey: INVALID_CONSOLE_KEY,
		account: (name) => emu.accountInfo(name),
		patchAccount: (name, patch) => emu.patchAccount(name, patch),
		credit: (name = 'good') => emu.accountInfo(name).credit,
		setCredit: (value, name = 'good') => {
			emu.patchAccount(name, { credit: value });
		},
		addInbound: (m) => emu.addInbound(m),
		inbox: () => emu.listInbox(),
		sentMessages: () => emu.sentMessages(),
		setDeliveryStatus: (id, code) => emu.setDeliveryStatus(id, code),
		otpLog: () => emu.otpLog(),
		queueOtpCode: (code) => emu.queueOtpCode(code),
		passwordRecoveries: () => emu.passwordRecoveries(),
		switches: () => emu.getSwitches(),
		setSwitches: (s) => emu.setSwitches(s),
	};

	controlRoutes.push(
		...commonControlRoutes(sandbox, {
			routeNames: names,
			masked: 'passwords and console keys masked',
			faultExample: '{"route":"soap:SendSimpleSMS","times":1,"kind":"resetAfter","delayMs":0,"status":503,"code":6}',
			clockExample: '{"at":"2026-01-05T22:00:00Z"}  or  {"advanceMs":60000}',
			switches: {
				summary: 'unknownRecIdCode, unknownRecIdRetStatus, restUnexpectedErrorMethods, restUnexpectedErrorStatus, soapSendFailureShape, forgotPasswordResult, consoleBadKeyStatus, otpCodeAsNumber, bigMsgIds',
				example: '{"forgotPasswordResult":0,"bigMsgIds":true,"restUnexpectedErrorMethods":["BaseServiceNumber"]}',
			},
		}),
		...melipayamakControlRoutes(sandbox, {
			routeNames: names,
			state: () => ({
				url: sandbox.url,
				restBaseUrl: sandbox.restBaseUrl,
				soapBaseUrl: sandbox.soapBaseUrl,
				consoleBaseUrl: sandbox.consoleBaseUrl,
				accounts: emu.listAccounts(),
				switches: emu.getSwitches(),
				clock: { now: clock.now(), frozen: clock.isFrozen() },
				pendingFaults: faults.pending(),
				sentCount: emu.sentMessages().length,
				inboxCount: emu.listInbox().length,
			}),
		}),
	);
	return sandbox;
}
