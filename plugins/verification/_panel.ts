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

const ACTIONS: Record<string, string> = {
	verified: 'Verified',
	kicked: 'Removed',
	left: 'Left',
	'not-kicked': 'Not removed',
	'lockdown-on': 'Lockdown',
	'lockdown-off': 'Lockdown lifted',
};

/**
 * The page's own section: the lockdown, the members waiting (deadline, verify now / remove now) and
 * the log. Its own htmx target: every action answers it whole, so page and fragment agree.
 */
export async function renderPanel(guild: Guild, csrf: string, message: PanelMessage | null = null): Promise<string> {
	const now = plugin.now();
	const [waiting, total, journal, lockdown] = await Promise.all([
		listWaiting(guild.id, 100),
		countWaiting(guild.id),
		recentJournal(guild.id, 50),
		lockdownOf(guild.id),
	]);
	return plugin.views.render('panel', {
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
			stage: w.stage === 'screening' ? 'In Discord’s membership screening' : 'Waiting',
			deadline: w.deadlineAt === null ? 'none' : `${utc(w.deadlineAt)} (${until(w.deadlineAt, now)})`,
		})),
		more: total - waiting.length,
		total,
		journal: journal.map((e) => ({
			at: utc(e.at),
			action: ACTIONS[e.action] ?? e.action,
			who: e.username ? `${e.username} (${e.userId})` : '',
			reason: e.reason,
		})),
	});
}
