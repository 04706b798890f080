/**
 * What every sandbox has alike: readers for control-route bodies, the handle's common part
 * (clock, request log, faults, reset, close) and the control routes that drive it. A provider's
 * sandbox adds its own state and routes beside them.
 */
import type { ClockControl, SandboxClock } from './clock';
import type { ActiveFault, FaultQueue, FaultSpec } from './faults';
import { FAULT_KINDS } from './faults';
import { isJsonObject } from './json';
import type { JsonObject, JsonValue } from './json';
import type { RequestLog, RequestLogEntry } from './log';
import type { ControlRoute, HttpSandbox } from './server';

// ---- Body readers: each throws an Error (answered 400) naming the field ----

export function obj(body: JsonValue | undefined): JsonObject {
	if (body === undefined) return Object.create(null) as JsonObject;
	if (!isJsonObject(body)) throw new Error('Body must be a JSON object');
	return body;
}

export function optString(o: JsonObject, name: string): string | undefined {
	const v = o[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') throw new Error(`${name} must be a string`);
	return v;
}

export function reqString(o: JsonObject, name: string): string {
	const v = optString(o, name);
	if (v === undefined || v === '') throw new Error(`${name} is required`);
	return v;
}

export function optInt(o: JsonObject, name: string): number | undefined {
	const v = o[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v === 'bigint') {
		if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`${name} is out of range`);
		return Number(v);
	}
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	throw new Error(`${name} must be an integer`);
}

export function optBool(o: JsonObject, name: string): boolean | undefined {
	const v = o[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') throw new Error(`${name} must be a boolean`);
	return v;
}

export function optDate(o: JsonObject, name: string): Date | undefined {
	const v = optString(o, name);
	if (v === undefined) return undefined;
	const d = new Date(v);
	if (Number.isNaN(d.getTime())) throw new Error(`${name} must be an ISO 8601 date-time`);
	return d;
}

export function optStringArray(o: JsonObject, name: string): string[] | undefined {
	const v = o[name];
	if (v === undefined) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${name} must be an array of strings`);
	return v as string[];
}

/** A JSON value with integer literals as numbers where safe, else as decimal text. */
export function plain(v: JsonValue): unknown {
	if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
	if (Array.isArray(v)) return v.map(plain);
	if (isJsonObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
	return v;
}

// ---- The handle's common part ----

/** What every sandbox handle offers, whatever the provider. */
export interface CommonSandbox {
	/** 'http://127.0.0.1:<port>' */
	url: string;
	port: number;
	/** Real time until set/advanced; then frozen and manual. */
	clock: ClockControl;
	/** True once the clock was set or advanced. */
	clockIsFrozen(): boolean;
	/** Back to real time. */
	useRealTime(): void;
	requests(): RequestLogEntry[];
	clearRequests(): void;
	/** Full state back to defaults (also switches, faults, request log, real-time clock). */
	reset(): void;
	injectFault(f: FaultSpec): void;
	pendingFaults(): ActiveFault[];
	clearFaults(): void;
	close(): Promise<void>;
}

/** The common part of a handle, over the sandbox's server, clock, log and faults. */
export function commonSandbox(parts: {
	http: HttpSandbox;
	clock: SandboxClock;
	log: RequestLog;
	faults: FaultQueue;
	/** Names a fault's `route` may use. */
	routeNames: readonly string[];
	/** Puts the provider's own state back to its defaults. */
	resetState(): void;
}): CommonSandbox {
	const { http, clock, log, faults } = parts;
	return {
		url: http.url,
		port: http.port,
		clock: { now: () => clock.now(), set: (at) => clock.set(at), advance: (ms) => clock.advance(ms) },
		clockIsFrozen: () => clock.isFrozen(),
		useRealTime: () => clock.useRealTime(),
		requests: () => log.list(),
		clearRequests: () => log.clear(),
		reset: () => {
			clock.useRealTime();
			faults.clear();
			log.clear();
			parts.resetState();
		},
		injectFault: (f) => {
			faults.inject(f, parts.routeNames);
		},
		pendingFaults: () => faults.pending(),
		clearFaults: () => faults.clear(),
		close: () => http.close(),
	};
}

// ---- The control routes for it ----

export interface CommonControlOptions {
	routeNames: readonly string[];
	/** What the request log masks, for its help line, e.g. `Authorization masked`. */
	masked: string;
	/** An example body for POST /fault with the provider's route and code. */
	faultExample: string;
	/** An example for POST /clock. */
	clockExample?: string;
	/** The provider's switches: what they are, and an example patch. */
	switches: { summary: string; example: string };
}

/** A sandbox whose behaviour can be switched (every provider's has switches). */
export interface SwitchableSandbox extends CommonSandbox {
	switches(): unknown;
	setSwitches(patch: Record<string, unknown>): void;
}

/** `/fault`, `/requests`, `/reset`, `/clock` and `/switches`, the same in every sandbox. */
export function commonControlRoutes(sb: SwitchableSandbox, options: CommonControlOptions): ControlRoute[] {
	const clockState = () => ({ now: sb.clock.now(), frozen: sb.clockIsFrozen() });
	return [
		{
			method: 'POST',
			path: '/fault',
			summary: `inject a fault; kind: ${FAULT_KINDS.join('|')}`,
			example: options.faultExample,
			handle: (body) => {
				const o = obj(body);
				sb.injectFault({
					kind: reqString(o, 'kind') as FaultSpec['kind'],
					route: optString(o, 'route'),
					times: optInt(o, 'times'),
					delayMs: optInt(o, 'delayMs'),
					status: optInt(o, 'status'),
					code: optInt(o, 'code'),
				});
				return { ok: true, pending: sb.pendingFaults(), routes: options.routeNames };
			},
		},
		{
			method: 'DELETE',
			path: '/fault',
			summary: 'drop every pending fault',
			handle: () => {
				sb.clearFaults();
				return { ok: true };
			},
		},
		{ method: 'GET', path: '/routes', summary: 'route names a fault can target', handle: () => options.routeNames },
		{ method: 'GET', path: '/requests', summary: `request log of API calls (${options.masked})`, handle: () => sb.requests() },
		{
			method: 'DELETE',
			path: '/requests',
			summary: 'clear the request log',
			handle: () => {
				sb.clearRequests();
				return { ok: true };
			},
		},
		{
			method: 'POST',
			path: '/reset',
			summary: 'everything back to defaults (state, switches, faults, log, real-time clock)',
			handle: () => {
				sb.reset();
				return { ok: true };
			},
		},
		{ method: 'GET', path: '/clock', summary: 'sandbox clock', handle: clockState },
		{
			method: 'POST',
			path: '/clock',
			summary: 'freeze the clock at an instant, or advance it; {"at":null} = real time again',
			example: options.clockExample ?? '{"at":"2026-01-05T22:00:00Z"}  or  {"advanceMs":60000}',
			handle: (body) => {
				const o = obj(body);
				if (Object.prototype.hasOwnProperty.call(o, 'at') && o.at === null) sb.useRealTime();
				else {
					const at = optString(o, 'at');
					const advance = optInt(o, 'advanceMs');
					if (at === undefined && advance === undefined) throw new Error('give at (ISO 8601 or null) or advanceMs');
					if (at !== undefined) sb.clock.set(at);
					if (advance !== undefined) sb.clock.advance(advance);
				}
				return clockState();
			},
		},
		{ method: 'GET', path: '/switches', summary: 'current switches', handle: () => sb.switches() },
		{
			method: 'POST',
			path: '/switches',
			summary: options.switches.summary,
			example: options.switches.example,
			handle: (body) => {
				sb.setSwitches(plain(obj(body)) as Record<string, unknown>);
				return sb.switches();
			},
		},
	];
}
