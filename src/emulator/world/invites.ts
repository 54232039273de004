import { randomBytes } from 'node:crypto';
import {
	AuditLogEvent,
	GatewayDispatchEvents as E,
	GatewayIntentBits as I,
	PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { audit } from './audit-log.ts';
import { inviteCreateEvent } from './serialize.ts';
import type { EmInvite, TargetUsersJob } from './types.ts';
import type { World } from './world.ts';

export interface InviteFields {
	inviterId: string | null;
	maxUses?: number;
	maxAge?: number;
	temporary?: boolean;
	code?: string;
	roleIds?: string[];
	targetUserIds?: string[];
}

export function isExpired(world: World, inv: EmInvite): boolean {
	return inv.maxAge > 0 && inv.createdAt + inv.maxAge * 1000 <= world.now();
}

/** An invite, unless it expired: expired invites vanish when next looked up, as on Discord. */
export function liveInvite(world: World, code: string): EmInvite {
	const inv = world.invites.get(code);
	if (!inv) throw Errors.unknownInvite();
	if (isExpired(world, inv)) {
		forgetInvite(world, inv);
		throw Errors.unknownInvite();
	}
	return inv;
}

export function guildInvites(world: World, guildId: string): EmInvite[] {
	const out: EmInvite[] = [];
	for (const code of [...world.guild(guildId).invites]) {
		const inv = world.invites.get(code);
		if (!inv) continue;
		if (isExpired(world, inv)) forgetInvite(world, inv);
		else out.push(inv);
	}
	return out;
}

/** Whether a code is used by an invite or a guild's vanity URL. */
export function codeTaken(world: World, code: string): boolean {
	if (world.invites.has(code)) return true;
	for (const g of world.guilds.values()) if (g.vanityCode === code) return true;
	return false;
}

export function createInvite(
	world: World,
	channelId: string,
	opts: InviteFields,
	reason: string | null = null,
): EmInvite {
	const channel = world.channel(channelId);
	if (!channel.guildId) throw Errors.unknownChannel();
	const guild = world.guild(channel.guildId);
	const code = opts.code ?? randomCode(world);
	if (codeTaken(world, code)) throw new ApiError(400, 50020, 'Invite code invalid or taken');
	for (const roleId of opts.roleIds ?? []) world.role(guild.id, roleId);
	const invite: EmInvite = {
		code,
		guildId: guild.id,
		channelId,
		inviterId: opts.inviterId,
		uses: 0,
		maxUses: opts.maxUses ?? 0,
		maxAge: opts.maxAge ?? 86_400,
		temporary: opts.temporary ?? false,
		createdAt: world.now(),
		roleIds: opts.roleIds ?? [],
		targetUserIds: opts.targetUserIds ?? [],
		targetUsersJob: opts.targetUserIds?.length ? completedJob(world, opts.targetUserIds.length) : null,
	};
	world.invites.set(code, invite);
	guild.invites.add(code);
	audit(world, guild, {
		actionType: AuditLogEvent.InviteCreate,
		userId: opts.inviterId,
		targetId: null,
		reason,
		changes: [
			{ key: 'code', new_value: code },
			{ key: 'channel_id', new_value: channelId },
			{ key: 'inviter_id', new_value: opts.inviterId },
			{ key: 'uses', new_value: 0 },
			{ key: 'max_uses', new_value: invite.maxUses },
			{ key: 'max_age', new_value: invite.maxAge },
			{ key: 'temporary', new_value: invite.temporary },
		],
	});
	world.dispatch({
		t: E.InviteCreate,
		d: inviteCreateEvent(invite, world),
		intent: I.GuildInvites,
		guildId: guild.id,
		appId: null,
		permissions: { anyOf: [P.ManageChannels], channelId },
	});
	return invite;
}

export function deleteInvite(
	world: World,
	code: string,
	actorId: string | null,
	reason: string | null = null,
): EmInvite {
	const invite = liveInvite(world, code);
	const guild = world.guild(invite.guildId);
	forgetInvite(world, invite);
	audit(world, guild, {
		actionType: AuditLogEvent.InviteDelete,
		userId: actorId,
		targetId: null,
		reason,
		changes: [
			{ key: 'code', old_value: code },
			{ key: 'uses', old_value: invite.uses },
		],
	});
	announceInviteDelete(world, invite);
	return invite;
}

/**
 * An invite that reached `max_uses`: Discord deletes it and sends INVITE_DELETE (after the
 * GUILD_MEMBER_ADD of the last use). No audit entry: nobody deleted it (emulator assumption).
 */
export function useUpInvite(world: World, invite: EmInvite): void {
	forgetInvite(world, invite);
	announceInviteDelete(world, invite);
}

/** INVITE_DELETE goes only to bots with Manage Channels on the invite's channel (Gateway Events, Invites). */
function announceInviteDelete(world: World, invite: EmInvite): void {
	world.dispatch({
		t: E.InviteDelete,
		d: { channel_id: invite.channelId, guild_id: invite.guildId, code: invite.code },
		intent: I.GuildInvites,
		guildId: invite.guildId,
		appId: null,
		permissions: { anyOf: [P.ManageChannels], channelId: invite.channelId },
	});
}

/** Removes an invite without an event (expiry, deleted channel). */
export function forgetInvite(world: World, invite: EmInvite): void {
	world.invites.delete(invite.code);
	world.guilds.get(invite.guildId)?.invites.delete(invite.code);
}

/** The emulator processes a target-users upload at once: the job is completed when it is created. */
export function completedJob(world: World, users: number): TargetUsersJob {
	const now = world.now();
	return { status: 2, totalUsers: users, processedUsers: users, createdAt: now, completedAt: now, errorMessage: null };
}

/** Replaces who may use an invite (PUT /invites/{code}/target-users): an INVITE_UPDATE audit entry, no event. */
export function setTargetUsers(
	world: World,
	code: string,
	userIds: string[],
	actorId: string | null,
	reason: string | null,
): EmInvite {
	const invite = liveInvite(world, code);
	invite.targetUserIds = [...new Set(userIds)];
	invite.targetUsersJob = completedJob(world, invite.targetUserIds.length);
	audit(world, world.guild(invite.guildId), {
		actionType: AuditLogEvent.InviteUpdate,
		userId: actorId,
		targetId: null,
		reason,
		changes: [{ key: 'code', old_value: code, new_value: code }],
	});
	return invite;
}

function randomCode(world: World): string {
	for (;;) {
		const code = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
		if (!codeTaken(world, code)) return code;
	}
}
