import { sqlOn } from './_sql.ts';
import plugin from './plugin.ts';

/**
 * When the guild's role mode (stack or highest) differs from the one its members' roles were synced
 * with, marks every member with a tier for a role check. Resolves whether it did.
 */
export async function applyRoleMode(guildId: string): Promise<boolean> {
	const mode = plugin.settings(guildId).roleMode;
	const sql = sqlOn(plugin.em());
	const changed = await sql(
		`update loyalty_guilds set role_mode_applied = ? where guild_id = ?
		 and (role_mode_applied is null or role_mode_applied <> ?) returning guild_id`,
		[mode, guildId, mode],
	);
	if (changed.length === 0) return false;
	await sql(
		'update loyalty_balances set roles_threshold = -2 where guild_id = ? and (tier_threshold is not null or roles_threshold is not null)',
		[guildId],
	);
	return true;
}
