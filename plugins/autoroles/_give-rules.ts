import type { GuildMember } from 'discord.js';
import { assignRoles } from './_assign.ts';
import { scheduleDelayed } from './_jobs.ts';
import { listRules, rulesFor } from './_rules.ts';
import plugin from './plugin.ts';

/** A member's rules: the delayed ones scheduled (from `from`, default the join), the others given now. */
export async function giveRules(member: GuildMember, from?: number): Promise<void> {
	const rules = rulesFor(await listRules(member.guild.id), member.user.bot);
	if (rules.length === 0) return;
	// Persist the delayed part first: if giving the immediate roles fails, the later ones still come.
	await scheduleDelayed(
		member,
		rules.filter((r) => r.delaySeconds > 0),
		from,
	);
	await assignRoles(
		member,
		rules.filter((r) => r.delaySeconds === 0),
	);
}

/** Whether this member's roles wait for `verification:verified` (the option is on and the gate is). */
export async function waitsForVerification(member: GuildMember): Promise<boolean> {
	if (!plugin.settings(member.guild.id).waitForVerification || member.user.bot) return false;
	if (!plugin.hasService('verification')) return false;
	return plugin.service('verification').gates(member.guild.id);
}
