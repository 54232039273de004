import type { MemberMessageResult } from 'foyer';
import plugin from '../plugin.ts';

// A combined message answers every member it names: count the message once, the members each.
const counted = new WeakSet<object>();

/** Counts a welcome for the dashboard: members welcomed, and messages it took. */
export function countWelcome(guildId: string, result: MemberMessageResult | null): void {
	if (!result) return;
	plugin.counters.add(guildId, 'welcomed');
	if (counted.has(result.message)) return;
	counted.add(result.message);
	plugin.counters.add(guildId, 'messages');
}
