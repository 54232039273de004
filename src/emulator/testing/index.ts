export { connectClient, DEFAULT_TEST_INTENTS } from './client.ts';
export { ControlError, EmulatorControl } from './control-client.ts';
