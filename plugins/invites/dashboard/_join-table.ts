import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';
import type { JoinRecord } from '../records/index.ts';
import { isoTime } from './_answer.ts';
import { evidenceOf } from './_evidence.ts';
import type { PageWords } from './_format.ts';
import { nameOf } from './_names.ts';
import { pagePath } from './_paths.ts';

/** A catalog text for a stored code (a source, a credit, a note), or the code itself when it has none. */
function worded(w: PageWords, key: string, code: string): string {
	const text = w.t(key);
	return text === key ? code : text;
}

/** One join as the tables show it: names resolved, times formatted, codes and candidates in words. */
export function joinRow(guild: Guild, j: JoinRecord, w: PageWords) {
	const candidates = j.candidates.map((c) =>
		c.code === null && c.inviterId === null
			? w.t(c.unseen ? 'table.unseenInvite' : 'reply.vanity')
			: `${nameOf(guild, c.inviterId, w.t) || w.t('table.nobody')} (${c.code ?? w.t('table.unseen')})`,
	);
	return {
		id: j.id,
		memberId: j.memberId,
		member: nameOf(guild, j.memberId, w.t),
		joined: w.time(j.joinedAt),
		joinedIso: isoTime(j.joinedAt),
		left: j.leftAt === null ? null : w.time(j.leftAt),
		leftIso: j.leftAt === null ? null : isoTime(j.leftAt),
		source: worded(w, `joins.sources.${j.source}`, j.source),
		offline: j.offline,
		unknownReason: j.unknownReason ? worded(w, `reply.why.${j.unknownReason}`, j.unknownReason) : null,
		inviterId: j.inviterId,
		inviter: nameOf(guild, j.inviterId, w.t),
		code: j.code,
		candidates: candidates.join(', '),
		credit: worded(w, `table.credit.${j.credit}`, j.credit),
		creditNote: j.creditNote ? worded(w, `table.notes.${j.creditNote}`, j.creditNote) : null,
		flags: j.flags.map((f) => ({ rule: worded(w, `joins.flags.${f.rule}`, f.rule), evidence: evidenceOf(f, w) })),
	};
}

/** The join table (views/join-table.eta) with its pager. */
export function renderJoinTable(
	guild: Guild,
	page: { items: JoinRecord[]; page: number; pages: number },
	href: (page: number) => string,
	empty: string,
	w: PageWords,
): string {
	return plugin.views.render('join-table', {
		locale: w.locale,
		base: pagePath(guild.id),
		rows: page.items.map((j) => joinRow(guild, j, w)),
		page: w.n(page.page),
		pages: w.n(page.pages),
		current: page.page,
		last: page.pages,
		href,
		empty,
	});
}
