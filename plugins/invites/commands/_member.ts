import { type Invite, time } from 'discord.js';
import plugin from '../plugin.ts';
import { countsOf } from '../records/counts.ts';
import { latestJoinOf } from '../records/joins.ts';
import { personalInvites } from '../records/personal.ts';
import { listRanks, rankRolesFor } from '../records/ranks.ts';
import { fmt, type InviteContext, mention, roleMention } from './_context.ts';
import { leaderboardMessage } from './_leaderboard.ts';

const target = (c: InviteContext) => c.interaction.options.getUser('user') ?? c.interaction.user;

/** /invite view [user]: tracked, left, fake, added and effective (seed 000's formula). */
export async function view(c: InviteContext) {
	const user = target(c);
	const n = await countsOf(c.guild.id, user.id);
	const lines = [c.pub('view', { who: mention(user.id), ...n })];
	if (n.imported) lines.push(c.pub('viewImported', { imported: n.imported }));
	return c.say(lines.join('\n'));
}

/** The guild's invites that are a member's: those they created, and their personal invite (created by Foyer). */
export async function invitesOf(c: InviteContext, userId: string): Promise<{ invite: Invite; personal: boolean }[]> {
	const personal = await personalInvites(c.guild.id);
	const all = await c.guild.invites.fetch({ cache: false });
	return [...all.values()]
		.map((invite) => ({ invite, personal: personal.get(invite.code) === userId }))
		.filter(({ invite, personal: p }) => p || invite.inviterId === userId);
}

/** /invite codes [user]: their live invites with uses (Discord's, so Manage Server is needed). */
export async function codes(c: InviteContext) {
	const user = target(c);
	const list = await invitesOf(c, user.id).catch(() => null);
	if (!list) return c.say(c.pub('codesNoPermission'));
	const now = plugin.now();
	const live = list.filter(({ invite }) => invite.expiresTimestamp === null || invite.expiresTimestamp > now);
	if (!live.length) return c.say(c.pub('codesNone', { who: mention(user.id) }));
	const lines = live
		.sort((a, b) => (b.invite.uses ?? 0) - (a.invite.uses ?? 0))
		.slice(0, 25)
		.map(({ invite, personal }) => {
			const max = invite.maxUses ? c.pub('codesMax', { max: invite.maxUses }) : '';
			const expires = invite.expiresTimestamp
				? c.pub('codesExpires', { when: time(Math.floor(invite.expiresTimestamp / 1000), 'R') })
				: '';
			const line = c.pub('codesLine', { code: invite.code, uses: invite.uses ?? 0, max, expires });
			return personal ? line + c.pub('codesPersonal') : line;
		});
	return c.say([c.pub('codesHead', { who: mention(user.id) }), ...lines].join('\n'));
}

/** /invite inviter [user]: the inviter and code, or plainly unknown / ambiguous with the candidates. */
export async function inviter(c: InviteContext) {
	const user = target(c);
	const member = mention(user.id);
	const join = await latestJoinOf(c.guild.id, user.id);
	if (!join) return c.say(c.pub('inviterNone', { member }));
	if (join.source === 'invite' && join.inviterId) {
		const inv = mention(join.inviterId);
		return c.say(
			join.code
				? c.pub('inviterInvite', { member, inviter: inv, code: join.code })
				: c.pub('inviterInviteNoCode', { member, inviter: inv }),
		);
	}
	if (join.source === 'vanity') return c.say(c.pub('inviterVanity', { member }));
	if (join.source === 'ambiguous' || (join.source === 'offline' && join.candidates.length > 1)) {
		const candidates = join.candidates
			.map((k) =>
				k.code === null ? c.pub('vanity') : k.inviterId ? `${mention(k.inviterId)} (\`${k.code}\`)` : `\`${k.code}\``,
			)
			.join(', ');
		return c.say(c.pub('inviterAmbiguous', { member, candidates }));
	}
	// unknown (with the engine's reason), offline without candidates, or not decided yet.
	const why =
		join.source === 'unknown'
			? join.unknownReason
			: join.source === 'offline' || join.source === 'pending'
				? join.source
				: null;
	return c.say(
		why ? c.pub('inviterUnknownWhy', { member, why: c.pub(`why.${why}`) }) : c.pub('inviterUnknown', { member }),
	);
}

/** /invite leaderboard [page]: inviters by effective invites, 10 a page, with page buttons. */
export async function board(c: InviteContext) {
	const page = c.interaction.options.getInteger('page') ?? 1;
	return c.interaction.reply({ ...(await leaderboardMessage(c.guild.id, page)), allowedMentions: { parse: [] } });
}

/** /invite ranks: the ranks, which the member reached, and how far the next one is. */
export async function ranks(c: InviteContext) {
	const list = await listRanks(c.guild.id);
	if (!list.length) return c.say(c.pub('ranksNone'));
	const s = plugin.settings(c.guild.id);
	const { effective } = await countsOf(c.guild.id, c.interaction.user.id);
	const mode = c.pub(s.rankMode === 'highest' ? 'modeHighest' : 'modeStack');
	const given = new Set(rankRolesFor(list, effective, 'stack'));
	const lines = [c.pub('ranksHead', { mode })];
	if (!s.ranks) lines.push(c.pub('ranksOff'));
	for (const r of list)
		lines.push(
			c.pub('ranksLine', {
				role: roleMention(r.roleId),
				invites: fmt(r.invites),
				reached: given.has(r.roleId) ? c.pub('ranksReached') : '',
			}),
		);
	lines.push(c.pub('ranksProgress', { who: mention(c.interaction.user.id), effective }));
	const next = list.find((r) => r.invites > effective);
	lines.push(
		next
			? c.pub('ranksNext', {
					role: roleMention(next.roleId),
					invites: fmt(next.invites),
					left: next.invites - effective,
				})
			: c.pub('ranksTop'),
	);
	return c.say(lines.join('\n'));
}
