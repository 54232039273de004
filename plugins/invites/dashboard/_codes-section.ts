import { ChannelType, DiscordAPIError, type Guild } from 'discord.js';
import { assignProblem } from 'foyer';
import plugin from '../plugin.ts';
import type { PageWords } from './_format.ts';
import { channelProblem, EMPTY_INVITE_VALUES, type InviteField, type InviteValues, MAX_AGES } from './_invite-input.ts';
import { nameOf } from './_names.ts';
import { pagePath } from './_paths.ts';

export interface CodesState {
	message?: { kind: 'ok' | 'error'; text: string };
	created?: string;
	values?: InviteValues;
	errors?: Partial<Record<InviteField, string>>;
}

export interface CodeRow {
	code: string;
	inviterId: string | null;
	inviter: string;
	channel: string;
	uses: string;
	/** Empty when the invite has no limit. */
	maxUses: string;
	roles: string;
	targets: string;
	expires: string;
}

/** The guild's live invites as Discord lists them (needs Manage Server), or why they cannot be read. */
export async function liveCodes(guild: Guild, w: PageWords): Promise<{ codes: CodeRow[] } | { problem: string }> {
	try {
		const invites = await guild.invites.fetch({ cache: false });
		const codes = [...invites.values()]
			.sort((a, b) => (b.createdTimestamp ?? 0) - (a.createdTimestamp ?? 0))
			.map((i) => ({
				code: i.code,
				inviterId: i.inviterId,
				inviter: nameOf(guild, i.inviterId, w.t),
				channel: i.channel && 'name' in i.channel ? (i.channel.name ?? '') : '',
				uses: w.n(i.uses ?? 0),
				maxUses: i.maxUses ? w.n(i.maxUses) : '',
				roles: [...(i.roles?.values() ?? [])].map((r) => r.name).join(', '),
				targets: i.targetUser ? nameOf(guild, i.targetUser.id, w.t) : '',
				expires: i.expiresTimestamp ? w.time(i.expiresTimestamp) : w.t('page.never'),
			}));
		return { codes };
	} catch (error) {
		if (error instanceof DiscordAPIError) return { problem: w.t('codes.listRefused', { status: error.status }) };
		throw error;
	}
}

/** The invites section (views/codes.eta): live invites and the creation form. */
export async function renderCodesSection(
	guild: Guild,
	csrf: string,
	w: PageWords,
	state: CodesState = {},
): Promise<string> {
	const live = await liveCodes(guild, w);
	const channels = [...guild.channels.cache.values()]
		.filter(
			(c) =>
				c.type === ChannelType.GuildText ||
				c.type === ChannelType.GuildAnnouncement ||
				c.type === ChannelType.GuildVoice,
		)
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((c) => ({ id: c.id, name: c.name, reason: channelProblem(guild, c.id, w.t) }));
	const roles = [...guild.roles.cache.values()]
		.filter((r) => r.id !== guild.id)
		.sort((a, b) => b.rawPosition - a.rawPosition)
		.map((r) => ({ id: r.id, name: r.name, reason: assignProblem(r) ? w.t('codes.cannotGive') : null }));
	return plugin.views.render('codes', {
		locale: w.locale,
		base: pagePath(guild.id),
		csrf,
		codes: 'codes' in live ? live.codes : null,
		codesProblem: 'problem' in live ? live.problem : '',
		channels,
		roles,
		ages: MAX_AGES.map((value) => ({ value, label: w.t(`codes.ages.${value}`) })),
		message: state.message ?? null,
		created: state.created ?? null,
		values: state.values ?? EMPTY_INVITE_VALUES,
		errors: state.errors ?? {},
	});
}
