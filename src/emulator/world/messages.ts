import { ChannelType, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import type { EmChannel, EmMessage } from './types.ts';
import type { World } from './world.ts';

const MESSAGE_HISTORY_LIMIT = 5_000;
const EPHEMERAL = 64;

/** The DM channel between a bot and a user, created on first use. */
export function openDm(world: World, botUserId: string, recipientId: string): EmChannel {
	world.user(recipientId);
	const key = `${botUserId}:${recipientId}`;
	const existing = world.dmChannels.get(key);
	if (existing) return world.channel(existing);
	const channel: EmChannel = {
		id: world.newId(),
		type: ChannelType.DM,
		guildId: null,
		name: '',
		position: 0,
		parentId: null,
		topic: null,
		overwrites: [],
		recipients: [recipientId, botUserId],
		messages: new Map(),
		lastMessageId: null,
	};
	world.channels.set(channel.id, channel);
	world.dmChannels.set(key, channel.id);
	return channel;
}

/** The application on the other side of a DM, whose bot gets the DM's events (null: none). */
export function dmAppOf(world: World, channel: EmChannel): string | null {
	return channel.recipients.find((id) => world.applications.has(id)) ?? null;
}

export function newMessage(
	world: World,
	partial: Partial<EmMessage> & Pick<EmMessage, 'channelId' | 'authorId'>,
): EmMessage {
	const channel = world.channel(partial.channelId);
	return {
		id: world.newId(),
		guildId: channel.guildId,
		type: 0,
		content: '',
		embeds: [],
		components: [],
		flags: 0,
		pings: { users: [], roles: [], everyone: false },
		mentionedUsers: [],
		mentionedRoles: [],
		allowedMentions: null,
		reactions: new Map(),
		createdAt: world.now(),
		editedAt: null,
		webhookId: null,
		applicationId: null,
		interaction: null,
		reference: null,
		...partial,
	};
}

/** Stores a message (keeping the channel's last 5000) and dispatches MESSAGE_CREATE unless ephemeral. */
export function storeMessage(world: World, message: EmMessage): EmMessage {
	const channel = world.channel(message.channelId);
	channel.messages.set(message.id, message);
	channel.lastMessageId = message.id;
	if (channel.messages.size > MESSAGE_HISTORY_LIMIT) {
		const oldest = channel.messages.keys().next().value;
		if (oldest) channel.messages.delete(oldest);
	}
	if (!(message.flags & EPHEMERAL)) dispatchMessage(world, E.MessageCreate, message);
	return message;
}

/** A DM event goes to the bot on the other side; a guild event to every bot in the guild. */
export function dispatchMessage(world: World, t: E.MessageCreate | E.MessageUpdate, message: EmMessage): void {
	const channel = world.channel(message.channelId);
	const dm = channel.guildId === null;
	const appId = dm ? dmAppOf(world, channel) : null;
	if (dm && !appId) return;
	world.dispatch({
		t,
		d: null,
		intent: dm ? I.DirectMessages : I.GuildMessages,
		guildId: channel.guildId,
		appId,
		message,
	});
}

export function deleteMessage(world: World, channelId: string, messageId: string): void {
	const channel = world.channel(channelId);
	const message = world.message(channelId, messageId);
	channel.messages.delete(messageId);
	const dm = channel.guildId === null;
	const appId = dm ? dmAppOf(world, channel) : null;
	if ((dm && !appId) || message.flags & EPHEMERAL) return;
	world.dispatch({
		t: E.MessageDelete,
		d: { id: messageId, channel_id: channelId, ...(channel.guildId ? { guild_id: channel.guildId } : {}) },
		intent: dm ? I.DirectMessages : I.GuildMessages,
		guildId: channel.guildId,
		appId,
	});
}
