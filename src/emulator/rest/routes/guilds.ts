import type { RestRoute } from '../../http/route.ts';
import { guildPayload } from '../../world/serialize.ts';
import { guildOf } from '../access.ts';

export const guildRoutes: RestRoute[] = [
	{
		method: 'GET',
		path: '/guilds/:guild_id',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			const counts =
				ctx.query.get('with_counts') === 'true'
					? { approximate_member_count: guild.members.size, approximate_presence_count: 0 }
					: {};
			return { ...guildPayload(guild), ...counts };
		},
	},
];
