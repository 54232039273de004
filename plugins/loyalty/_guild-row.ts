import { transaction } from './_sql.ts';
import { DEFAULT_TIERS } from './_tier-input.ts';
import plugin from './plugin.ts';

// Guilds whose row (and default tiers) exist: checked once per guild and process.
const ensured = new Set<string>();

/**
 * Creates the guild's loyalty row and its default tiers the first time the guild uses loyalty, in
 * one transaction (concurrent first deliveries: one creates, the others wait for it and find it).
 */
export async function ensureGuild(guildId: string): Promise<void> {
	if (ensured.has(guildId)) return;
	await transaction(async (sql) => {
		const created = await sql(
			'insert into loyalty_guilds (guild_id, seeded_at_ms) values (?, ?) on conflict (guild_id) do nothing returning guild_id',
			[guildId, plugin.now()],
		);
		if (created.length === 0) return;
		for (const t of DEFAULT_TIERS)
			await sql('insert into loyalty_tiers (guild_id, name, threshold, role_id, benefits) values (?, ?, ?, ?, ?)', [
				guildId,
				t.name,
				t.threshold,
				t.roleId,
				t.benefits,
			]);
	});
	ensured.add(guildId);
}
