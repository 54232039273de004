import { container } from '@sapphire/framework';
import type { MemberMessageResult } from 'foyer';

// A combined message answers every member it names: count the message once, the members each.
const counted = new WeakSet<object>();

/** Counts a welcome for the dashboard: members welcomed, and messages it took. */
export function countWelcome(guildId: string, result: MemberMessageResult | null): void {
	if (!result) return;
	container.counters.add('join', guildId, 'welcomed');
	if (counted.has(result.message)) return;
	counted.add(result.message);
	container.counters.add('join', guildId, 'messages');
}
