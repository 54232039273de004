import type { KudosService } from './api.ts';
import plugin from './plugin.ts';

export const service: KudosService = {
	async totalOf(guildId, userId) {
		return (await plugin.counters.read(guildId))[`to:${userId}`] ?? 0;
	},
};
