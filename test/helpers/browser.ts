// The browser helpers moved to foyer/testing (plugins' own suites drive Chromium too).
export {
	chromiumPath,
	describeWithChromium,
	launchBrowser,
	SCREENSHOT_DIR,
	type TestBrowser,
} from '../../src/testing/browser.ts';
