import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Guild } from 'discord.js';
import { assignProblem, type Translate } from 'foyer';
import { ensureGuild } from './_guild-row.ts';
import { scheduleResync } from './_resync-schedule.ts';
import { retireRole } from './_retired-roles.ts';
import { num, sqlOn } from './_sql.ts';
import { MAX_TIERS, parseTierInput, type Tier, type TierErrors } from './_tier-input.ts';
import { LoyaltyTier } from './entities/loyalty-tier.ts';
import plugin from './plugin.ts';

export type TierResult = { ok: true; tier: Tier } | { ok: false; errors: TierErrors };

// Only this module writes tiers, so a copy per guild stays exact (a reload starts it empty).
const cache = new Map<string, readonly Tier[]>();

function toTier(row: { id: number; name: string; threshold: number; roleId?: string | null; benefits?: string }): Tier {
	return {
		id: row.id,
		name: row.name,
		threshold: Number(row.threshold),
		roleId: row.roleId ?? null,
		benefits: row.benefits ?? '',
	};
}

/** The guild's tiers as stored, lowest threshold first (the defaults on first use); uncached. */
export async function readTiers(guildId: string): Promise<readonly Tier[]> {
	await ensureGuild(guildId);
	const rows = await sqlOn(plugin.em())(
		'select id, name, threshold, role_id, benefits from loyalty_tiers where guild_id = ? order by threshold',
		[guildId],
	);
	return Object.freeze(
		rows.map((r) =>
			Object.freeze(
				toTier({
					id: num(r.id) ?? 0,
					name: String(r.name),
					threshold: num(r.threshold) ?? 0,
					roleId: r.role_id === null ? null : String(r.role_id),
					benefits: String(r.benefits ?? ''),
				}),
			),
		),
	);
}

/** The guild's tiers, lowest threshold first, from memory after the first read. */
export async function listTiers(guildId: string): Promise<readonly Tier[]> {
	const cached = cache.get(guildId);
	if (cached) return cached;
	const tiers = await readTiers(guildId);
	cache.set(guildId, tiers);
	return tiers;
}

/** The role checks only the guild can answer: it exists, Foyer may give it, no other tier has it. */
function roleError(
	guild: Guild,
	roleId: string | null,
	tiers: readonly Tier[],
	self: number | null,
	t: Translate,
): string | null {
	if (!roleId) return null;
	const role = guild.roles.cache.get(roleId);
	if (!role) return t('tiers.errors.roleMissing');
	const other = tiers.find((t) => t.roleId === roleId && t.id !== self);
	if (other) return t('tiers.errors.roleTaken', { tier: other.name, role: role.name });
	return assignProblem(role, t.locale);
}

function clash(
	tiers: readonly Tier[],
	input: { name: string; threshold: number },
	self: number | null,
	t: Translate,
): TierErrors {
	const errors: TierErrors = {};
	const sameName = tiers.find((t) => t.id !== self && t.name.toLowerCase() === input.name.toLowerCase());
	if (sameName) errors.name = t('tiers.errors.sameName', { name: sameName.name });
	const sameThreshold = tiers.find((t) => t.id !== self && t.threshold === input.threshold);
	if (sameThreshold)
		errors.threshold = t('tiers.errors.sameThreshold', { name: sameThreshold.name, threshold: input.threshold });
	return errors;
}

/** Adds a tier after checking the input, the role (hierarchy) and clashes with the other tiers. */
export async function addTier(guild: Guild, raw: Record<string, unknown>, t: Translate): Promise<TierResult> {
	const parsed = parseTierInput(raw, t);
	const tiers = await listTiers(guild.id);
	const errors: TierErrors = parsed.ok ? clash(tiers, parsed.value, null, t) : { ...parsed.errors };
	const role = parsed.ok ? roleError(guild, parsed.value.roleId, tiers, null, t) : null;
	if (role) errors.role = role;
	if (tiers.length >= MAX_TIERS) errors.name = t('tiers.errors.tooMany', { max: MAX_TIERS });
	if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors };
	return write(guild.id, t, async () => {
		const em = plugin.em();
		const row = em.create(LoyaltyTier, { guildId: guild.id, ...parsed.value });
		await em.flush();
		return toTier(row);
	});
}

/** Changes a tier (name, threshold, role, benefits) with the same checks as adding one. */
export async function updateTier(
	guild: Guild,
	id: number,
	raw: Record<string, unknown>,
	t: Translate,
): Promise<TierResult> {
	const tiers = await listTiers(guild.id);
	const current = tiers.find((t) => t.id === id);
	if (!current) return { ok: false, errors: { name: t('tiers.gone') } };
	const parsed = parseTierInput(raw, t);
	const errors: TierErrors = parsed.ok ? clash(tiers, parsed.value, id, t) : { ...parsed.errors };
	const role = parsed.ok ? roleError(guild, parsed.value.roleId, tiers, id, t) : null;
	if (role) errors.role = role;
	if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors };
	return write(guild.id, t, async () => {
		await plugin.em().nativeUpdate(LoyaltyTier, { id, guildId: guild.id }, parsed.value);
		if (current.roleId && current.roleId !== parsed.value.roleId) await retireRole(guild.id, current.roleId);
		return { id, ...parsed.value };
	});
}

/** Removes a tier; members who had it move to the tier their points reach now. */
export async function removeTier(guildId: string, id: number): Promise<Tier | null> {
	const current = (await listTiers(guildId)).find((t) => t.id === id);
	if (!current) return null;
	const removed = await plugin.em().nativeDelete(LoyaltyTier, { id, guildId });
	if (removed > 0 && current.roleId) await retireRole(guildId, current.roleId);
	await afterTierChange(guildId);
	return removed > 0 ? current : null;
}

async function write(guildId: string, t: Translate, change: () => Promise<Tier>): Promise<TierResult> {
	try {
		const tier = await change();
		await afterTierChange(guildId);
		return { ok: true, tier };
	} catch (error) {
		cache.delete(guildId);
		// Two admins saving at once: the unique indexes decide.
		if (error instanceof UniqueConstraintViolationException)
			return { ok: false, errors: { name: t('tiers.errors.race') } };
		throw error;
	}
}

/**
 * Tiers changed: every member's tier is recomputed from their points and their roles checked again.
 * Their DM state follows silently: moving a threshold is not an achievement to congratulate.
 */
async function afterTierChange(guildId: string): Promise<void> {
	cache.delete(guildId);
	const sql = sqlOn(plugin.em());
	await sql(
		`update loyalty_balances set tier_threshold = (select max(t.threshold) from loyalty_tiers t
		  where t.guild_id = loyalty_balances.guild_id and t.threshold <= loyalty_balances.points)
		 where guild_id = ?`,
		[guildId],
	);
	await sql(
		`update loyalty_balances set dm_threshold = tier_threshold, roles_threshold = -2
		 where guild_id = ? and (tier_threshold is not null or roles_threshold is not null)`,
		[guildId],
	);
	await scheduleResync(guildId);
}
