import type { Guild } from 'discord.js';
import type { Translate } from 'foyer';
import { configured } from '../_settings.ts';
import { gateProblems } from '../gate/_problems.ts';
import { countWaiting } from '../gate/_waiting.ts';
import { lockdownOf } from '../lockdown/_state.ts';
import plugin from '../plugin.ts';

/** `/verify status`: the gate's setup, the figures and what is wrong, in a few lines, in `t`'s language. */
export async function statusText(guild: Guild, t: Translate): Promise<string> {
	const s = plugin.settings(guild.id);
	const [counts, waiting, lockdown] = await Promise.all([
		plugin.counters.read(guild.id),
		countWaiting(guild.id),
		lockdownOf(guild.id),
	]);
	const on = plugin.enabledIn(guild.id) && configured(s);
	const role = (id: string | null) => (id ? `<@&${id}>` : t('status.none'));
	const mode = t(`settings.mode.choices.${s.mode}`);
	const lines = [
		on ? t('status.on', { mode, channel: `<#${s.channel}>` }) : t('status.off'),
		t('status.roles', { verified: role(s.verifiedRole), unverified: role(s.unverifiedRole) }),
		s.timeoutMinutes > 0 ? t('status.timeout', { minutes: s.timeoutMinutes }) : t('status.never'),
		t('status.figures', {
			waiting,
			verified: counts.verified ?? 0,
			skipped: counts.skipped ?? 0,
			kicked: counts.kicked ?? 0,
			wrong: counts.failedCaptchas ?? 0,
		}),
		lockdown
			? t('status.locked', { since: `<t:${Math.floor(lockdown.since / 1000)}:R>`, reason: lockdown.reason })
			: t('status.notLocked'),
		...gateProblems(guild, s, t).map((problem) => t('status.problem', { problem })),
	];
	return lines.join('\n');
}
