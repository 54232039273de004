import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';
import type { JoinRecord } from '../records/index.ts';
import { isoTime, shortTime } from './_answer.ts';
import { nameOf } from './_names.ts';
import { pagePath } from './_paths.ts';

const CREDIT: Record<string, string> = {
	counted: 'valid',
	fake: 'fake',
	none: 'does not count',
	removed: 'removed by an admin',
};

/** One join as the tables show it: names resolved, times formatted, candidates in words. */
export function joinRow(guild: Guild, j: JoinRecord) {
	const candidates = j.candidates.map((c) =>
		c.code === null && c.inviterId === null
			? c.unseen
				? 'an unseen invite'
				: 'the vanity URL'
			: `${nameOf(guild, c.inviterId) || 'nobody'} (${c.code ?? 'unseen'})`,
	);
	return {
		id: j.id,
		memberId: j.memberId,
		member: nameOf(guild, j.memberId),
		joined: shortTime(j.joinedAt),
		joinedIso: isoTime(j.joinedAt),
		left: j.leftAt === null ? null : shortTime(j.leftAt),
		leftIso: j.leftAt === null ? null : isoTime(j.leftAt),
		source: j.source,
		offline: j.offline,
		unknownReason: j.unknownReason,
		inviterId: j.inviterId,
		inviter: nameOf(guild, j.inviterId),
		code: j.code,
		candidates: candidates.join(', '),
		credit: CREDIT[j.credit] ?? j.credit,
		creditNote: j.creditNote,
		flags: j.flags.map((f) => ({ rule: f.rule, evidence: f.evidence })),
	};
}

/** The join table (views/join-table.eta) with its pager. */
export function renderJoinTable(
	guild: Guild,
	page: { items: JoinRecord[]; page: number; pages: number },
	href: (page: number) => string,
	empty: string,
): string {
	return plugin.views.render('join-table', {
		base: pagePath(guild.id),
		rows: page.items.map((j) => joinRow(guild, j)),
		page: page.page,
		pages: page.pages,
		href,
		empty,
	});
}
