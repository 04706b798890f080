/**
 * The progress line of an n8n install, read from npm's own log lines (`--loglevel=http` / `info`):
 * package manifests read while the tree is resolved, tarballs unpacked out of the count the lock file
 * gives, then the install scripts (native builds) by name while they run. On a terminal the line is
 * rewritten in place; elsewhere a line is printed every 20 seconds and at each phase change.
 */
import { formatDuration } from './log';
import { isShuttingDown } from './proc';

export type InstallPhase = 'resolve' | 'unpack';

/** What npm's log says, one line at a time. */
export interface NpmLogEvent {
	kind: 'manifest' | 'tarball' | 'script-start' | 'script-end';
	/** `name@version` for script lines. */
	pkg?: string;
}

const FETCH = /\bhttp fetch GET \d+ (\S+)/;
const RUN = /\binfo run (\S+@\S+) (\S+) (.*)$/;

export function parseNpmLogLine(line: string): NpmLogEvent | undefined {
	const fetch = FETCH.exec(line);
	if (fetch) return { kind: /\.tgz(\?|$)/.test(fetch[1]) ? 'tarball' : 'manifest' };
	const script = RUN.exec(line);
	if (script) {
		const [, pkg, , rest] = script;
		return { kind: /^\{ code: /.test(rest) ? 'script-end' : 'script-start', pkg };
	}
	return undefined;
}

export class InstallProgress {
	private current: InstallPhase = 'resolve';
	private manifests = 0;
	private tarballs = 0;
	private total: number | undefined;
	private readonly scripts = new Map<string, number>();
	private scriptsDone = 0;
	private lastEventAt = Date.now();
	private phaseStartedAt = Date.now();
	private partialLine = '';
	private lastPrinted = 0;
	private lastText = '';
	private readonly tty = Boolean(process.stdout.isTTY);
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly started: number,
		private readonly write: (text: string) => void = (text) => process.stdout.write(text),
	) {
		this.timer = setInterval(() => this.render(false), 1000);
	}

	phase(phase: InstallPhase, total?: number): void {
		this.current = phase;
		this.total = total;
		this.lastEventAt = Date.now();
		this.phaseStartedAt = Date.now();
		this.render(true);
	}

	feed(text: string): void {
		const lines = (this.partialLine + text).split('\n');
		this.partialLine = lines.pop() ?? '';
		for (const line of lines) {
			const event = parseNpmLogLine(line);
			if (!event) continue;
			this.lastEventAt = Date.now();
			if (event.kind === 'manifest') this.manifests += 1;
			else if (event.kind === 'tarball') this.tarballs += 1;
			else if (event.kind === 'script-start') this.scripts.set(event.pkg!, Date.now());
			else if (this.scripts.delete(event.pkg!)) this.scriptsDone += 1;
		}
	}

	/** The text of the progress line (without the elapsed time). */
	describe(): string {
		if (this.current === 'resolve') return `resolving the dependency tree: ${this.manifests} package manifests read`;
		if (this.scripts.size > 0) {
			const names = [...new Set([...this.scripts.keys()].map((pkg) => pkg.replace(/@[^@]+$/, '')))];
			const since = formatDuration(Date.now() - Math.min(...this.scripts.values()));
			const note = names.includes('sqlite3') ? '; sqlite3 compiles from source, a few minutes' : '';
			return `building native modules (${this.scriptsDone} done, running for ${since}): ${names.join(', ')}${note}`;
		}
		if (this.scriptsDone > 0) return `install scripts: ${this.scriptsDone} done; npm is finishing`;
		// The lock file also lists optional packages npm skips on this machine: the total is an upper bound.
		const of = this.total ? ` of at most ${this.total}` : '';
		if (this.total && this.tarballs >= this.total) return `unpacked ${this.tarballs} packages, linking and preparing install scripts`;
		const quiet = Date.now() - this.lastEventAt;
		// npm logs a tarball when its download is complete, and downloads many at once: before the first
		// one is complete the count stays at 0 however busy npm is.
		const waiting = Date.now() - this.phaseStartedAt;
		let still = '';
		if (this.tarballs === 0 && waiting >= 10_000)
			still = `; the first downloads are under way (npm counts a package once it is complete; none yet after ${formatDuration(waiting)})`;
		else if (this.tarballs > 0 && quiet >= 10_000) still = `; npm is extracting and linking (no output for ${formatDuration(quiet)})`;
		return `downloading and unpacking: ${this.tarballs}${of} packages${still}`;
	}

	private render(force: boolean): void {
		if (isShuttingDown()) return; // the shutdown's own lines follow
		const text = this.describe();
		const line = `  ${formatDuration(Date.now() - this.started).padStart(6)}  ${text}`;
		if (this.tty) {
			this.write(`\r${line.slice(0, 119).padEnd(Math.min(120, Math.max(line.length, this.lastText.length)))}`);
			this.lastText = line;
		} else if (force || (text !== this.lastText && Date.now() - this.lastPrinted >= 20_000)) {
			this.write(`${line}\n`);
			this.lastPrinted = Date.now();
			this.lastText = text;
		}
	}

	stop(): void {
		clearInterval(this.timer);
		if (this.tty) this.write('\n');
	}
}
