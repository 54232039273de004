import type { EntityManager } from '@mikro-orm/core';
import { sqlOn } from './_sql.ts';
import plugin from './plugin.ts';

interface Retired {
	id: string;
	at: number;
}

const parse = (text: unknown): Retired[] => {
	try {
		const list = JSON.parse(String(text ?? '[]')) as Retired[];
		return Array.isArray(list) ? list.filter((r) => typeof r?.id === 'string' && typeof r.at === 'number') : [];
	} catch {
		return [];
	}
};

/** Roles of tiers changed or removed, which loyalty still takes from members who no longer deserve them. */
export async function retiredRoles(guildId: string, em: EntityManager = plugin.em()): Promise<string[]> {
	const [row] = await sqlOn(em)('select retired_roles from loyalty_guilds where guild_id = ?', [guildId]);
	return parse(row?.retired_roles).map((r) => r.id);
}

/** A tier stopped giving `roleId` (the admin chose another role, or removed the tier). */
export async function retireRole(guildId: string, roleId: string): Promise<void> {
	const sql = sqlOn(plugin.em());
	const [row] = await sql('select retired_roles from loyalty_guilds where guild_id = ?', [guildId]);
	const list = parse(row?.retired_roles).filter((r) => r.id !== roleId);
	list.push({ id: roleId, at: plugin.now() });
	await sql('update loyalty_guilds set retired_roles = ? where guild_id = ?', [JSON.stringify(list), guildId]);
}

/**
 * Forgets roles retired before `before`: a resync pass that started then has seen every member
 * marked at their retirement, so none of them still has such a role from loyalty.
 */
export async function forgetRetired(guildId: string, before: number): Promise<void> {
	const sql = sqlOn(plugin.em());
	const [row] = await sql('select retired_roles from loyalty_guilds where guild_id = ?', [guildId]);
	const list = parse(row?.retired_roles);
	const kept = list.filter((r) => r.at >= before);
	if (kept.length !== list.length)
		await sql('update loyalty_guilds set retired_roles = ? where guild_id = ?', [JSON.stringify(kept), guildId]);
}
