import { GatewayDispatchEvents as E } from 'discord-api-types/v10';
import { z } from 'zod';
import { Errors } from '../errors.ts';
import { Reply, type RestRoute } from '../http/route.ts';
import { parseMentions, resolvePings } from '../world/mentions.ts';
import type { EmMessage } from '../world/types.ts';
import type { World } from '../world/world.ts';
import type { ControlDeps } from './index.ts';
import { presentMessage } from './present.ts';
import { badRequest, parse, snowflake } from './validate.ts';

function listMessages(world: World, channelId: string, query: URLSearchParams) {
	const channel = world.channel(channelId);
	const after = query.get('after');
	const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 100) || 100));
	let messages = [...channel.messages.values()];
	if (after) messages = messages.filter((m) => BigInt(m.id) > BigInt(after));
	return messages.slice(-limit).map((m) => presentMessage(world, m));
}

/** Resolves with the next message stored in a channel (optionally by one author), or null on timeout. */
function nextMessage(
	world: World,
	channelId: string,
	afterId: string | null,
	authorId: string | null,
	timeoutMs: number,
): Promise<EmMessage | null> {
	const channel = world.channel(channelId);
	const match = (m: EmMessage) =>
		(!afterId || BigInt(m.id) > BigInt(afterId)) && (!authorId || m.authorId === authorId);
	const already = [...channel.messages.values()].find(match);
	if (already) return Promise.resolve(already);
	return new Promise((resolve) => {
		const stop = world.onDispatch((event) => {
			if (event.t === E.MessageCreate && event.message?.channelId === channelId && match(event.message)) {
				clearTimeout(timer);
				stop();
				resolve(event.message);
			}
		});
		const timer = setTimeout(() => {
			stop();
			resolve(null);
		}, timeoutMs);
	});
}

export const messageRoutes = ({ defaultApp }: Pick<ControlDeps, 'defaultApp'>): RestRoute[] => [
	{
		method: 'GET',
		path: '/channels/:channel_id/messages',
		auth: 'none',
		handler: ({ world, params, query }) => listMessages(world, params.channel_id as string, query),
	},
	{
		method: 'GET',
		path: '/channels/:channel_id/messages/next',
		auth: 'none',
		handler: async ({ world, params, query }) => {
			const timeout = Math.min(60_000, Math.max(0, Number(query.get('timeout_ms') ?? 5000) || 0));
			const message = await nextMessage(
				world,
				params.channel_id as string,
				query.get('after'),
				query.get('author_id'),
				timeout,
			);
			if (!message)
				return new Reply(408, { message: `No message in channel ${params.channel_id} within ${timeout} ms`, code: 0 });
			return presentMessage(world, message);
		},
	},
	{
		method: 'POST',
		path: '/channels/:channel_id/messages',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(z.strictObject({ user_id: snowflake, content: z.string().min(1).max(4000) }), body);
			const channel = world.channel(params.channel_id as string);
			const guild = channel.guildId ? world.guild(channel.guildId) : null;
			if (guild && !guild.members.has(spec.user_id))
				throw badRequest(`User ${spec.user_id} is not a member of guild ${guild.id}`);
			if (!guild && !channel.recipients.includes(spec.user_id))
				throw badRequest(`User ${spec.user_id} is not in this DM`);
			const written = parseMentions(spec.content);
			const message = world.newMessage({
				channelId: channel.id,
				authorId: spec.user_id,
				content: spec.content,
				pings: resolvePings(spec.content, null, { guild, channel, authorId: spec.user_id }),
				mentionedUsers: written.users.filter((id) => world.users.has(id)),
				mentionedRoles: written.roles.filter((id) => guild?.roles.has(id)),
			});
			world.storeMessage(message);
			return new Reply(201, presentMessage(world, message));
		},
	},
	{
		method: 'POST',
		path: '/channels/:channel_id/messages/:message_id/reactions',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(z.strictObject({ user_id: snowflake, emoji: z.string().min(1).max(64) }), body);
			const channel = world.channel(params.channel_id as string);
			if (channel.guildId && !world.guild(channel.guildId).members.has(spec.user_id))
				throw badRequest(`User ${spec.user_id} is not a member of this guild`);
			world.user(spec.user_id);
			const added = world.addReaction(channel.id, params.message_id as string, spec.user_id, {
				id: null,
				name: spec.emoji,
			});
			return { added };
		},
	},
	{
		method: 'DELETE',
		path: '/channels/:channel_id/messages/:message_id/reactions',
		auth: 'none',
		handler: ({ world, params, query }) => {
			const userId = query.get('user_id');
			const emoji = query.get('emoji');
			if (!userId || !emoji) throw badRequest('user_id and emoji query parameters are required');
			world.message(params.channel_id as string, params.message_id as string);
			const removed = world.removeReaction(params.channel_id as string, params.message_id as string, userId, emoji);
			return { removed };
		},
	},
	{
		method: 'GET',
		path: '/users/:user_id/dms',
		auth: 'none',
		handler: ({ world, params, query }) => {
			const user = world.user(params.user_id as string);
			const app = query.get('app_id') ? world.applications.get(query.get('app_id') as string) : defaultApp();
			if (!app) throw Errors.unknownApplication();
			const channelId = world.dmChannels.get(`${app.botUserId}:${user.id}`);
			if (!channelId) return [];
			return listMessages(world, channelId, query);
		},
	},
];
