import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { activeUntil, guildPayload } from './serialize.ts';
import type { EmGuild } from './types.ts';
import type { DispatchData, World } from './world.ts';

/** "Both can be enabled for a maximal timespan of 24 hours in the future" (Modify Guild Incident Actions). */
export const MAX_INCIDENT_ACTION_MS = 24 * 3_600_000;

export interface IncidentActions {
	invitesDisabledUntil?: number | null;
	dmsDisabledUntil?: number | null;
}

/** Whether joins through invites (and the vanity URL) are refused now: INVITES_DISABLED or a paused window. */
export function invitesPaused(world: World, guild: EmGuild): boolean {
	return guild.invitesDisabled || activeUntil(world, guild.incidents.invitesDisabledUntil) !== null;
}

/** Sets the incident actions (absent fields unchanged, null lifts one) and announces GUILD_UPDATE. */
export function setIncidentActions(world: World, guild: EmGuild, actions: IncidentActions): void {
	if (actions.invitesDisabledUntil !== undefined) guild.incidents.invitesDisabledUntil = actions.invitesDisabledUntil;
	if (actions.dmsDisabledUntil !== undefined) guild.incidents.dmsDisabledUntil = actions.dmsDisabledUntil;
	announceGuild(world, guild);
}

/** GUILD_UPDATE with the guild object, after a change of its settings. */
export function announceGuild(world: World, guild: EmGuild): void {
	// discord-api-types still requires `hub_type`, which Discord's own spec no longer lists for guilds.
	const d = guildPayload(guild, world) as unknown as DispatchData<E.GuildUpdate>;
	world.dispatch({ t: E.GuildUpdate, d, intent: I.Guilds, guildId: guild.id, appId: null });
}
