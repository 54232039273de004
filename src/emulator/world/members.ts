import { AuditLogEvent, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { audit } from './audit-log.ts';
import { deleteInvite, liveInvite } from './invites.ts';
import { memberPayload, userPayload } from './serialize.ts';
import type { EmAuditEntry, EmGuild, EmInvite, EmMember } from './types.ts';
import type { World } from './world.ts';

export interface JoinOptions {
	inviteCode?: string;
	vanity?: boolean;
	/** Send GUILD_MEMBER_ADD again for a user who is already a member, as Discord sometimes does. */
	duplicate?: boolean;
}

export interface MemberPatch {
	roles?: string[];
	nick?: string | null;
}

/** A member record (no event). */
export function addMemberRecord(
	world: World,
	guild: EmGuild,
	userId: string,
	via: EmMember['joinedVia'],
	joinedAt = world.now(),
): EmMember {
	const member: EmMember = { userId, guildId: guild.id, roles: [], nick: null, joinedAt, joinedVia: via };
	guild.members.set(userId, member);
	return member;
}

export function announceMember(world: World, t: E.GuildMemberAdd | E.GuildMemberUpdate, member: EmMember): void {
	world.dispatch({
		t,
		d: { ...memberPayload(member, world), guild_id: member.guildId },
		intent: I.GuildMembers,
		guildId: member.guildId,
		appId: null,
	});
}

/**
 * A user joins a guild. Through an invite: the invite must be live, may be restricted to listed
 * users, counts a use, grants its roles, and is deleted (INVITE_DELETE) when it reaches max_uses.
 * Through the vanity URL: the vanity use count goes up.
 */
export function join(world: World, guildId: string, userId: string, opts: JoinOptions = {}): EmMember {
	const guild = world.guild(guildId);
	const user = world.user(userId);
	if (guild.bans.has(userId)) throw new ApiError(403, 40007, 'The user is banned from this guild.');
	const existing = guild.members.get(userId);
	if (existing) {
		if (!opts.duplicate) throw new ApiError(409, 0, `User ${userId} is already a member of guild ${guildId}`);
		announceMember(world, E.GuildMemberAdd, existing);
		return existing;
	}
	let via: EmMember['joinedVia'] = { type: 'none' };
	let invite: EmInvite | null = null;
	if (opts.inviteCode !== undefined && opts.vanity)
		throw new ApiError(400, 0, 'Join through an invite code or the vanity URL, not both');
	if (opts.inviteCode !== undefined) {
		invite = liveInvite(world, opts.inviteCode);
		if (invite.guildId !== guildId) throw new ApiError(400, 0, `Invite ${invite.code} belongs to another guild`);
		if (invite.targetUserIds.length > 0 && !invite.targetUserIds.includes(userId))
			throw new ApiError(403, 50001, `Invite ${invite.code} is limited to other users`);
		via = { type: 'invite', code: invite.code };
	} else if (opts.vanity) {
		if (!guild.vanityCode) throw new ApiError(400, 0, `Guild ${guildId} has no vanity URL`);
		via = { type: 'vanity' };
	}
	const member = addMemberRecord(world, guild, user.id, via);
	if (invite) {
		invite.uses++;
		for (const roleId of invite.roleIds) if (guild.roles.has(roleId)) member.roles.push(roleId);
	} else if (opts.vanity) guild.vanityUses++;

	announceMember(world, E.GuildMemberAdd, member);
	if (invite && invite.maxUses > 0 && invite.uses >= invite.maxUses) deleteInvite(world, invite.code, null);
	return member;
}

/** The member leaves (or is kicked/banned: the caller records the audit entry). */
export function removeMember(world: World, guildId: string, userId: string): EmMember {
	const guild = world.guild(guildId);
	const member = world.member(guildId, userId);
	if (userId === guild.ownerId) throw new ApiError(400, 0, 'The guild owner cannot leave their guild');
	guild.members.delete(userId);
	world.dispatch({
		t: E.GuildMemberRemove,
		d: { guild_id: guildId, user: userPayload(world.user(userId)) },
		intent: I.GuildMembers,
		guildId,
		appId: null,
	});
	return member;
}

export function kick(
	world: World,
	guildId: string,
	userId: string,
	actorId: string | null,
	reason: string | null,
): void {
	const guild = world.guild(guildId);
	removeMember(world, guildId, userId);
	audit(world, guild, { actionType: AuditLogEvent.MemberKick, userId: actorId, targetId: userId, reason, changes: [] });
}

/** Replaces a member's roles and nickname; dispatches GUILD_MEMBER_UPDATE when anything changed. */
export function updateMember(
	world: World,
	guildId: string,
	userId: string,
	patch: MemberPatch,
	actorId: string | null,
	reason: string | null = null,
): EmMember {
	const guild = world.guild(guildId);
	const member = world.member(guildId, userId);
	let changed = false;
	if (patch.roles) {
		const next = [...new Set(patch.roles)];
		for (const id of next) if (!guild.roles.has(id) || id === guild.id) throw Errors.unknownRole();
		const added = next.filter((id) => !member.roles.includes(id));
		const removed = member.roles.filter((id) => !next.includes(id));
		if (added.length || removed.length) {
			member.roles = next;
			changed = true;
			const changes: EmAuditEntry['changes'] = [];
			const named = (ids: string[]) => ids.map((id) => ({ id, name: guild.roles.get(id)?.name }));
			if (added.length) changes.push({ key: '$add', new_value: named(added) });
			if (removed.length) changes.push({ key: '$remove', new_value: named(removed) });
			audit(world, guild, {
				actionType: AuditLogEvent.MemberRoleUpdate,
				userId: actorId,
				targetId: userId,
				reason,
				changes,
			});
		}
	}
	if (patch.nick !== undefined && patch.nick !== member.nick) {
		audit(world, guild, {
			actionType: AuditLogEvent.MemberUpdate,
			userId: actorId,
			targetId: userId,
			reason,
			changes: [{ key: 'nick', old_value: member.nick, new_value: patch.nick }],
		});
		member.nick = patch.nick;
		changed = true;
	}
	if (changed) announceMember(world, E.GuildMemberUpdate, member);
	return member;
}
