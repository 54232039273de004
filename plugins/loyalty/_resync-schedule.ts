import plugin from './plugin.ts';

/**
 * Asks for the guild's members to be brought in line with their tiers. One pending job per guild:
 * a burst of tier changes (a shop's sale) costs one pass, which handles every member that differs.
 */
export async function scheduleResync(guildId: string): Promise<void> {
	await plugin.schedule('resync', { guildId }, { key: `resync-${guildId}` });
}
