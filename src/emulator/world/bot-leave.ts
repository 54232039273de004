import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import type { EmApplication } from './types.ts';
import type { World } from './world.ts';

/**
 * A bot leaves a guild (DELETE /users/@me/guilds/:id): its own sessions get GUILD_DELETE first,
 * then the guild sees GUILD_MEMBER_REMOVE, and the bot's managed role goes away with it
 * (GUILD_ROLE_DELETE), as when Discord removes a bot integration.
 */
export function botLeaveGuild(world: World, guildId: string, app: EmApplication): void {
	const guild = world.guild(guildId);
	world.dispatch({ t: E.GuildDelete, d: { id: guildId }, intent: I.Guilds, guildId, appId: app.id });
	world.removeMember(guildId, app.botUserId);
	for (const role of [...guild.roles.values()]) {
		if (!role.managed || role.botId !== app.botUserId) continue;
		guild.roles.delete(role.id);
		world.dispatch({
			t: E.GuildRoleDelete,
			d: { guild_id: guildId, role_id: role.id },
			intent: I.Guilds,
			guildId,
			appId: null,
		});
	}
}
