import { randomBytes } from 'node:crypto';
import { AuditLogEvent, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { audit } from './audit-log.ts';
import { inviteCreateEvent } from './serialize.ts';
import type { EmInvite } from './types.ts';
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
	world.dispatch({
		t: E.InviteDelete,
		d: { channel_id: invite.channelId, guild_id: invite.guildId, code },
		intent: I.GuildInvites,
		guildId: guild.id,
		appId: null,
	});
	return invite;
}

/** Removes an invite without an event (expiry, deleted channel). */
export function forgetInvite(world: World, invite: EmInvite): void {
	world.invites.delete(invite.code);
	world.guilds.get(invite.guildId)?.invites.delete(invite.code);
}

function randomCode(world: World): string {
	for (;;) {
		const code = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
		if (!codeTaken(world, code)) return code;
	}
}
