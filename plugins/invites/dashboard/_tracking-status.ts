import { ChannelType, type Guild, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

/** One thing invite tracking needs from Discord, whether Foyer has it, and what to do when not. */
export interface TrackingCheck {
	id: 'manage-guild' | 'manage-channels' | 'view-audit-log' | 'manage-roles' | 'create-invite';
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

const list = (names: string[]) =>
	names.length <= 5
		? names.map((n) => `#${n}`).join(', ')
		: `${names
				.slice(0, 5)
				.map((n) => `#${n}`)
				.join(', ')} and ${names.length - 5} more`;

/**
 * What invite tracking can and cannot do with Foyer's permissions, one line per permission. Discord
 * tells a bot nothing about which invite a member used: the use counts (Manage Server), the invite
 * events (Manage Channels on the channel of the invite) and the audit log (View Audit Log) are the
 * only evidence, so each missing one costs joins that end up unknown or ambiguous. Pure.
 */
export function trackingChecks(facts: TrackingFacts): TrackingCheck[] {
	const has = (flag: bigint) => facts.guild?.has(flag) ?? false;
	const withoutManage = facts.channels.filter((c) => !c.manageChannels).map((c) => c.name);
	const withoutCreate = facts.channels.filter((c) => !c.createInvite).map((c) => c.name);
	const manageChannels = has(PermissionFlagsBits.ManageChannels) && withoutManage.length === 0;
	return [
		{
			id: 'manage-guild',
			permission: 'Manage Server',
			neededFor: 'reading invite use counts and the vanity URL’s uses: the evidence every attribution rests on',
			ok: has(PermissionFlagsBits.ManageGuild),
			missing: has(PermissionFlagsBits.ManageGuild)
				? null
				: 'Foyer lacks Manage Server: it cannot read how often each invite was used, so every join is recorded as unknown. Grant Manage Server to Foyer’s role in Server Settings > Roles.',
			essential: true,
		},
		{
			id: 'manage-channels',
			permission: 'Manage Channels',
			neededFor: 'invite created/deleted events, which tell apart invites created and used up between two reads',
			ok: manageChannels,
			missing: manageChannels
				? null
				: !has(PermissionFlagsBits.ManageChannels)
					? 'Foyer lacks Manage Channels: Discord sends it no invite created/deleted events, so one-use invites created and used between two reads stay ambiguous. Grant Manage Channels to Foyer’s role in Server Settings > Roles.'
					: `Foyer lacks Manage Channels in ${list(withoutManage)}: Discord sends it no invite events for invites to ${withoutManage.length === 1 ? 'that channel' : 'those channels'}. Remove the channel permission override that denies it.`,
			essential: false,
		},
		{
			id: 'view-audit-log',
			permission: 'View Audit Log',
			neededFor:
				'the audit log’s invite entries: who created an invite that was used up before Foyer saw it, and deleted invites’ last uses',
			ok: has(PermissionFlagsBits.ViewAuditLog),
			missing: has(PermissionFlagsBits.ViewAuditLog)
				? null
				: 'Foyer lacks View Audit Log: invites created and used up between two reads, and invites deleted by a moderator, cannot be credited. Grant View Audit Log to Foyer’s role in Server Settings > Roles.',
			essential: false,
		},
		{
			id: 'manage-roles',
			permission: 'Manage Roles',
			neededFor: 'invite rank roles, and invites that grant roles',
			ok: has(PermissionFlagsBits.ManageRoles),
			missing: has(PermissionFlagsBits.ManageRoles)
				? null
				: 'Foyer lacks Manage Roles: rank roles are not given and invites that grant roles cannot be created. Grant Manage Roles to Foyer’s role in Server Settings > Roles.',
			essential: false,
		},
		{
			id: 'create-invite',
			permission: 'Create Invite',
			neededFor: 'creating personal and role-granting invites from the dashboard and /invite create',
			ok: has(PermissionFlagsBits.CreateInstantInvite) && withoutCreate.length < facts.channels.length,
			missing:
				has(PermissionFlagsBits.CreateInstantInvite) && withoutCreate.length < facts.channels.length
					? null
					: 'Foyer lacks Create Invite: it cannot create invites for members. Grant Create Invite to Foyer’s role in Server Settings > Roles.',
			essential: false,
		},
	];
}
