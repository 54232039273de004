import { ChannelType, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { Reply, type RestRoute } from '../http/route.ts';
import { DEFAULT_BUCKETS, RATE_LIMIT_MODES, type RateLimiter } from '../rest/ratelimit.ts';
import { userPayload } from '../world/serialize.ts';
import type { ControlDeps } from './index.ts';
import { presentGuild } from './present.ts';
import { badRequest, parse, snowflake } from './validate.ts';

const DAY = 86_400_000;

export const userSpec = z.strictObject({
	username: z.string().min(1).max(32).optional(),
	global_name: z.string().max(32).nullable().optional(),
	avatar: z.string().nullable().optional(),
	bot: z.boolean().optional(),
	dms_open: z.boolean().optional(),
	account_age_days: z.number().min(0).max(3650).optional(),
});

export function createUserFrom(world: import('../world/world.ts').World, spec: z.infer<typeof userSpec>) {
	return world.createUser({
		...(spec.username !== undefined ? { username: spec.username } : {}),
		...(spec.global_name !== undefined ? { globalName: spec.global_name } : {}),
		...(spec.avatar !== undefined ? { avatar: spec.avatar } : {}),
		...(spec.bot !== undefined ? { bot: spec.bot } : {}),
		...(spec.dms_open !== undefined ? { dmsOpen: spec.dms_open } : {}),
		...(spec.account_age_days !== undefined ? { accountAgeMs: spec.account_age_days * DAY } : {}),
	});
}

/** A role as control calls describe it (create: name required; edit: everything optional). */
const roleSpec = z.strictObject({
	name: z.string().min(1).max(100),
	permissions: z.string().regex(/^\d+$/).optional(),
	color: z.number().int().min(0).max(0xffffff).optional(),
	mentionable: z.boolean().optional(),
	hoist: z.boolean().optional(),
});

const guildSpec = z.strictObject({
	name: z.string().min(2).max(100).optional(),
	owner_id: snowflake.optional(),
	owner: userSpec.optional(),
	members: z.number().int().min(0).max(100_000).optional(),
	channels: z.array(z.string().min(1).max(100)).max(500).optional(),
	roles: z.array(roleSpec).max(250).optional(),
	vanity_code: z
		.string()
		.regex(/^[a-z0-9-]{2,32}$/)
		.nullable()
		.optional(),
	app_ids: z.array(snowflake).optional(),
});

const rateSpec = z.strictObject({
	mode: z.enum(RATE_LIMIT_MODES as [string, ...string[]]).optional(),
	global_limit: z.number().int().min(1).optional(),
	invalid_requests: z
		.strictObject({
			limit: z.number().int().min(1).optional(),
			window_ms: z.number().int().min(1).optional(),
			ban_ms: z.number().int().min(1).optional(),
		})
		.optional(),
	buckets: z
		.record(z.string(), z.strictObject({ limit: z.number().int().min(1), window_ms: z.number().int().min(1) }))
		.optional(),
});

const invalidView = (limiter: RateLimiter) => ({
	limit: limiter.invalid.limit,
	window_ms: limiter.invalid.windowMs,
	ban_ms: limiter.invalid.banMs,
	enforced: limiter.mode === 'strict',
});

export const worldRoutes = (deps: Pick<ControlDeps, 'describe' | 'reset' | 'limiter'>): RestRoute[] => [
	{
		method: 'GET',
		path: '',
		auth: 'none',
		handler: () => deps.describe(),
	},
	{
		method: 'POST',
		path: '/reset',
		auth: 'none',
		handler: () => {
			deps.reset();
			return Reply.noContent();
		},
	},
	{
		method: 'GET',
		path: '/rate-limits',
		auth: 'none',
		handler: () => ({
			mode: deps.limiter.mode,
			global: deps.limiter.global,
			invalid_requests: invalidView(deps.limiter),
			buckets: deps.limiter.buckets,
			defaults: DEFAULT_BUCKETS,
		}),
	},
	{
		method: 'PUT',
		path: '/rate-limits',
		auth: 'none',
		handler: ({ body }) => {
			const spec = parse(rateSpec, body);
			const { limiter } = deps;
			for (const name of Object.keys(spec.buckets ?? {}))
				if (!limiter.buckets[name])
					throw badRequest(`Unknown bucket "${name}"; known: ${Object.keys(limiter.buckets).join(', ')}`);
			if (spec.mode) limiter.mode = spec.mode as typeof limiter.mode;
			if (spec.global_limit) limiter.global.limit = spec.global_limit;
			const inv = spec.invalid_requests;
			if (inv?.limit) limiter.invalid.limit = inv.limit;
			if (inv?.window_ms) limiter.invalid.windowMs = inv.window_ms;
			if (inv?.ban_ms) limiter.invalid.banMs = inv.ban_ms;
			for (const [name, b] of Object.entries(spec.buckets ?? {}))
				Object.assign(limiter.buckets[name] ?? {}, { limit: b.limit, windowMs: b.window_ms });
			limiter.reset();
			return {
				mode: limiter.mode,
				global: limiter.global,
				invalid_requests: invalidView(limiter),
				buckets: limiter.buckets,
			};
		},
	},
	{
		method: 'POST',
		path: '/clock/advance',
		auth: 'none',
		handler: ({ world, body }) => {
			const { ms } = parse(
				z.strictObject({
					ms: z
						.number()
						.int()
						.min(0)
						.max(366 * DAY),
				}),
				body,
			);
			world.advanceClock(ms);
			return { now: new Date(world.now()).toISOString() };
		},
	},
	{
		method: 'POST',
		path: '/applications',
		auth: 'none',
		handler: ({ world, body }) => {
			const spec = parse(
				z.strictObject({
					name: z.string().min(1).max(32),
					token: z.string().min(10).optional(),
					guild_ids: z.array(snowflake).optional(),
					privileged_intents: z.number().int().min(0).optional(),
				}),
				body,
			);
			for (const id of spec.guild_ids ?? []) world.guild(id);
			const app = world.createApplication({
				name: spec.name,
				...(spec.token ? { token: spec.token } : {}),
				...(spec.privileged_intents !== undefined ? { privilegedIntents: spec.privileged_intents } : {}),
			});
			for (const id of spec.guild_ids ?? []) world.addBot(id, app.id);
			return new Reply(201, {
				id: app.id,
				name: app.name,
				token: app.token,
				client_secret: app.clientSecret,
				bot: userPayload(world.user(app.botUserId)),
			});
		},
	},
	{
		method: 'POST',
		path: '/users',
		auth: 'none',
		handler: ({ world, body }) => new Reply(201, { ...userPayload(createUserFrom(world, parse(userSpec, body))) }),
	},
	{
		method: 'PATCH',
		path: '/users/:user_id',
		auth: 'none',
		handler: ({ world, body, params }) => {
			const spec = parse(
				z.strictObject({
					username: z.string().min(1).max(32).optional(),
					global_name: z.string().max(32).nullable().optional(),
					dms_open: z.boolean().optional(),
					avatar: z.string().nullable().optional(),
				}),
				body,
			);
			const user = world.user(params.user_id as string);
			if (spec.username !== undefined) user.username = spec.username;
			if (spec.global_name !== undefined) user.globalName = spec.global_name;
			if (spec.avatar !== undefined) user.avatar = spec.avatar;
			if (spec.dms_open !== undefined) user.dmsOpen = spec.dms_open;
			return { ...userPayload(user), dms_open: user.dmsOpen };
		},
	},
	{
		method: 'POST',
		path: '/guilds',
		auth: 'none',
		handler: ({ world, body }) => {
			const spec = parse(guildSpec, body);
			if (spec.owner_id && spec.owner) throw badRequest('Give owner_id or owner, not both');
			for (const id of spec.app_ids ?? [])
				if (!world.applications.has(id)) throw badRequest(`Unknown application ${id}`);
			const ownerId = spec.owner_id
				? world.user(spec.owner_id).id
				: spec.owner
					? createUserFrom(world, spec.owner).id
					: undefined;
			const guild = world.createGuild({
				...(spec.name ? { name: spec.name } : {}),
				...(ownerId ? { ownerId } : {}),
				...(spec.members !== undefined ? { memberCount: spec.members } : {}),
				...(spec.channels ? { channels: spec.channels } : {}),
				...(spec.roles
					? { roles: spec.roles.map((r) => ({ ...r, permissions: r.permissions ? BigInt(r.permissions) : 0n })) }
					: {}),
				...(spec.vanity_code !== undefined ? { vanityCode: spec.vanity_code } : {}),
				...(spec.app_ids ? { appIds: spec.app_ids } : {}),
			});
			// Bots already connected learn about the new guild as Discord tells them: GUILD_CREATE.
			for (const appId of spec.app_ids ?? world.applications.keys())
				world.dispatch({
					t: GatewayDispatchEvents.GuildCreate,
					d: null,
					intent: GatewayIntentBits.Guilds,
					guildId: guild.id,
					appId: appId as string,
				});
			return new Reply(201, presentGuild(world, guild));
		},
	},
	{
		method: 'GET',
		path: '/guilds/:guild_id',
		auth: 'none',
		handler: ({ world, params }) => presentGuild(world, world.guild(params.guild_id as string)),
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/bots',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const { app_id } = parse(z.strictObject({ app_id: snowflake }), body);
			world.addBot(params.guild_id as string, app_id);
			return presentGuild(world, world.guild(params.guild_id as string));
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/channels',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(
				z.strictObject({
					name: z.string().min(1).max(100),
					type: z.enum(['text', 'category', 'voice']).optional(),
					parent_id: snowflake.optional(),
					topic: z.string().max(1024).optional(),
				}),
				body,
			);
			const type =
				spec.type === 'category'
					? ChannelType.GuildCategory
					: spec.type === 'voice'
						? ChannelType.GuildVoice
						: ChannelType.GuildText;
			const guild = world.guild(params.guild_id as string);
			const c = world.createChannel(
				guild.id,
				{ name: spec.name, type, parentId: spec.parent_id ?? null, topic: spec.topic ?? null },
				guild.ownerId,
			);
			return new Reply(201, { id: c.id, name: c.name, type: c.type });
		},
	},
	{
		method: 'DELETE',
		path: '/channels/:channel_id',
		auth: 'none',
		handler: ({ world, params }) => {
			const channel = world.channel(params.channel_id as string);
			world.deleteChannel(channel.id, channel.guildId ? world.guild(channel.guildId).ownerId : null);
			return Reply.noContent();
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/roles',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(roleSpec.extend({ position: z.number().int().min(1).optional() }), body);
			const guild = world.guild(params.guild_id as string);
			const role = world.createRole(
				guild.id,
				{
					name: spec.name,
					...(spec.permissions ? { permissions: BigInt(spec.permissions) } : {}),
					...(spec.color !== undefined ? { color: spec.color } : {}),
					...(spec.mentionable !== undefined ? { mentionable: spec.mentionable } : {}),
					...(spec.hoist !== undefined ? { hoist: spec.hoist } : {}),
				},
				guild.ownerId,
			);
			if (spec.position !== undefined) world.updateRole(guild.id, role.id, { position: spec.position }, guild.ownerId);
			return new Reply(201, { id: role.id, name: role.name, position: role.position });
		},
	},
	{
		method: 'PATCH',
		path: '/guilds/:guild_id/roles/:role_id',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(roleSpec.partial().extend({ position: z.number().int().min(0).optional() }), body);
			const guild = world.guild(params.guild_id as string);
			const role = world.updateRole(
				guild.id,
				params.role_id as string,
				{ ...spec, permissions: spec.permissions ? BigInt(spec.permissions) : undefined } as never,
				guild.ownerId,
			);
			return { id: role.id, name: role.name, position: role.position, permissions: role.permissions.toString() };
		},
	},
	{
		method: 'DELETE',
		path: '/guilds/:guild_id/roles/:role_id',
		auth: 'none',
		handler: ({ world, params }) => {
			const guild = world.guild(params.guild_id as string);
			world.deleteRole(guild.id, params.role_id as string, guild.ownerId);
			return Reply.noContent();
		},
	},
];
