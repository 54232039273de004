import type { GuildMember } from 'discord.js';

/**
 * The unverified roles waiting to be given, per guild, in join order. Only a few are handed to
 * discord.js at a time (its rate-limit queue holds them there, out of reach); the rest wait here,
 * where a verification can still take its member out: a member who verifies before their turn costs
 * one role call (the verified role), not two, and never ends with both roles.
 */
const IN_FLIGHT = 10;

interface Item {
	userId: string;
	give: () => Promise<void>;
	settle: (result: 'given' | 'dropped', error?: unknown) => void;
}

const queues = new Map<string, { items: Map<string, Item>; inFlight: number }>();
const paused = new Map<string, number>();

export function queueRole(member: GuildMember, give: () => Promise<void>): Promise<'given' | 'dropped'> {
	const guildId = member.guild.id;
	let queue = queues.get(guildId);
	if (!queue) {
		queue = { items: new Map(), inFlight: 0 };
		queues.set(guildId, queue);
	}
	const q = queue;
	return new Promise((resolve, reject) => {
		q.items.get(member.id)?.settle('dropped');
		q.items.set(member.id, {
			userId: member.id,
			give,
			settle: (result, error) => (error === undefined ? resolve(result) : reject(error)),
		});
		pump(guildId);
	});
}

/** Takes a member's role out of the queue if it was not handed to discord.js yet; true when it was. */
export function dropQueued(guildId: string, userId: string): boolean {
	const item = queues.get(guildId)?.items.get(userId);
	if (!item) return false;
	queues.get(guildId)?.items.delete(userId);
	item.settle('dropped');
	return true;
}

function pump(guildId: string): void {
	const queue = queues.get(guildId);
	if (!queue) return;
	while (!paused.get(guildId) && queue.inFlight < IN_FLIGHT && queue.items.size > 0) {
		const [userId, item] = queue.items.entries().next().value as [string, Item];
		queue.items.delete(userId);
		queue.inFlight++;
		item
			.give()
			.then(
				() => item.settle('given'),
				(error: unknown) => item.settle('given', error ?? new Error('role call failed')),
			)
			.finally(() => {
				queue.inFlight--;
				if (queue.items.size === 0 && queue.inFlight === 0) queues.delete(guildId);
				else pump(guildId);
			});
	}
}

/**
 * Runs `work` with the queue of the guild held: no new role handed to discord.js meanwhile. For the
 * first member PATCH of a guild, which discord.js cannot know shares the role routes' bucket: once
 * the queued calls are out, the core lets it through in a fresh window (see the core's bucket
 * discovery), and from its answer on discord.js queues it with the others.
 */
export async function whileHeld<T>(guildId: string, work: () => Promise<T>): Promise<T> {
	paused.set(guildId, (paused.get(guildId) ?? 0) + 1);
	try {
		return await work();
	} finally {
		const left = (paused.get(guildId) ?? 1) - 1;
		if (left > 0) paused.set(guildId, left);
		else paused.delete(guildId);
		pump(guildId);
	}
}
