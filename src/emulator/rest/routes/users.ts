import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { ApiError, Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { channelPayload, guildFeatures, userPayload } from '../../world/serialize.ts';

/** The user behind the request: the bot for a Bot token, the grant's user for a Bearer token. */
function caller(ctx: RouteContext, scope: string): string {
	if (ctx.app) return ctx.app.botUserId;
	if (!ctx.grant?.scopes.includes(scope)) throw Errors.unauthorized();
	return ctx.grant.userId;
}

const me: RestRoute['handler'] = (ctx) => {
	const user = ctx.world.user(caller(ctx, 'identify'));
	const email = ctx.grant?.scopes.includes('email')
		? { email: `${user.username}@users.emulator.invalid`, verified: true }
		: {};
	return { ...userPayload(user), mfa_enabled: false, locale: 'en-US', ...email };
};

const myGuilds: RestRoute['handler'] = (ctx) => {
	const userId = caller(ctx, 'guilds');
	const limit = Math.min(200, Math.max(1, Number(ctx.query.get('limit') ?? 200) || 200));
	const before = ctx.query.get('before');
	const after = ctx.query.get('after');
	const counts = ctx.query.get('with_counts') === 'true';
	return [...ctx.world.guilds.values()]
		.filter((g) => g.members.has(userId))
		.filter((g) => (!before || BigInt(g.id) < BigInt(before)) && (!after || BigInt(g.id) > BigInt(after)))
		.slice(0, limit)
		.map((g) => ({
			id: g.id,
			name: g.name,
			icon: g.icon,
			banner: null,
			owner: g.ownerId === userId,
			permissions: ctx.world.permissionsOf(g.id, userId).toString(),
			features: guildFeatures(g),
			...(counts ? { approximate_member_count: g.members.size, approximate_presence_count: 0 } : {}),
		}));
};

const openDm: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const recipient = (ctx.body as { recipient_id?: unknown } | undefined)?.recipient_id;
	if (typeof recipient !== 'string') throw fieldError('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
	if (recipient === app.botUserId) throw new ApiError(400, 50007, 'Cannot send messages to this user');
	return channelPayload(ctx.world.openDm(app.botUserId, recipient), ctx.world);
};

const leaveGuild: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const guild = ctx.world.guild(ctx.params.guild_id as string);
	if (!guild.members.has(app.botUserId)) throw Errors.unknownGuild();
	ctx.world.dispatch({ t: E.GuildDelete, d: { id: guild.id }, intent: I.Guilds, guildId: guild.id, appId: app.id });
	guild.members.delete(app.botUserId);
	return undefined;
};

export const userRoutes: RestRoute[] = [
	{ method: 'GET', path: '/users/@me', auth: 'bot-or-bearer', handler: me },
	{ method: 'GET', path: '/users/@me/guilds', auth: 'bot-or-bearer', handler: myGuilds },
	{ method: 'POST', path: '/users/@me/channels', auth: 'bot', bucket: 'dm.create', handler: openDm },
	{ method: 'DELETE', path: '/users/@me/guilds/:guild_id', auth: 'bot', handler: leaveGuild },
	{
		method: 'GET',
		path: '/users/:user_id',
		auth: 'bot',
		handler: (ctx) => userPayload(ctx.world.user(ctx.params.user_id as string)),
	},
];
