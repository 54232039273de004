import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { fieldError } from '../../errors.ts';
import type { RestRoute } from '../../http/route.ts';
import { MAX_INCIDENT_ACTION_MS, setIncidentActions } from '../../world/incidents.ts';
import { guildPayload, incidentsData } from '../../world/serialize.ts';
import { guildOf, requireGuildPermission } from '../access.ts';
import { bodyObject, queryFlag } from '../input.ts';

const get: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const payload = guildPayload(guild, ctx.world);
	// Approximate counts only come with `with_counts`; the emulator tracks no presences.
	return queryFlag(ctx.query, 'with_counts')
		? { ...payload, approximate_member_count: guild.members.size, approximate_presence_count: 0 }
		: payload;
};

/**
 * An ISO 8601 time at most 24 hours ahead, or null to lift the action. The route is a PUT, so an
 * absent field lifts its action too (emulator reading of "Supplying null disables the action").
 */
function until(value: unknown, field: string, now: number): number | null {
	if (value === undefined || value === null) return null;
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(ms)) throw fieldError(field, 'DATE_TYPE_CONVERT', 'Could not interpret value as a timestamp.');
	if (ms > now + MAX_INCIDENT_ACTION_MS)
		throw fieldError(field, 'BASE_TYPE_MAX_VALUE', 'Can only be set up to 24 hours in the future.');
	return ms;
}

/** Modify Guild Incident Actions: Manage Guild; answers the guild's incidents data. */
const incidentActions: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ManageGuild);
	const body = bodyObject(ctx.body);
	const now = ctx.world.now();
	const invitesDisabledUntil = until(body.invites_disabled_until, 'invites_disabled_until', now);
	const dmsDisabledUntil = until(body.dms_disabled_until, 'dms_disabled_until', now);
	setIncidentActions(ctx.world, guild, { invitesDisabledUntil, dmsDisabledUntil });
	return incidentsData(ctx.world, guild);
};

export const guildRoutes: RestRoute[] = [
	{ method: 'GET', path: '/guilds/:guild_id', auth: 'bot', handler: get },
	{ method: 'PUT', path: '/guilds/:guild_id/incident-actions', auth: 'bot', handler: incidentActions },
];
