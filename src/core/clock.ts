/**
 * Where the core and plugins read the time (`plugin.now()`): the wall clock in production, a clock
 * a test can move forward (with the emulator's and the scheduler's) in `foyer/testing`.
 */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
