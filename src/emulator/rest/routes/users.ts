import { ApiError, Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { isSnowflake } from '../../snowflake.ts';
import { botLeaveGuild } from '../../world/bot-leave.ts';
import { channelPayload, guildFeatures, userPayload } from '../../world/serialize.ts';
import { bodyObject, byId, queryFlag, queryInt, querySnowflake } from '../input.ts';

/** The user behind the request: the bot for a Bot token; for a Bearer token the grant's user, given `scope` (else 401). */
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

/** Partial guilds of the caller in ascending id order; `before` gives the ones just before it. */
const myGuilds: RestRoute['handler'] = (ctx) => {
	const userId = caller(ctx, 'guilds');
	const limit = queryInt(ctx.query, 'limit', 1, 200, 200);
	const before = querySnowflake(ctx.query, 'before');
	const after = querySnowflake(ctx.query, 'after');
	const counts = queryFlag(ctx.query, 'with_counts');
	const guilds = [...ctx.world.guilds.values()]
		.filter((g) => g.members.has(userId))
		.filter((g) => (before === null || BigInt(g.id) < before) && (after === null || BigInt(g.id) > after))
		.sort(byId);
	const page = before !== null && after === null ? guilds.slice(-limit) : guilds.slice(0, limit);
	return page.map((g) => ({
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

/** Opens (or returns the existing) DM with a user; 10013 for an unknown user. */
const openDm: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const recipient = bodyObject(ctx.body).recipient_id;
	if (recipient === undefined || recipient === null)
		throw fieldError('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
	if (!isSnowflake(recipient))
		throw fieldError('recipient_id', 'NUMBER_TYPE_COERCE', `Value "${String(recipient)}" is not snowflake.`);
	if (recipient === app.botUserId) throw Errors.cannotMessageUser();
	return channelPayload(ctx.world.openDm(app.botUserId, recipient), ctx.world);
};

const leaveGuild: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const guild = ctx.world.guild(ctx.params.guild_id as string);
	if (!guild.members.has(app.botUserId)) throw Errors.unknownGuild();
	if (guild.ownerId === app.botUserId) throw new ApiError(400, 50055, 'Invalid Guild');
	botLeaveGuild(ctx.world, guild.id, app);
	return undefined;
};

const getUser: RestRoute['handler'] = (ctx) => userPayload(ctx.world.user(ctx.params.user_id as string));

export const userRoutes: RestRoute[] = [
	{ method: 'GET', path: '/users/@me', auth: 'bot-or-bearer', handler: me },
	{ method: 'GET', path: '/users/@me/guilds', auth: 'bot-or-bearer', handler: myGuilds },
	{ method: 'DELETE', path: '/users/@me/guilds/:guild_id', auth: 'bot', handler: leaveGuild },
	{ method: 'POST', path: '/users/@me/channels', auth: 'bot', bucket: 'dm.create', handler: openDm },
	{ method: 'GET', path: '/users/:user_id', auth: 'bot', handler: getUser },
];
