import { DiscordAPIError, type Guild, type GuildMember, RESTJSONErrorCodes, type Role } from 'discord.js';
import { assignProblem } from 'foyer';
import { retiredRoles } from './_retired-roles.ts';
import { num, sqlOn } from './_sql.ts';
import type { Tier } from './_tier-input.ts';
import { listTiers } from './_tiers.ts';
import plugin from './plugin.ts';

// One sync at a time per member, so two passes never send opposite role changes.
const running = new Map<string, Promise<void>>();

/**
 * Brings one member's tier roles and congratulation DM in line with their points (read fresh):
 * roles of tiers they no longer reach are removed, roles of reached tiers given (all of them in
 * stack mode, the highest tier's in highest mode), and a DM sent when the tier is higher than the
 * last one they were congratulated on. Safe to run any number of times.
 */
export function syncMember(guild: Guild, userId: string): Promise<void> {
	const key = `${guild.id}:${userId}`;
	const next = (running.get(key) ?? Promise.resolve()).then(() => sync(guild, userId));
	const settled = next.catch(() => undefined);
	running.set(key, settled);
	void settled.then(() => {
		if (running.get(key) === settled) running.delete(key);
	});
	return next;
}

async function memberOf(guild: Guild, userId: string): Promise<GuildMember | null> {
	try {
		return await guild.members.fetch(userId);
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return null;
		throw error;
	}
}

async function sync(guild: Guild, userId: string): Promise<void> {
	const sql = sqlOn(plugin.em());
	const [row] = await sql(
		'select points, tier_threshold, roles_threshold, dm_threshold from loyalty_balances where guild_id = ? and user_id = ?',
		[guild.id, userId],
	);
	if (!row) return;
	const target = num(row.tier_threshold);
	const points = num(row.points) ?? 0;
	const tiers = await listTiers(guild.id);
	const member = await memberOf(guild, userId);
	if (member && !member.user.bot) {
		await syncRoles(member, tiers, target);
		const upgraded = (target ?? -1) > (num(row.dm_threshold) ?? -1);
		const tier = tiers.find((t) => t.threshold === target);
		if (upgraded && tier && plugin.settings(guild.id).congratulate) await congratulate(member, tier, points);
	}
	// The DM state is what was just done. The roles state only if nobody marked the member meanwhile
	// (a rejoin, a tier edit): then the roles must be looked at again, by the resync that mark asked for.
	await sql(
		`update loyalty_balances set dm_threshold = ?,
		   roles_threshold = case when coalesce(roles_threshold, -3) = coalesce(?, -3) then ? else roles_threshold end
		 where guild_id = ? and user_id = ?`,
		[target, num(row.roles_threshold), target, guild.id, userId],
	);
}

/** The tier roles a member should have: every reached tier's (stack) or the highest reached tier's. */
export function wantedRoles(tiers: readonly Tier[], target: number | null, mode: 'stack' | 'highest'): Set<string> {
	const reached = tiers.filter((t) => target !== null && t.threshold <= target && t.roleId);
	const chosen = mode === 'stack' ? reached : reached.slice(-1);
	return new Set(chosen.map((t) => t.roleId as string));
}

async function syncRoles(member: GuildMember, tiers: readonly Tier[], target: number | null): Promise<void> {
	const guild = member.guild;
	const wanted = wantedRoles(
		[...tiers].sort((a, b) => a.threshold - b.threshold),
		target,
		plugin.settings(guild.id).roleMode,
	);
	const managed = new Set([...tiers.flatMap((t) => (t.roleId ? [t.roleId] : [])), ...(await retiredRoles(guild.id))]);
	const has = member.roles.cache;
	const add = [...wanted].filter((id) => !has.has(id));
	const remove = [...managed].filter((id) => has.has(id) && !wanted.has(id));
	const ok: { role: Role; add: boolean }[] = [];
	for (const [ids, isAdd] of [
		[add, true],
		[remove, false],
	] as const)
		for (const id of ids) {
			const role = guild.roles.cache.get(id);
			const problem = role ? assignProblem(role) : plugin.t('sync.roleGone', { guild: guild.id, vars: { id } });
			if (!role || problem) await roleFailure(member, problem as string);
			else ok.push({ role, add: isAdd });
		}
	if (ok.length === 0) return;
	// The audit log's reason, read by the server's moderators.
	const reason = plugin.t('sync.auditReason', { guild: guild.id });
	try {
		const [only] = ok;
		if (ok.length === 1 && only) {
			if (only.add) await member.roles.add(only.role, reason);
			else await member.roles.remove(only.role, reason);
		} else {
			const drop = new Set(ok.filter((o) => !o.add).map((o) => o.role.id));
			const kept = [...has.keys()].filter((id) => id !== guild.id && !drop.has(id));
			await member.roles.set([...kept, ...ok.filter((o) => o.add).map((o) => o.role.id)], reason);
		}
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions) {
			const names = ok.map((o) => o.role.name).join(', ');
			await roleFailure(member, plugin.t('sync.missingPermissions', { guild: guild.id, vars: { roles: names } }));
			return;
		}
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return;
		throw error;
	}
	const given = ok.filter((o) => o.add).length;
	if (given) plugin.counters.add(guild.id, 'rolesGiven', given);
	if (ok.length - given) plugin.counters.add(guild.id, 'rolesRemoved', ok.length - given);
}

async function roleFailure(member: GuildMember, reason: string): Promise<void> {
	plugin.counters.add(member.guild.id, 'rolesFailed');
	const fields = { guild: member.guild.id, member: member.id };
	const note = plugin.t('sync.roleFailed', { guild: member.guild.id, vars: { reason } });
	if (await plugin.counters.note(member.guild.id, note)) plugin.log.warn(fields, `Tier role not changed: ${reason}`);
	else plugin.log.debug(fields, `Tier role not changed (again): ${reason}`);
}

/** Seed 004 section 6's congratulation DM; closed DMs are the member's choice, counted, not errors. */
async function congratulate(member: GuildMember, tier: Tier, points: number): Promise<void> {
	const template = plugin.settings(member.guild.id).congratulation;
	const rendered = await plugin.renderTemplate(template, member);
	try {
		await member.send({ content: rendered.content, allowedMentions: rendered.allowedMentions });
		plugin.counters.add(member.guild.id, 'dmsSent');
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
			plugin.counters.add(member.guild.id, 'dmsClosed');
			plugin.log.debug(
				{ guild: member.guild.id, member: member.id, tier: tier.name, points },
				'Member does not accept DMs',
			);
			return;
		}
		plugin.counters.add(member.guild.id, 'dmsFailed');
		plugin.log.warn({ guild: member.guild.id, member: member.id, err: error }, 'Congratulation DM not sent');
	}
}
