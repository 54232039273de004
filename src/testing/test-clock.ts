import type { Clock } from '../core/clock.ts';
import type { Scheduler } from '../core/scheduling/job.ts';
import type { EmulatorControl } from '../emulator/control-client.ts';

/**
 * One clock for a test: Foyer (`plugin.now()`), its scheduler and the emulator move together, so a
 * delay of days runs in milliseconds: `await h.clock.advance(10 * 60_000)` runs what fell due.
 */
export class TestClock implements Clock {
	#offset = 0;
	#scheduler: Scheduler | null = null;

	constructor(private readonly control: EmulatorControl) {}

	now(): number {
		return Date.now() + this.#offset;
	}

	/** The scheduler to run due jobs on after each advance (the harness's own); null while Foyer is stopped. */
	drive(scheduler: Scheduler | null): void {
		this.#scheduler = scheduler;
	}

	/** Moves the time forward by `ms` and runs the jobs that fell due; resolves once they are done. */
	async advance(ms: number): Promise<void> {
		if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`advance(ms) takes a whole number of ms >= 0, not ${ms}`);
		await this.control.advanceClock(ms);
		this.#offset += ms;
		// The embedded scheduler, and BullMQ through the backend matrix's clocked scheduler, run due jobs on demand.
		const scheduler = this.#scheduler as (Scheduler & { runDue?: () => Promise<void> }) | null;
		if (typeof scheduler?.runDue === 'function') await scheduler.runDue();
	}
}
