import type { RestRoute } from '../../http/route.ts';
import { guildPayload } from '../../world/serialize.ts';
import { guildOf } from '../access.ts';
import { queryFlag } from '../input.ts';

export const guildRoutes: RestRoute[] = [
	{
		method: 'GET',
		path: '/guilds/:guild_id',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			// Approximate counts only come with `with_counts`; the emulator tracks no presences.
			const { approximate_member_count, ...payload } = guildPayload(guild);
			return queryFlag(ctx.query, 'with_counts')
				? { ...payload, approximate_member_count, approximate_presence_count: 0 }
				: payload;
		},
	},
];
