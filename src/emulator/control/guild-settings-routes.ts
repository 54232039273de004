import { z } from 'zod';
import { Reply, type RestRoute } from '../http/route.ts';
import { announceGuild, MAX_INCIDENT_ACTION_MS } from '../world/incidents.ts';
import { completeScreening, disconnect } from '../world/members.ts';
import { memberPayload } from '../world/serialize.ts';
import { presentGuild } from './present.ts';
import { badRequest, parse, snowflake } from './validate.ts';

const isoOrNull = z.iso.datetime({ offset: true }).nullable();

const settingsSpec = z.strictObject({
	screening: z.boolean().optional(),
	invites_disabled: z.boolean().optional(),
	invites_disabled_until: isoOrNull.optional(),
	dms_disabled_until: isoOrNull.optional(),
});

const quirksSpec = z.strictObject({
	member_add_resend_share: z.number().min(0).max(1),
	seed: z
		.number()
		.int()
		.min(0)
		.max(2 ** 32 - 1)
		.optional(),
});

/**
 * Control calls for what a server admin sets in Discord's client (membership screening, paused
 * invites, incident actions), what members do there (complete screening, go offline), the join
 * history, and occasional Discord behaviours (quirks).
 */
export const guildSettingsRoutes: RestRoute[] = [
	{
		method: 'PATCH',
		path: '/guilds/:guild_id',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(settingsSpec, body);
			const guild = world.guild(params.guild_id as string);
			const limit = world.now() + MAX_INCIDENT_ACTION_MS;
			const ms = (field: string, iso: string | null | undefined) => {
				if (iso === undefined || iso === null) return iso;
				const at = Date.parse(iso);
				if (at > limit) throw badRequest(`${field}: at most 24 hours ahead (Modify Guild Incident Actions)`);
				return at;
			};
			const invitesUntil = ms('invites_disabled_until', spec.invites_disabled_until);
			const dmsUntil = ms('dms_disabled_until', spec.dms_disabled_until);
			if (spec.screening !== undefined) guild.screening = spec.screening;
			if (spec.invites_disabled !== undefined) guild.invitesDisabled = spec.invites_disabled;
			if (invitesUntil !== undefined) guild.incidents.invitesDisabledUntil = invitesUntil;
			if (dmsUntil !== undefined) guild.incidents.dmsDisabledUntil = dmsUntil;
			announceGuild(world, guild);
			return presentGuild(world, guild);
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/members/:user_id/screening',
		auth: 'none',
		handler: ({ world, params, body }) => {
			parse(z.strictObject({}), body);
			const member = completeScreening(world, params.guild_id as string, params.user_id as string);
			return memberPayload(member, world);
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/disconnects',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const { user_id } = parse(z.strictObject({ user_id: snowflake }), body);
			const guildId = params.guild_id as string;
			return { removed: disconnect(world, guildId, user_id), member_count: world.guild(guildId).members.size };
		},
	},
	{
		method: 'GET',
		path: '/guilds/:guild_id/joins',
		auth: 'none',
		handler: ({ world, params }) =>
			world.guild(params.guild_id as string).joinLog.map((j) => ({
				user_id: j.userId,
				joined_at: new Date(j.at).toISOString(),
				via: j.via,
				rejoin: j.rejoin,
			})),
	},
	{
		method: 'GET',
		path: '/quirks',
		auth: 'none',
		handler: ({ world }) => ({ member_add_resend_share: world.quirks.memberAddResendShare, seed: world.quirks.seed }),
	},
	{
		method: 'PUT',
		path: '/quirks',
		auth: 'none',
		handler: ({ world, body }) => {
			const spec = parse(quirksSpec, body);
			world.setQuirks({ memberAddResendShare: spec.member_add_resend_share, seed: spec.seed ?? world.quirks.seed });
			return new Reply(200, { member_add_resend_share: world.quirks.memberAddResendShare, seed: world.quirks.seed });
		},
	},
];
