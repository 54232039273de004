import type { GuildMember } from 'discord.js';
import type { VerificationSettings } from '../_settings.ts';
import { roleProblem } from './_problems.ts';
import { whileHeld } from './_role-queue.ts';

export class GateRoleError extends Error {}

// Guilds where this process already sent a member PATCH: discord.js knows that route's bucket there.
const patched = new Set<string>();

const REASON = 'Verification';

/**
 * The unverified role away and the verified role given, in one REST call: a PATCH of the member's
 * roles when both change, a single PUT or DELETE when only one does, nothing when neither.
 */
export async function passGateRoles(
	member: GuildMember,
	s: VerificationSettings,
	gaveUnverified: boolean,
): Promise<void> {
	const has = (id: string) => member.roles.cache.has(id);
	// A role Foyer just gave may not be in discord.js's cache yet (the gateway's update comes after
	// the REST answer): a member at the gate is taken off it whatever the cache says.
	const remove = s.unverifiedRole && (gaveUnverified || has(s.unverifiedRole)) ? s.unverifiedRole : null;
	const add = s.verifiedRole && !has(s.verifiedRole) ? s.verifiedRole : null;
	if (!add && !remove) return;
	const problem = roleProblem(member.guild, s);
	if (problem) throw new GateRoleError(problem);
	if (add && remove) {
		const kept = [...member.roles.cache.keys()].filter((id) => id !== member.guild.id && id !== remove);
		const patch = () => member.roles.set([...kept, add], REASON);
		if (patched.has(member.guild.id)) await patch();
		else {
			await whileHeld(member.guild.id, patch);
			patched.add(member.guild.id);
		}
	} else if (add) await member.roles.add(add, REASON);
	else if (remove) await member.roles.remove(remove, REASON);
}

/** The unverified role, given on join (nothing in "verified role only" mode). */
export async function giveUnverified(member: GuildMember, s: VerificationSettings): Promise<void> {
	if (!s.unverifiedRole || member.roles.cache.has(s.unverifiedRole)) return;
	// Only this role matters here: a broken verified role must not leave new members ungated.
	const problem = roleProblem(member.guild, s, 'unverified');
	if (problem) throw new GateRoleError(problem);
	await member.roles.add(s.unverifiedRole, REASON);
}
