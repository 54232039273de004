import type { TrackerClock } from './attribution/index.ts';
import plugin from './plugin.ts';

/** Longest real wait between looks at Foyer's clock, so a test clock moved forward is noticed soon. */
const LOOK_MS = 250;

/**
 * The engine's clock: Foyer's time (`plugin.now()`, which tests move) with timers that fire once that
 * time is reached, looking at it at least every 250 ms (a minute-long wait of the engine takes
 * milliseconds when a test advances the clock, and a minute on a real one).
 */
export const pluginClock: TrackerClock = {
	now: () => plugin.now(),
	setTimeout(fn, ms) {
		const handle: { timer: ReturnType<typeof setTimeout> | null } = { timer: null };
		const due = plugin.now() + ms;
		const arm = () => {
			const left = due - plugin.now();
			if (left <= 0) {
				handle.timer = null;
				fn();
				return;
			}
			handle.timer = setTimeout(arm, Math.min(left, LOOK_MS));
		};
		handle.timer = setTimeout(arm, Math.min(Math.max(0, ms), LOOK_MS));
		return handle;
	},
	clearTimeout(h) {
		const handle = h as { timer: ReturnType<typeof setTimeout> | null };
		if (handle.timer) clearTimeout(handle.timer);
		handle.timer = null;
	},
};
