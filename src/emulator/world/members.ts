import { AuditLogEvent, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { audit } from './audit-log.ts';
import { invitesPaused } from './incidents.ts';
import { liveInvite, useUpInvite } from './invites.ts';
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
	/** Only BYPASSES_VERIFICATION is applied; the other member flags are Discord's to set. */
	flags?: number;
}

export const DID_REJOIN = 1 << 0;
export const COMPLETED_ONBOARDING = 1 << 1;
export const BYPASSES_VERIFICATION = 1 << 2;
/** The member flags a bot may edit (Guild Member Flags: "Editable"). */
export const EDITABLE_MEMBER_FLAGS = BYPASSES_VERIFICATION;

/** A member record (no event). */
export function addMemberRecord(
	world: World,
	guild: EmGuild,
	userId: string,
	via: EmMember['joinedVia'],
	joinedAt = world.now(),
): EmMember {
	const member: EmMember = {
		userId,
		guildId: guild.id,
		roles: [],
		nick: null,
		joinedAt,
		flags: 0,
		pending: false,
		temporary: false,
		joinedVia: via,
	};
	guild.members.set(userId, member);
	return member;
}

export function announceMember(world: World, t: E.GuildMemberAdd | E.GuildMemberUpdate, member: EmMember): void {
	const route = { intent: I.GuildMembers, guildId: member.guildId, appId: null };
	const d = { ...memberPayload(member, world), guild_id: member.guildId };
	if (t === E.GuildMemberAdd) world.dispatch({ t, d, ...route });
	else world.dispatch({ t, d, ...route });
}

/**
 * A user joins a guild. Through an invite: the invite must be live and not paused (INVITES_DISABLED
 * or incident actions), may be restricted to listed users, counts a use, grants its roles, and is
 * deleted (INVITE_DELETE) once it reaches max_uses. Through the vanity URL: the vanity use count
 * goes up. A rejoin gets DID_REJOIN; in a guild with screening the member starts `pending`.
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
	const { via, invite } = entrance(world, guild, userId, opts);
	const member = addMemberRecord(world, guild, user.id, via);
	const rejoin = guild.formerMembers.has(userId);
	if (rejoin) member.flags |= DID_REJOIN;
	guild.joinLog.push({ userId, at: member.joinedAt, via, rejoin });
	member.pending = guild.screening && !user.bot;
	if (invite) {
		invite.uses++;
		for (const roleId of invite.roleIds) if (guild.roles.has(roleId)) member.roles.push(roleId);
		member.temporary = invite.temporary && member.roles.length === 0;
	} else if (opts.vanity) guild.vanityUses++;

	announceMember(world, E.GuildMemberAdd, member);
	if (world.quirks.memberAddResendShare > 0 && world.draw() < world.quirks.memberAddResendShare)
		announceMember(world, E.GuildMemberAdd, member);
	if (invite && invite.maxUses > 0 && invite.uses >= invite.maxUses) useUpInvite(world, invite);
	return member;
}

/** How a join comes in, checked before anything changes (a refused join changes nothing). */
function entrance(
	world: World,
	guild: EmGuild,
	userId: string,
	opts: JoinOptions,
): { via: EmMember['joinedVia']; invite: EmInvite | null } {
	if (opts.inviteCode !== undefined && opts.vanity)
		throw new ApiError(400, 0, 'Join through an invite code or the vanity URL, not both');
	if (opts.inviteCode === undefined && !opts.vanity) return { via: { type: 'none' }, invite: null };
	const invite = opts.inviteCode === undefined ? null : liveInvite(world, opts.inviteCode);
	if (invite && invite.guildId !== guild.id)
		throw new ApiError(400, 0, `Invite ${invite.code} belongs to another guild`);
	if (!invite && !guild.vanityCode) throw new ApiError(400, 0, `Guild ${guild.id} has no vanity URL`);
	if (invitesPaused(world, guild))
		throw new ApiError(403, 0, `Invites to guild ${guild.id} are paused (INVITES_DISABLED or incident actions)`);
	if (invite && invite.targetUserIds.length > 0 && !invite.targetUserIds.includes(userId))
		throw new ApiError(403, 50001, `Invite ${invite.code} is limited to other users`);
	return invite ? { via: { type: 'invite', code: invite.code }, invite } : { via: { type: 'vanity' }, invite: null };
}

/** The member leaves (or is kicked/banned: the caller records the audit entry). */
export function removeMember(world: World, guildId: string, userId: string): EmMember {
	const guild = world.guild(guildId);
	const member = world.member(guildId, userId);
	if (userId === guild.ownerId) throw new ApiError(400, 0, 'The guild owner cannot leave their guild');
	guild.members.delete(userId);
	guild.formerMembers.add(userId);
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
			// "kicked on disconnect unless they're assigned a role" (Gateway Events, Invite Create).
			if (next.length > 0) member.temporary = false;
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
	if (patch.flags !== undefined) {
		const flags = (member.flags & ~EDITABLE_MEMBER_FLAGS) | (patch.flags & EDITABLE_MEMBER_FLAGS);
		if (flags !== member.flags) {
			audit(world, guild, {
				actionType: AuditLogEvent.MemberUpdate,
				userId: actorId,
				targetId: userId,
				reason,
				changes: [{ key: 'flags', old_value: member.flags, new_value: flags }],
			});
			member.flags = flags;
			changed = true;
		}
	}
	if (changed) announceMember(world, E.GuildMemberUpdate, member);
	return member;
}

/**
 * The member passes membership screening: `pending` flips to false with GUILD_MEMBER_UPDATE
 * (Membership Screening Object). The emulator counts it as onboarding done (COMPLETED_ONBOARDING).
 */
export function completeScreening(world: World, guildId: string, userId: string): EmMember {
	const member = world.member(guildId, userId);
	if (!member.pending) throw new ApiError(400, 0, `Member ${userId} is not pending membership screening`);
	member.pending = false;
	member.flags |= COMPLETED_ONBOARDING;
	announceMember(world, E.GuildMemberUpdate, member);
	return member;
}

/** The user goes offline: a temporary member without a role is removed (GUILD_MEMBER_REMOVE). */
export function disconnect(world: World, guildId: string, userId: string): boolean {
	const member = world.member(guildId, userId);
	if (!member.temporary || member.roles.length > 0) return false;
	removeMember(world, guildId, userId);
	return true;
}
