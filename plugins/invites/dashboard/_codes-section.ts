import { ChannelType, DiscordAPIError, type Guild } from 'discord.js';
import { assignProblem } from 'foyer';
import plugin from '../plugin.ts';
import { shortTime } from './_answer.ts';
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
	uses: number;
	maxUses: number;
	roles: string;
	targets: string;
	expires: string;
}

/** The guild's live invites as Discord lists them (needs Manage Server), or why they cannot be read. */
export async function liveCodes(guild: Guild): Promise<{ codes: CodeRow[] } | { problem: string }> {
	try {
		const invites = await guild.invites.fetch({ cache: false });
		const codes = [...invites.values()]
			.sort((a, b) => (b.createdTimestamp ?? 0) - (a.createdTimestamp ?? 0))
			.map((i) => ({
				code: i.code,
				inviterId: i.inviterId,
				inviter: nameOf(guild, i.inviterId),
				channel: i.channel && 'name' in i.channel ? (i.channel.name ?? '') : '',
				uses: i.uses ?? 0,
				maxUses: i.maxUses ?? 0,
				roles: [...(i.roles?.values() ?? [])].map((r) => r.name).join(', '),
				targets: i.targetUser ? nameOf(guild, i.targetUser.id) : '',
				expires: i.expiresTimestamp ? shortTime(i.expiresTimestamp) : 'never',
			}));
		return { codes };
	} catch (error) {
		if (error instanceof DiscordAPIError)
			return {
				problem: `Discord refused to list the invites (${error.status}): Foyer needs Manage Server to read them.`,
			};
		throw error;
	}
}

/** The invites section (views/codes.eta): live invites and the creation form. */
export async function renderCodesSection(guild: Guild, csrf: string, state: CodesState = {}): Promise<string> {
	const live = await liveCodes(guild);
	const channels = [...guild.channels.cache.values()]
		.filter(
			(c) =>
				c.type === ChannelType.GuildText ||
				c.type === ChannelType.GuildAnnouncement ||
				c.type === ChannelType.GuildVoice,
		)
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((c) => ({ id: c.id, name: c.name, reason: channelProblem(guild, c.id) }));
	const roles = [...guild.roles.cache.values()]
		.filter((r) => r.id !== guild.id)
		.sort((a, b) => b.rawPosition - a.rawPosition)
		.map((r) => ({ id: r.id, name: r.name, reason: assignProblem(r) ? 'Foyer cannot give it' : null }));
	return plugin.views.render('codes', {
		base: pagePath(guild.id),
		csrf,
		codes: 'codes' in live ? live.codes : null,
		codesProblem: 'problem' in live ? live.problem : '',
		channels,
		roles,
		ages: MAX_AGES,
		message: state.message ?? null,
		created: state.created ?? null,
		values: state.values ?? EMPTY_INVITE_VALUES,
		errors: state.errors ?? {},
	});
}
