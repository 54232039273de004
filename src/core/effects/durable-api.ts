import { container } from '@sapphire/framework';
import type { GuildMember, Message } from 'discord.js';
import type { MemberMessage, MemberMessageResult } from '../messaging/member-message.ts';
import { queuedMemberMessage } from '../messaging/queued-member-message.ts';
import { MEMBER_MESSAGE } from './kinds/member-message-kind.ts';
import { MEMBER_ROLES, type MemberRolesOutcome } from './kinds/member-roles-kind.ts';
import { MESSAGE, type MessageEffect } from './kinds/message-kind.ts';

/*
 * The durable effects plugins ask the core for. Inside an event listener each is recorded in the
 * outbox under a key derived from the event (`<event key>/<plugin>/<kind>/<n>`: the n-th effect of
 * that kind the plugin asked for while handling it) before it is carried out, carried out after a
 * crash if it was not, and carried out once however often the event is delivered. Outside an event
 * (a command, a test button) pass `key` to make one durable; without it the effect is just carried out.
 */

/**
 * Posts a welcome/goodbye-style message about one member through the core's coalescer: sent at once
 * while the channel has room, combined with other members' during a raid. Resolves once sent; null
 * when there is nowhere to send it, or when this message was already sent for this event.
 */
export function postMemberMessage(message: MemberMessage): Promise<MemberMessageResult | null> {
	return container.effects.perform({
		kind: MEMBER_MESSAGE,
		plugin: message.plugin,
		payload: queuedMemberMessage(message),
		target: message.member.id,
		...(message.key !== undefined ? { key: message.key } : {}),
	});
}

export interface SendMessageRequest extends MessageEffect {
	plugin: string;
	key?: string;
}

/**
 * Sends a message to a channel (`channelId`) or a user's DMs (`userId`). Resolves with the message,
 * or null when this message was already sent for this event (or Foyer is stopping: it is sent at the
 * next start). Rejects with Discord's error (50007: the member does not accept DMs).
 */
export function sendMessage(request: SendMessageRequest): Promise<Message | null> {
	const { plugin, key, ...payload } = request;
	return container.effects.perform({
		kind: MESSAGE,
		plugin,
		payload,
		target: payload.userId ? `user-${payload.userId}` : `channel-${payload.channelId}`,
		...(key !== undefined ? { key } : {}),
	});
}

export interface AddMemberRolesRequest {
	plugin: string;
	member: GuildMember;
	/** In the order they are to be given; roles the member has are skipped. */
	roleIds: string[];
	reason?: string;
	key?: string;
}

/**
 * Gives a member roles with one REST call (PUT for one, PATCH for several). Resolves 'added',
 * 'had' (nothing to give), 'gone' (the member left), or null when this was already done for this
 * event. Rejects with Discord's error (50013: Missing Permissions).
 */
export function addMemberRoles(request: AddMemberRolesRequest): Promise<MemberRolesOutcome | null> {
	const { plugin, member, roleIds, reason, key } = request;
	return container.effects.perform({
		kind: MEMBER_ROLES,
		plugin,
		payload: { guildId: member.guild.id, userId: member.id, roleIds, ...(reason ? { reason } : {}) },
		live: { member },
		target: member.id,
		...(key !== undefined ? { key } : {}),
	});
}
