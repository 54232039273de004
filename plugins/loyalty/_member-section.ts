import { randomUUID } from 'node:crypto';
import type { Guild } from 'discord.js';
import { pagePath } from './_answer.ts';
import { balanceOf, history } from './_balances.ts';
import { actorName, nameOf } from './_names.ts';
import { nextTier, tierFor } from './_tier-input.ts';
import { listTiers } from './_tiers.ts';
import plugin from './plugin.ts';

export interface MemberSectionState {
	values?: { amount?: string; reason?: string };
	errors?: { amount?: string; reason?: string };
	message?: { kind: 'ok' | 'error'; text: string } | null;
}

export const PAGE_SIZE = 20;

const when = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A member's balance, tier, next tier and ledger page, with the adjustment form. */
export async function renderMemberSection(
	guild: Guild,
	userId: string,
	page: number,
	csrf: string,
	state: MemberSectionState = {},
): Promise<string> {
	const locale = plugin.language(guild.id);
	const t = plugin.translator({ locale });
	const points = (await balanceOf(guild.id, userId))?.points ?? 0;
	const tiers = await listTiers(guild.id);
	const tier = tierFor(tiers, points);
	const next = nextTier(tiers, points);
	const lines = await history(guild.id, userId, page, PAGE_SIZE);
	const base = pagePath(guild.id);
	const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
	return plugin.views.render('member', {
		locale,
		base,
		csrf,
		userId,
		name: nameOf(guild, userId, t),
		points,
		tier: tier?.name ?? null,
		next: next ? { name: next.name, missing: next.threshold - points } : null,
		lines: lines.items.map((l) => ({
			...l,
			when: when(l.at),
			by: actorName(guild, l.actor, t),
			reason: t(`reasons.${l.reason}`),
			signed: signed.format(l.amount),
			balanceAfter: l.balanceAfter.toLocaleString(locale),
		})),
		page: lines.page,
		pages: lines.pages,
		total: lines.total,
		href: (p: number) => `${base}/members?user=${userId}&page=${p}`,
		// A fresh id per form: submitting the same form twice records the adjustment once.
		nonce: randomUUID(),
		message: state.message ?? null,
		values: { amount: '', reason: '', ...state.values },
		errors: state.errors ?? {},
	});
}
