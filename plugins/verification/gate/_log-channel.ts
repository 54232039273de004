import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';

const MAX = 1_900;
const queues = new Map<string, { lines: string[]; sending: boolean }>();

/**
 * Posts lines to a log channel, several per message: while one message waits for the channel's rate
 * limit, the lines that arrive meanwhile go into the next one, so 300 removals at the same minute
 * cost a handful of messages instead of a queue of minutes. Lines hold member text: escape it
 * (memberText) before; nothing here can ping.
 */
export function postLogLine(guild: Guild, channelId: string | null, line: string): void {
	if (!channelId) return;
	let queue = queues.get(channelId);
	if (!queue) {
		queue = { lines: [], sending: false };
		queues.set(channelId, queue);
	}
	queue.lines.push(line.slice(0, MAX));
	if (!queue.sending) void drain(guild, channelId, queue);
}

async function drain(guild: Guild, channelId: string, queue: { lines: string[]; sending: boolean }) {
	queue.sending = true;
	try {
		while (queue.lines.length) {
			const batch: string[] = [];
			let length = 0;
			while (queue.lines.length && length + (queue.lines[0]?.length ?? 0) + 1 <= MAX) {
				const next = queue.lines.shift() as string;
				batch.push(next);
				length += next.length + 1;
			}
			const channel = guild.channels.cache.get(channelId);
			if (!channel?.isSendable()) {
				await plugin.counters.note(
					guild.id,
					plugin.t('notes.logGone', { guild: guild.id, vars: { channel: channelId } }),
				);
				queue.lines.length = 0;
				break;
			}
			await channel
				.send({ content: batch.join('\n'), allowedMentions: { parse: [] } })
				.catch(async (error: unknown) => {
					const message = error instanceof Error ? error.message : String(error);
					if (await plugin.counters.note(guild.id, plugin.t('notes.logFailed', { guild: guild.id, vars: { message } })))
						plugin.log.warn({ guild: guild.id, channel: channelId, err: error }, 'Could not post in the log channel');
				});
		}
	} finally {
		queue.sending = false;
		queues.delete(channelId);
	}
}
