import {
	AuditLogEvent,
	GatewayDispatchEvents as E,
	GatewayIntentBits as I,
	PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import { Errors } from '../errors.ts';
import { audit } from './audit-log.ts';
import { removeMember } from './members.ts';
import { userPayload } from './serialize.ts';
import type { World } from './world.ts';

/** Bans a user: the member (if any) is removed first, then GUILD_BAN_ADD. */
export function ban(
	world: World,
	guildId: string,
	userId: string,
	actorId: string | null,
	reason: string | null,
): void {
	const guild = world.guild(guildId);
	world.user(userId);
	guild.bans.set(userId, reason);
	if (guild.members.has(userId)) removeMember(world, guildId, userId);
	audit(world, guild, {
		actionType: AuditLogEvent.MemberBanAdd,
		userId: actorId,
		targetId: userId,
		reason,
		changes: [],
	});
	world.dispatch({
		t: E.GuildBanAdd,
		d: { guild_id: guildId, user: userPayload(world.user(userId)) },
		intent: I.GuildModeration,
		guildId,
		appId: null,
		// "only sent to bots with the BAN_MEMBERS or VIEW_AUDIT_LOG permission" (Gateway Events).
		permissions: { anyOf: [P.BanMembers, P.ViewAuditLog] },
	});
}

export function unban(
	world: World,
	guildId: string,
	userId: string,
	actorId: string | null,
	reason: string | null,
): void {
	const guild = world.guild(guildId);
	if (!guild.bans.delete(userId)) throw Errors.unknownBan();
	audit(world, guild, {
		actionType: AuditLogEvent.MemberBanRemove,
		userId: actorId,
		targetId: userId,
		reason,
		changes: [],
	});
	world.dispatch({
		t: E.GuildBanRemove,
		d: { guild_id: guildId, user: userPayload(world.user(userId)) },
		intent: I.GuildModeration,
		guildId,
		appId: null,
		// "only sent to bots with the BAN_MEMBERS or VIEW_AUDIT_LOG permission" (Gateway Events).
		permissions: { anyOf: [P.BanMembers, P.ViewAuditLog] },
	});
}
