import { DiscordAPIError, type GuildMember, RESTJSONErrorCodes, type Role } from 'discord.js';
import { addMemberRoles, assignProblem } from 'foyer';
import type { AutoRole } from './_rules.ts';
import { countFailure } from './_stats.ts';
import plugin from './plugin.ts';

/**
 * Gives a member the roles of `rules`, in their order, with at most one REST call: PUT for a single
 * role, one member PATCH carrying every role otherwise. Roles the member has are skipped (Discord may
 * send a join twice); roles Foyer may not give are never sent (a 403 per join would add up to an IP
 * ban in a raid) but counted as failures, as is a 50013 that slips through a stale cache.
 */
export async function assignRoles(member: GuildMember, rules: readonly AutoRole[]): Promise<void> {
	const guild = member.guild;
	// Notes for the dashboard and the audit log's reason: read by the server's admins, in its language.
	const t = plugin.translator({ guild: guild.id });
	const roles: Role[] = [];
	const refused: { roleId: string; reason: string }[] = [];
	for (const rule of rules) {
		if (member.roles.cache.has(rule.roleId)) continue;
		const role = guild.roles.cache.get(rule.roleId);
		const reason = role ? assignProblem(role) : t('assign.roleGone', { id: rule.roleId });
		if (!role || reason) refused.push({ roleId: rule.roleId, reason: reason as string });
		else roles.push(role);
	}
	const first = refused[0];
	if (first)
		await reportFailure(
			member,
			refused.map((r) => r.roleId),
			first.reason,
		);
	if (roles.length === 0) return;
	let outcome: Awaited<ReturnType<typeof addMemberRoles>>;
	try {
		// One call (PUT for one role, PATCH keeping the member's current roles for several), recorded
		// first: a crash while it waits for its rate-limit bucket does not lose it.
		outcome = await addMemberRoles({
			plugin: plugin.id,
			member,
			roleIds: roles.map((r) => r.id),
			reason: t('assign.auditReason'),
		});
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions) {
			const names = roles.map((r) => r.name).join(', ');
			const reason = t('assign.missingPermissions', { roles: names });
			await reportFailure(
				member,
				roles.map((r) => r.id),
				reason,
			);
			return;
		}
		throw error;
	}
	// 'gone': the member left between the join and the call; null: given already for this join.
	if (outcome === 'added') plugin.counters.add(guild.id, 'assigned', roles.length);
}

/** Counts the failure; warns once per distinct problem, and only at debug level while it repeats. */
async function reportFailure(member: GuildMember, roleIds: string[], reason: string): Promise<void> {
	const isNew = await countFailure(member.guild.id, roleIds.length, reason);
	const fields = { guild: member.guild.id, member: member.id, roles: roleIds };
	if (isNew) plugin.log.warn(fields, `Auto roles not given: ${reason}`);
	else plugin.log.debug(fields, `Auto roles not given (again): ${reason}`);
}
