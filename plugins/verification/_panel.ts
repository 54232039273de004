import type { Guild } from 'discord.js';
import { until, utc } from './_time.ts';
import { recentJournal } from './gate/_journal.ts';
import { countWaiting, listWaiting } from './gate/_waiting.ts';
import { lockdownOf } from './lockdown/_state.ts';
import plugin from './plugin.ts';

export const pagePath = (guildId: string) => `/${plugin.id}/${guildId}`;

export interface PanelMessage {
	kind: 'ok' | 'error';
	text: string;
}

const ACTIONS = new Set(['verified', 'kicked', 'left', 'not-kicked', 'lockdown-on', 'lockdown-off']);

/**
 * The page's own section: the lockdown, the members waiting (deadline, verify now / remove now) and
 * the log. Its own htmx target: every action answers it whole, so page and fragment agree. In `locale`,
 * the page's (the log's reasons stay as they were written, in the server's language then).
 */
export async function renderPanel(
	guild: Guild,
	csrf: string,
	locale: string,
	message: PanelMessage | null = null,
): Promise<string> {
	const t = plugin.translator({ locale });
	const now = plugin.now();
	const [waiting, total, journal, lockdown] = await Promise.all([
		listWaiting(guild.id, 100),
		countWaiting(guild.id),
		recentJournal(guild.id, 50),
		lockdownOf(guild.id),
	]);
	return plugin.views.render('panel', {
		locale,
		base: pagePath(guild.id),
		csrf,
		message,
		lockdown: lockdown && {
			since: utc(lockdown.since),
			reason: lockdown.reason,
			automatic: lockdown.automatic,
			captcha: lockdown.captcha,
			invitesPausedUntil: lockdown.invitesPausedUntil ? utc(lockdown.invitesPausedUntil) : null,
		},
		waiting: waiting.map((w) => ({
			userId: w.userId,
			username: w.username,
			joined: utc(w.joinedAt),
			stage: t(w.stage === 'screening' ? 'panel.screening' : 'panel.waiting'),
			deadline: w.deadlineAt === null ? t('panel.noDeadline') : `${utc(w.deadlineAt)} (${until(w.deadlineAt, now)})`,
		})),
		more: total - waiting.length,
		total,
		journal: journal.map((e) => ({
			at: utc(e.at),
			action: ACTIONS.has(e.action) ? t(`panel.actionsLog.${e.action}`) : e.action,
			who: e.username ? `${e.username} (${e.userId})` : '',
			reason: e.reason,
		})),
	});
}
