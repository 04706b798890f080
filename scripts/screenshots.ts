/**
 * `npm run screenshots`: README pictures taken with headless Chromium (Debian's `chromium` package)
 * from a running `npm start`, for every row of the manifest that names a demo workflow to show
 * (scripts/lib/screenshot-targets.ts):
 *   docs/images/<id>-workflow.png     that demo workflow, after a run
 *   docs/images/<id>-operations.png   the node's list of operations in the node panel
 *
 * Start `npm start` in another terminal first. Environment: N8N_SMS_OTP_PORT (default 5678),
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { UserFacingError } from './lib/log';
import { repoRoot } from './lib/paths';
import { DEMO_OWNER } from './lib/rest';
import { screenshotTargets } from './lib/screenshot-targets';

const port = Number(process.env.N8N_SMS_OTP_PORT || 5678);
const baseUrl = `http://127.0.0.1:${port}`;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function checkPrerequisites(): Promise<void> {
	if (!fs.existsSync(chromiumPath)) {
		throw new UserFacingError(
			`No Chromium at ${chromiumPath}. Install Debian's package (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`,
		);
	}
	try {
		const response = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(3000) });
		if (!response.ok) throw new Error(String(response.status));
	} catch {
		throw new UserFacingError(`No ready n8n at ${baseUrl}. Run \`npm start\` in another terminal first (or set N8N_SMS_OTP_PORT).`);
	}
}

async function signIn(page: Page): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(DEMO_OWNER.email);
	await page.locator('input[type="password"]').first().fill(DEMO_OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function dismissPopups(page: Page): Promise<void> {
	for (const name of [/got it/i, /dismiss/i, /not now/i, /skip/i, /close/i]) {
		const button = page.getByRole('button', { name }).first();
		if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
	}
	await page.keyboard.press('Escape');
}

async function openWorkflow(page: Page, id: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
	await page.waitForTimeout(1000);
	await dismissPopups(page);
}

async function demoWorkflowShot(page: Page, workflowId: string, file: string): Promise<void> {
	await openWorkflow(page, workflowId);
	// Run it, so the canvas shows the items that flowed and the branch taken.
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page.getByText(/workflow executed successfully/i).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
	await page.waitForTimeout(1500);
	await dismissPopups(page);
	await page.locator('[data-test-id="canvas-wrapper"], .vue-flow').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
	await page.keyboard.press('1'); // zoom to fit
	await page.waitForTimeout(800);
	await page.screenshot({ path: file });
}

async function operationsShot(page: Page, workflowId: string, nodeSearch: string, file: string): Promise<void> {
	await openWorkflow(page, workflowId);
	await page.keyboard.press('Tab'); // opens the node panel
	const search = page.locator('[data-test-id="node-creator-search-bar"] input, input[placeholder*="Search"]').first();
	await search.waitFor({ timeout: 15_000 });
	await search.fill(nodeSearch);
	await page.waitForTimeout(800);
	if (process.env.SCREENSHOT_DEBUG) {
		await page.screenshot({ path: path.join(os.tmpdir(), 'node-creator-debug.png') });
		fs.writeFileSync(path.join(os.tmpdir(), 'node-creator-debug.html'), await page.content());
	}
	// The action node (not the trigger): its item opens the list of operations grouped by resource.
	await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]').getByText(nodeSearch, { exact: true }).first().click();
	await page.locator('[data-test-id="node-creator-action-item"]').first().waitFor({ timeout: 15_000 });
	await page.waitForTimeout(1200);
	await page.screenshot({ path: file });
}

async function main(): Promise<void> {
	const targets = screenshotTargets();
	if (targets.length === 0) throw new UserFacingError('No row of the manifest names a demo workflow to show (demo.screenshot).');
	await checkPrerequisites();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-otp-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: chromiumPath,
		headless: true,
		viewport: { width: 1440, height: 860 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
		await signIn(page);
		for (const target of targets) {
			const file = path.join(repoRoot, target.file);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			if (target.kind === 'workflow') await demoWorkflowShot(page, target.workflowId, file);
			else await operationsShot(page, target.workflowId, target.nodeSearch ?? '', file);
			process.stdout.write(`Saved ${target.file}\n`);
		}
	} finally {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`\n${error instanceof UserFacingError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
