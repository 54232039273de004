import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors } from '../../errors.ts';
import type { RestRoute } from '../../http/route.ts';
import { purgeRecentMessages } from '../../world/ban-purge.ts';
import { outranks } from '../../world/permissions.ts';
import { userPayload } from '../../world/serialize.ts';
import type { EmGuild } from '../../world/types.ts';
import type { World } from '../../world/world.ts';
import { botId, guildOf, requireGuildPermission } from '../access.ts';
import { bodyInt, bodyObject, queryInt, querySnowflake } from '../input.ts';

const banPayload = (guild: EmGuild, world: World, userId: string) => ({
	reason: guild.bans.get(userId) ?? null,
	user: userPayload(world.user(userId)),
});

/** Create Guild Ban: Ban Members; a member must be outranked. Banning a banned user changes nothing. */
const ban: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	const userId = ctx.params.user_id as string;
	ctx.world.user(userId);
	const body = bodyObject(ctx.body);
	const days = bodyInt(body.delete_message_days, 'delete_message_days', 0, 7, 0);
	const seconds = bodyInt(body.delete_message_seconds, 'delete_message_seconds', 0, 604_800, days * 86_400);
	if (userId === guild.ownerId || (guild.members.has(userId) && !outranks(guild, botId(ctx), userId)))
		throw Errors.missingPermissions();
	if (guild.bans.has(userId)) return undefined;
	ctx.world.ban(guild.id, userId, botId(ctx), ctx.reason);
	purgeRecentMessages(ctx.world, guild.id, userId, seconds);
	return undefined;
};

const unban: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	ctx.world.unban(guild.id, ctx.params.user_id as string, botId(ctx), ctx.reason);
	return undefined;
};

/** Get Guild Bans: always ascending by user id; `before` wins over `after`. */
const list: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	const limit = queryInt(ctx.query, 'limit', 1, 1000, 1000);
	const before = querySnowflake(ctx.query, 'before');
	const after = querySnowflake(ctx.query, 'after');
	const ids = [...guild.bans.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
	let page: string[];
	if (before !== null) page = ids.filter((id) => BigInt(id) < before).slice(-limit);
	else if (after !== null) page = ids.filter((id) => BigInt(id) > after).slice(0, limit);
	else page = ids.slice(0, limit);
	return page.map((id) => banPayload(guild, ctx.world, id));
};

const get: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	const userId = ctx.params.user_id as string;
	if (!guild.bans.has(userId)) throw Errors.unknownBan();
	return banPayload(guild, ctx.world, userId);
};

const B = '/guilds/:guild_id/bans';

export const banRoutes: RestRoute[] = [
	{ method: 'GET', path: B, auth: 'bot', handler: list },
	{ method: 'GET', path: `${B}/:user_id`, auth: 'bot', handler: get },
	{ method: 'PUT', path: `${B}/:user_id`, auth: 'bot', bucket: 'member.ban', handler: ban },
	{ method: 'DELETE', path: `${B}/:user_id`, auth: 'bot', handler: unban },
];
