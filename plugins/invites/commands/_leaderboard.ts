import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import plugin from '../plugin.ts';
import { leaderboard } from '../records/counts.ts';
import { fmt, mention } from './_context.ts';

const PAGE = 10;
/** `invites-lb:<page>`: the leaderboard's page buttons (one handler turns every message's pages). */
export const LEADERBOARD_BUTTON = 'invites-lb:';

/**
 * One page of the invite leaderboard, with Previous / Next buttons, in the server's language (the
 * message is for everyone in the channel). Members are mentioned, and the caller pings nobody.
 */
export async function leaderboardMessage(guildId: string, page: number) {
	const t = (key: string, vars?: Record<string, string | number>) =>
		plugin.t(`reply.${key}`, { guild: guildId, ...(vars ? { vars } : {}) });
	const { rows, total } = await leaderboard(guildId, page, PAGE);
	const pages = Math.max(1, Math.ceil(total / PAGE));
	if (total === 0) return { content: t('leaderboardEmpty'), components: [] };
	if (!rows.length) return { content: t('leaderboardPageTooFar', { pages }), components: [] };
	const lines = rows.map((r) => t('leaderboardLine', { ...r, who: mention(r.inviterId), effective: fmt(r.effective) }));
	const content = [t('leaderboardHead', { page, pages }), ...lines].join('\n');
	if (pages === 1) return { content, components: [] };
	const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
		new ButtonBuilder()
			.setCustomId(`${LEADERBOARD_BUTTON}${page - 1}`)
			.setLabel(t('previous'))
			.setStyle(ButtonStyle.Secondary)
			.setDisabled(page <= 1),
		new ButtonBuilder()
			.setCustomId(`${LEADERBOARD_BUTTON}${page + 1}`)
			.setLabel(t('next'))
			.setStyle(ButtonStyle.Secondary)
			.setDisabled(page >= pages),
	);
	return { content, components: [row] };
}
