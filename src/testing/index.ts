/** Test helpers for Foyer and for plugin authors: `import { startFoyerWithEmulator } from 'foyer/testing'`. */
export { ControlError, connectClient, EmulatorControl } from '../emulator/testing/index.ts';
export { availableBackends, type Backend, type BackendName, describeOnBackends } from './backends.ts';
export { DashboardClient } from './dashboard-client.ts';
export { type HarnessOptions, type LogLine, startFoyerWithEmulator } from './foyer-harness.ts';
export { startFoyerOnBackend } from './foyer-on-backend.ts';
export { TestClock } from './test-clock.ts';
export { type JoinSpec, type SeenMessage, startTestFoyer, TestFoyer, type TestFoyerOptions } from './test-foyer.ts';
export { waitFor } from './wait-for.ts';
