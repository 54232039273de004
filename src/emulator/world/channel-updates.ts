import { AuditLogEvent, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { guildChannelEvent } from './serialize.ts';
import type { EmAuditEntry, EmChannel, EmOverwrite } from './types.ts';
import type { World } from './world.ts';

/**
 * Channel mutations World lacks: edits and permission overwrites, each with the audit entries and
 * the CHANNEL_UPDATE Discord would produce.
 */

export interface ChannelPatch {
	name?: string;
	topic?: string | null;
	position?: number;
	parentId?: string | null;
	overwrites?: EmOverwrite[];
}

function guildOfChannel(world: World, channel: EmChannel) {
	if (!channel.guildId) throw new Error(`channel ${channel.id} is not a guild channel`);
	return world.guild(channel.guildId);
}

export function announceChannel(world: World, channel: EmChannel): void {
	world.dispatch({
		t: E.ChannelUpdate,
		d: guildChannelEvent(channel, world),
		intent: I.Guilds,
		guildId: channel.guildId,
		appId: null,
	});
}

const bits = (o: EmOverwrite | undefined) => ({ allow: (o?.allow ?? 0n).toString(), deny: (o?.deny ?? 0n).toString() });

function auditOverwrite(
	world: World,
	channel: EmChannel,
	before: EmOverwrite | undefined,
	after: EmOverwrite | undefined,
	actorId: string | null,
	reason: string | null,
): void {
	const guild = guildOfChannel(world, channel);
	const o = (after ?? before) as EmOverwrite;
	const roleName = o.type === 0 ? guild.roles.get(o.id)?.name : undefined;
	const options = { id: o.id, type: String(o.type), ...(roleName ? { role_name: roleName } : {}) };
	const old = bits(before);
	const now = bits(after);
	let actionType: AuditLogEvent;
	let changes: EmAuditEntry['changes'];
	if (!before) {
		actionType = AuditLogEvent.ChannelOverwriteCreate;
		changes = [
			{ key: 'id', new_value: o.id },
			{ key: 'type', new_value: o.type },
			{ key: 'allow', new_value: now.allow },
			{ key: 'deny', new_value: now.deny },
		];
	} else if (!after) {
		actionType = AuditLogEvent.ChannelOverwriteDelete;
		changes = [
			{ key: 'id', old_value: o.id },
			{ key: 'type', old_value: o.type },
			{ key: 'allow', old_value: old.allow },
			{ key: 'deny', old_value: old.deny },
		];
	} else {
		actionType = AuditLogEvent.ChannelOverwriteUpdate;
		changes = (['allow', 'deny'] as const)
			.filter((k) => old[k] !== now[k])
			.map((k) => ({ key: k, old_value: old[k], new_value: now[k] }));
	}
	world.audit(guild, { actionType, userId: actorId, targetId: channel.id, reason, changes, options });
}

/** Replaces a channel's overwrites, auditing each overwrite created, changed or removed. Returns whether any changed. */
function replaceOverwrites(
	world: World,
	channel: EmChannel,
	next: EmOverwrite[],
	actorId: string | null,
	reason: string | null,
): boolean {
	let changed = false;
	for (const after of next) {
		const before = channel.overwrites.find((o) => o.id === after.id);
		if (before && before.allow === after.allow && before.deny === after.deny && before.type === after.type) continue;
		auditOverwrite(world, channel, before, after, actorId, reason);
		changed = true;
	}
	for (const before of channel.overwrites)
		if (!next.some((o) => o.id === before.id)) {
			auditOverwrite(world, channel, before, undefined, actorId, reason);
			changed = true;
		}
	channel.overwrites = next.map((o) => ({ ...o }));
	return changed;
}

/** Applies a channel edit; audits CHANNEL_UPDATE (and overwrite entries) and dispatches CHANNEL_UPDATE when anything changed. */
export function updateChannel(
	world: World,
	channelId: string,
	patch: ChannelPatch,
	actorId: string | null,
	reason: string | null,
): EmChannel {
	const channel = world.channel(channelId);
	const guild = guildOfChannel(world, channel);
	const changes: EmAuditEntry['changes'] = [];
	const fields = [
		['name', 'name'],
		['topic', 'topic'],
		['position', 'position'],
		['parentId', 'parent_id'],
	] as const;
	for (const [field, key] of fields) {
		const value = patch[field];
		if (value === undefined || value === channel[field]) continue;
		changes.push({ key, old_value: channel[field], new_value: value });
		(channel as unknown as Record<string, unknown>)[field] = value;
	}
	if (changes.length)
		world.audit(guild, {
			actionType: AuditLogEvent.ChannelUpdate,
			userId: actorId,
			targetId: channel.id,
			reason,
			changes,
		});
	const overwritesChanged = patch.overwrites
		? replaceOverwrites(world, channel, patch.overwrites, actorId, reason)
		: false;
	if (changes.length || overwritesChanged) announceChannel(world, channel);
	return channel;
}

/** Creates or replaces one overwrite (PUT /channels/:id/permissions/:overwrite_id). */
export function putOverwrite(
	world: World,
	channelId: string,
	overwrite: EmOverwrite,
	actorId: string | null,
	reason: string | null,
): void {
	const channel = world.channel(channelId);
	const next = [...channel.overwrites.filter((o) => o.id !== overwrite.id), overwrite];
	if (replaceOverwrites(world, channel, next, actorId, reason)) announceChannel(world, channel);
}

/** Removes one overwrite; false when the channel had none for that id. */
export function removeOverwrite(
	world: World,
	channelId: string,
	overwriteId: string,
	actorId: string | null,
	reason: string | null,
): boolean {
	const channel = world.channel(channelId);
	if (!channel.overwrites.some((o) => o.id === overwriteId)) return false;
	replaceOverwrites(
		world,
		channel,
		channel.overwrites.filter((o) => o.id !== overwriteId),
		actorId,
		reason,
	);
	announceChannel(world, channel);
	return true;
}

/** Before a category is deleted: its channels lose their parent, each with a CHANNEL_UPDATE. */
export function detachChildren(world: World, categoryId: string): void {
	const category = world.channel(categoryId);
	const guild = guildOfChannel(world, category);
	for (const id of guild.channels) {
		const child = world.channels.get(id);
		if (child?.parentId !== categoryId) continue;
		child.parentId = null;
		announceChannel(world, child);
	}
}
