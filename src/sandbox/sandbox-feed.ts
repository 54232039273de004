import { ChannelType, type Guild } from 'discord.js';
import { EmulatorControl } from '../emulator/control-client.ts';

export interface FeedMessage {
	id: string;
	channel: string;
	author: string;
	bot: boolean;
	content: string;
	embeds: number;
}

/** The emulated server's latest messages across its text channels, newest first. */
export async function sandboxFeed(emulatorUrl: string, guild: Guild, limit = 30): Promise<FeedMessage[]> {
	const control = new EmulatorControl(emulatorUrl);
	const channels = [...guild.channels.cache.values()].filter((c) => c.type === ChannelType.GuildText);
	const lists = await Promise.all(
		channels.map(async (c) =>
			((await control.messages(c.id).catch(() => [])) as Record<string, unknown>[]).map((m) => ({
				m,
				channel: c.name,
			})),
		),
	);
	return lists
		.flat()
		.map(({ m, channel }) => {
			const author = (m.author ?? {}) as { username?: string; bot?: boolean };
			return {
				id: String(m.id),
				channel,
				author: author.username ?? '?',
				bot: author.bot === true,
				content: String(m.content ?? ''),
				embeds: Array.isArray(m.embeds) ? m.embeds.length : 0,
			};
		})
		.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
		.slice(0, limit);
}
