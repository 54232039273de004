import { ChannelType, type Guild, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { Translate } from 'foyer';

/** One thing invite tracking needs from Discord, whether Foyer has it, and what to do when not. */
export interface TrackingCheck {
	id: 'manage-guild' | 'manage-channels' | 'view-audit-log' | 'manage-roles' | 'create-invite';
	/** The permission's name, as Discord shows it in the reader's language. */
	permission: string;
	/** What it is needed for. */
	neededFor: string;
	ok: boolean;
	/** When not ok: exactly what is missing and where (null when ok). */
	missing: string | null;
	/** Whether tracking works without it (it is only needed by some features). */
	essential: boolean;
}

/** What the check reads about the guild: Foyer's permissions, server-wide and per channel. */
export interface TrackingFacts {
	guild: PermissionsBitField | null;
	/** Channels members can be invited to, with whether Foyer has Manage Channels in each. */
	channels: { name: string; manageChannels: boolean; createInvite: boolean }[];
}

const INVITABLE = new Set([
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildAnnouncement,
	ChannelType.GuildStageVoice,
	ChannelType.GuildForum,
	ChannelType.GuildMedia,
]);

/** Foyer's permissions in a guild, from discord.js's cache (kept current by role and channel events). */
export function trackingFacts(guild: Guild): TrackingFacts {
	const me = guild.members.me;
	const channels = [...guild.channels.cache.values()]
		.filter((c) => INVITABLE.has(c.type))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((c) => {
			const perms = me ? c.permissionsFor(me) : null;
			return {
				name: c.name,
				manageChannels: perms?.has(PermissionFlagsBits.ManageChannels) ?? false,
				createInvite: perms?.has(PermissionFlagsBits.CreateInstantInvite) ?? false,
			};
		});
	return { guild: me?.permissions ?? null, channels };
}

/** Up to five channels by name, then how many more, in the reader's language. */
const list = (names: string[], t: Translate) => {
	const shown = names
		.slice(0, 5)
		.map((n) => `#${n}`)
		.join(', ');
	return names.length <= 5 ? shown : t('tracking.more', { list: shown, count: names.length - 5 });
};

/**
 * What invite tracking can and cannot do with Foyer's permissions, one line per permission, worded
 * by `t` (the page's or the member's language). Discord tells a bot nothing about which invite a
 * member used: the use counts (Manage Server), the invite events (Manage Channels on the channel of
 * the invite) and the audit log (View Audit Log) are the only evidence, so each missing one costs
 * joins that end up unknown or ambiguous. Pure.
 */
export function trackingChecks(facts: TrackingFacts, t: Translate): TrackingCheck[] {
	const has = (flag: bigint) => facts.guild?.has(flag) ?? false;
	const withoutManage = facts.channels.filter((c) => !c.manageChannels).map((c) => c.name);
	const withoutCreate = facts.channels.filter((c) => !c.createInvite).map((c) => c.name);
	const manageChannels = has(PermissionFlagsBits.ManageChannels) && withoutManage.length === 0;
	const check = (id: TrackingCheck['id'], key: string, ok: boolean, essential: boolean, missing?: string) => ({
		id,
		permission: t(`tracking.${key}.permission`),
		neededFor: t(`tracking.${key}.neededFor`),
		ok,
		missing: ok ? null : (missing ?? t(`tracking.${key}.missing`)),
		essential,
	});
	const createInvite = has(PermissionFlagsBits.CreateInstantInvite) && withoutCreate.length < facts.channels.length;
	return [
		check('manage-guild', 'manageGuild', has(PermissionFlagsBits.ManageGuild), true),
		check(
			'manage-channels',
			'manageChannels',
			manageChannels,
			false,
			has(PermissionFlagsBits.ManageChannels)
				? t(
						withoutManage.length === 1
							? 'tracking.manageChannels.missingInOne'
							: 'tracking.manageChannels.missingInMany',
						{
							channels: list(withoutManage, t),
						},
					)
				: undefined,
		),
		check('view-audit-log', 'viewAuditLog', has(PermissionFlagsBits.ViewAuditLog), false),
		check('manage-roles', 'manageRoles', has(PermissionFlagsBits.ManageRoles), false),
		check('create-invite', 'createInvite', createInvite, false),
	];
}
