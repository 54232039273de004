export { ControlError, EmulatorControl } from '../control-client.ts';
export { connectClient, DEFAULT_TEST_INTENTS } from './client.ts';
