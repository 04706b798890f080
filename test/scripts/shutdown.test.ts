/**
 * `npm start` stops cleanly whoever signals it: Ctrl-C reaches the whole terminal group, but a
 * supervisor signals the npm process alone. package.json runs the script with `exec`, so the signal
 * npm forwards reaches our process, which stops every child command (escalating to SIGKILL when one
 * ignores SIGTERM) and prints "Stopped." only once they are gone. Run through a real `npm run` of the
 * same command line as package.json's "start", with a stand-in script.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const fixture = path.join(__dirname, 'fixtures', 'shutdown-fixture.ts');

function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** `npm run start` in a scratch package whose "start" is ours with the stand-in script; signal npm alone. */
function runAndSignal(signal: NodeJS.Signals) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-shutdown-'));
	fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
	const start = pkg.scripts.start.replace('scripts/start.ts', JSON.stringify(fixture));
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shutdown-check', private: true, scripts: { start } }));
	return new Promise<{ code: number | null; stdout: string; childGroup: number }>((resolve, reject) => {
		const npm = spawn('npm', ['run', 'start', '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		let stdout = '';
		let childGroup = 0;
		const killer = setTimeout(() => {
			try {
				process.kill(-npm.pid!, 'SIGKILL');
			} catch {
				// gone
			}
			reject(new Error(`no clean stop within 30 s; output so far:\n${stdout}`));
		}, 30_000);
		npm.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const ready = /ready (\d+)/.exec(stdout);
			if (ready && !childGroup) {
				childGroup = Number(ready[1]);
				npm.kill(signal); // npm alone, as a supervisor does
			}
		});
		npm.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		npm.on('close', (code) => {
			clearTimeout(killer);
			fs.rmSync(dir, { recursive: true, force: true });
			resolve({ code, stdout, childGroup });
		});
	});
}

test('package.json starts the script with exec, so npm forwards signals to it directly', () => {
	expect(pkg.scripts.start).toMatch(/^exec node --import tsx scripts\/start\.ts$/);
});

test.each(['SIGTERM', 'SIGINT'] as const)('%s sent to the npm process alone stops the child commands, then prints "Stopped."', async (signal) => {
	const { code, stdout, childGroup } = await runAndSignal(signal);
	expect(childGroup).toBeGreaterThan(0);
	expect(groupAlive(childGroup)).toBe(false);
	const lines = stdout.split('\n');
	expect(lines).toContain('Stopping…');
	expect(lines).toContain('stopping own services');
	expect(lines.some((l) => l.startsWith('Waiting for a running command'))).toBe(true);
	expect(lines).toContain('Stopped a running command and waited for it to exit.');
	expect(lines.filter((l) => l === 'Stopped.')).toHaveLength(1);
	expect(lines.indexOf('Stopped.')).toBeGreaterThan(lines.indexOf('Stopped a running command and waited for it to exit.'));
	expect(code).toBe(0);
});
