import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** Flags for a quiet, headless Chromium that calls nothing but the pages it is sent to. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Where full-page screenshots of the browser suites go (git-ignored). */
export const SCREENSHOT_DIR = resolve('test-artifacts', 'screenshots');

/** The Chromium binary: FOYER_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
	return process.env.FOYER_CHROMIUM || '/usr/bin/chromium';
}

/**
 * A suite that drives a real Chromium: it runs when the binary exists. Otherwise it is skipped with
 * a line saying so, or, under FOYER_REQUIRE_ALL_SUITES=1 (CI), it fails, as the service suites do
 * (test/helpers/services.ts): CI installs Chromium, so a skip there would hide a broken setup.
 */
export function describeWithChromium(name: string, fn: () => void): void {
	const path = chromiumPath();
	if (existsSync(path)) {
		describe(name, fn);
		return;
	}
	const why = `no Chromium at ${path} (install the Debian package "chromium" or set FOYER_CHROMIUM to its binary)`;
	if (process.env.FOYER_REQUIRE_ALL_SUITES === '1') {
		describe(name, () => {
			it('needs Chromium', () => {
				throw new Error(`browser suite required (FOYER_REQUIRE_ALL_SUITES=1) but ${why}`);
			});
		});
		return;
	}
	console.warn(`[skipped] ${name}: ${why}`);
	describe.skip(name, fn);
}

export interface TestBrowser {
	/** The first context (the persistent profile in the fresh user-data dir). */
	context: BrowserContext;
	browser: Browser;
	/** Another, isolated context of the same browser (own cookies), e.g. with JavaScript disabled. */
	newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
	/** Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path. */
	screenshot(page: Page, name: string): Promise<string>;
	/** Closes the browser and removes its user-data dir. */
	close(): Promise<void>;
}

/** Launches Chromium with a fresh, temporary profile; `close()` removes the profile. */
export async function launchBrowser(options: BrowserContextOptions = {}): Promise<TestBrowser> {
	// Loaded here, not at the top: foyer/testing is imported by every plugin test, most without a browser.
	const { chromium } = await import('playwright-core');
	const userDataDir = mkdtempSync(join(tmpdir(), 'foyer-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: chromiumPath(),
			args: CHROMIUM_ARGS,
			viewport: { width: 1280, height: 800 },
			...options,
		});
	} catch (error) {
		rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
	const browser = context.browser();
	if (!browser) throw new Error('Chromium started without a browser handle');
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	return {
		context,
		browser,
		newContext: (contextOptions = {}) =>
			browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions }),
		async screenshot(page, name) {
			const path = join(SCREENSHOT_DIR, `${name}.png`);
			await page.screenshot({ path, fullPage: true });
			return path;
		},
		async close() {
			try {
				await context.close();
				await browser.close();
			} finally {
				rmSync(userDataDir, { recursive: true, force: true });
			}
		},
	};
}
