import { AuditLogEvent, ChannelType, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { Errors } from '../errors.ts';
import { audit } from './audit-log.ts';
import { forgetInvite } from './invites.ts';
import { guildChannelEvent } from './serialize.ts';
import type { EmChannel, EmGuild } from './types.ts';
import type { World } from './world.ts';

export interface ChannelFields {
	name: string;
	type?: ChannelType;
	parentId?: string | null;
	topic?: string | null;
	overwrites?: EmChannel['overwrites'];
}

/** A guild channel record, registered in the world and the guild (no event, no audit entry). */
export function newChannel(world: World, guild: EmGuild, c: ChannelFields): EmChannel {
	const channel: EmChannel = {
		id: world.newId(),
		type: c.type ?? ChannelType.GuildText,
		guildId: guild.id,
		name: c.name,
		position: guild.channels.size,
		parentId: c.parentId ?? null,
		topic: c.topic ?? null,
		overwrites: c.overwrites ?? [],
		recipients: [],
		messages: new Map(),
		lastMessageId: null,
	};
	world.channels.set(channel.id, channel);
	guild.channels.add(channel.id);
	return channel;
}

export function createChannel(
	world: World,
	guildId: string,
	c: ChannelFields,
	actorId: string | null,
	reason: string | null = null,
): EmChannel {
	const guild = world.guild(guildId);
	if (c.parentId && world.channels.get(c.parentId)?.guildId !== guildId) throw Errors.unknownChannel();
	const channel = newChannel(world, guild, c);
	audit(world, guild, {
		actionType: AuditLogEvent.ChannelCreate,
		userId: actorId,
		targetId: channel.id,
		reason,
		changes: [{ key: 'name', new_value: channel.name }],
	});
	world.dispatch({ t: E.ChannelCreate, d: guildChannelEvent(channel, world), intent: I.Guilds, guildId, appId: null });
	return channel;
}

/** Deletes a guild channel; its invites vanish with it (no INVITE_DELETE, as on Discord). */
export function deleteChannel(
	world: World,
	channelId: string,
	actorId: string | null,
	reason: string | null = null,
): EmChannel {
	const channel = world.channel(channelId);
	if (!channel.guildId) throw Errors.unknownChannel();
	const guild = world.guild(channel.guildId);
	world.channels.delete(channelId);
	guild.channels.delete(channelId);
	for (const code of [...guild.invites]) {
		const inv = world.invites.get(code);
		if (inv?.channelId === channelId) forgetInvite(world, inv);
	}
	audit(world, guild, {
		actionType: AuditLogEvent.ChannelDelete,
		userId: actorId,
		targetId: channelId,
		reason,
		changes: [{ key: 'name', old_value: channel.name }],
	});
	world.dispatch({
		t: E.ChannelDelete,
		d: guildChannelEvent(channel, world),
		intent: I.Guilds,
		guildId: guild.id,
		appId: null,
	});
	return channel;
}
