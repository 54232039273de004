import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { dmAppOf } from './messages.ts';
import { memberPayload } from './serialize.ts';
import type { EmChannel } from './types.ts';
import type { DispatchEvent, World } from './world.ts';

export interface ReactionEmoji {
	id: string | null;
	name: string;
	animated?: boolean;
}

/** Adds a user's reaction; false (and no event) when it was already there. */
export function addReaction(
	world: World,
	channelId: string,
	messageId: string,
	userId: string,
	emoji: ReactionEmoji,
): boolean {
	const channel = world.channel(channelId);
	const message = world.message(channelId, messageId);
	const key = emoji.id ?? emoji.name;
	let entry = message.reactions.get(key);
	if (!entry) {
		entry = { emoji, users: new Set() };
		message.reactions.set(key, entry);
	}
	if (entry.users.has(userId)) return false;
	entry.users.add(userId);
	const member = channel.guildId ? world.guilds.get(channel.guildId)?.members.get(userId) : undefined;
	dispatchReaction(world, channel, {
		t: E.MessageReactionAdd,
		d: {
			user_id: userId,
			channel_id: channelId,
			message_id: messageId,
			...(channel.guildId ? { guild_id: channel.guildId } : {}),
			...(member ? { member: memberPayload(member, world) } : {}),
			emoji,
			message_author_id: message.authorId,
			burst: false,
			burst_colors: [],
			type: 0,
		},
	});
	return true;
}

export function removeReaction(
	world: World,
	channelId: string,
	messageId: string,
	userId: string,
	emojiKey: string,
): boolean {
	const channel = world.channel(channelId);
	const message = world.message(channelId, messageId);
	const entry = message.reactions.get(emojiKey);
	if (!entry?.users.delete(userId)) return false;
	if (entry.users.size === 0) message.reactions.delete(emojiKey);
	dispatchReaction(world, channel, {
		t: E.MessageReactionRemove,
		d: {
			user_id: userId,
			channel_id: channelId,
			message_id: messageId,
			...(channel.guildId ? { guild_id: channel.guildId } : {}),
			emoji: entry.emoji,
			burst: false,
			type: 0,
		},
	});
	return true;
}

/** Reaction events: guild reactions to every bot in the guild, DM reactions to the bot in the DM. */
export function dispatchReaction(world: World, channel: EmChannel, event: DispatchEvent): void {
	const dm = channel.guildId === null;
	const appId = dm ? dmAppOf(world, channel) : null;
	if (dm && !appId) return;
	world.dispatch({
		...event,
		intent: dm ? I.DirectMessageReactions : I.GuildMessageReactions,
		guildId: channel.guildId,
		appId,
	});
}

/** Removes every reaction, or one emoji's, with MESSAGE_REACTION_REMOVE_ALL / _REMOVE_EMOJI; false when nothing was there. */
export function clearReactions(world: World, channelId: string, messageId: string, emojiKey: string | null): boolean {
	const channel = world.channel(channelId);
	const message = world.message(channelId, messageId);
	const removed = emojiKey === null ? [...message.reactions.keys()] : message.reactions.has(emojiKey) ? [emojiKey] : [];
	if (removed.length === 0) return false;
	const emoji = emojiKey === null ? null : message.reactions.get(emojiKey)?.emoji;
	for (const key of removed) message.reactions.delete(key);
	const where = {
		channel_id: channelId,
		message_id: messageId,
		...(channel.guildId ? { guild_id: channel.guildId } : {}),
	};
	dispatchReaction(
		world,
		channel,
		emoji
			? { t: E.MessageReactionRemoveEmoji, d: { ...where, guild_id: channel.guildId ?? '', emoji } }
			: { t: E.MessageReactionRemoveAll, d: where },
	);
	return true;
}
