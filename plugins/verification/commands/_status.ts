import type { Guild } from 'discord.js';
import { configured } from '../_settings.ts';
import { gateProblems } from '../gate/_problems.ts';
import { countWaiting } from '../gate/_waiting.ts';
import { lockdownOf } from '../lockdown/_state.ts';
import plugin from '../plugin.ts';

/** `/verify status`: the gate's setup, the figures and what is wrong, in a few lines. */
export async function statusText(guild: Guild): Promise<string> {
	const s = plugin.settings(guild.id);
	const [counts, waiting, lockdown] = await Promise.all([
		plugin.counters.read(guild.id),
		countWaiting(guild.id),
		lockdownOf(guild.id),
	]);
	const on = plugin.enabledIn(guild.id) && configured(s);
	const role = (id: string | null) => (id ? `<@&${id}>` : 'none');
	const lines = [
		on ? `The gate is on: ${s.mode} mode in <#${s.channel}>.` : 'The gate is off in this server.',
		`Verified role: ${role(s.verifiedRole)}; unverified role: ${role(s.unverifiedRole)}.`,
		s.timeoutMinutes > 0
			? `Members who do not verify within ${s.timeoutMinutes} minutes are removed.`
			: 'Members are never removed for not verifying.',
		`Waiting now: ${waiting}. Verified: ${counts.verified ?? 0}, skipped: ${counts.skipped ?? 0}, removed: ${counts.kicked ?? 0}, wrong captcha answers: ${counts.failedCaptchas ?? 0}.`,
		lockdown ? `Locked down since <t:${Math.floor(lockdown.since / 1000)}:R>: ${lockdown.reason}` : 'No lockdown.',
		...gateProblems(guild, s).map((p) => `Problem: ${p}`),
	];
	return lines.join('\n');
}
