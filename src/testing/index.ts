/**
 * Test helpers for Foyer and for plugin authors:
 * `import { describeOnBackends, startTestFoyer } from 'foyer/testing'` (see docs/plugins.md, "Testing").
 */
export { ControlError, connectClient, EmulatorControl } from '../emulator/testing/index.ts';
export {
	availableBackends,
	type Backend,
	type BackendName,
	describeOnBackends,
	describeOnPostgresRedis,
	sqliteBackend,
} from './backends.ts';
export type { RegisteredCommand } from './bot-rest.ts';
export {
	chromiumPath,
	describeWithChromium,
	launchBrowser,
	SCREENSHOT_DIR,
	type TestBrowser,
} from './browser.ts';
export { catalogTranslator } from './catalog-translator.ts';
export { type AuditRow, DashboardClient } from './dashboard-client.ts';
export { type HarnessOptions, type LogLine, startFoyerWithEmulator } from './foyer-harness.ts';
export { startFoyerOnBackend } from './foyer-on-backend.ts';
export { type FoyerProcess, type FoyerProcessOptions, startFoyerProcess } from './foyer-process.ts';
export { freePort, type SandboxProcess, startSandboxProcess } from './sandbox-process.ts';
export { type SeenMessage, seenMessage } from './seen-message.ts';
export { TestClock } from './test-clock.ts';
export {
	type ChannelWatch,
	type JoinSpec,
	type LoggedRequest,
	startTestFoyer,
	TestFoyer,
	type TestFoyerOptions,
} from './test-foyer.ts';
export { waitFor } from './wait-for.ts';
