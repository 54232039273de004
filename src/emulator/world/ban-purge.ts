import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import type { World } from './world.ts';

/**
 * Deletes what `userId` wrote in the guild's channels during the last `seconds`, as a ban with
 * `delete_message_seconds` does: one MESSAGE_DELETE_BULK per channel that lost messages.
 */
export function purgeRecentMessages(world: World, guildId: string, userId: string, seconds: number): number {
	if (seconds <= 0) return 0;
	const since = world.now() - seconds * 1000;
	let total = 0;
	for (const channelId of world.guild(guildId).channels) {
		const channel = world.channels.get(channelId);
		if (!channel) continue;
		const ids = [...channel.messages.values()]
			.filter((m) => m.authorId === userId && m.createdAt >= since && !(m.flags & 64))
			.map((m) => m.id);
		if (ids.length === 0) continue;
		for (const id of ids) channel.messages.delete(id);
		total += ids.length;
		world.dispatch({
			t: E.MessageDeleteBulk,
			d: { ids, channel_id: channelId, guild_id: guildId },
			intent: I.GuildMessages,
			guildId,
			appId: null,
		});
	}
	return total;
}
