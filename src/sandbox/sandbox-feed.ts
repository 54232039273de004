import { ChannelType, type Guild } from 'discord.js';
import { messageFromApi } from '../dashboard/discord-render/from-message.ts';
import { guildMentions, type MentionResolver } from '../dashboard/discord-render/mentions.ts';
import type { DiscordMessageInput } from '../dashboard/discord-render/message-input.ts';
import { discordMessageView } from '../dashboard/discord-render/message-view.ts';
import { EmulatorControl } from '../emulator/control-client.ts';

/** The emulated server's latest messages across its text channels, newest first, as the emulator stores them. */
export async function sandboxMessages(
	emulatorUrl: string,
	guild: Guild,
	mentions: MentionResolver,
	limit = 30,
): Promise<DiscordMessageInput[]> {
	const control = new EmulatorControl(emulatorUrl);
	const channels = [...guild.channels.cache.values()].filter((c) => c.type === ChannelType.GuildText);
	const lists = await Promise.all(
		channels.map(async (c) =>
			((await control.messages(c.id).catch(() => [])) as unknown[]).map((m) =>
				messageFromApi(m, { channel: c.name, mentions }),
			),
		),
	);
	return lists
		.flat()
		.sort((a, b) => (BigInt(b.id || 0) > BigInt(a.id || 0) ? 1 : -1))
		.slice(0, limit);
}

/** The feed partial's model: each message drawn as members of the server see it. */
export async function sandboxFeed(emulatorUrl: string, guild: Guild, locale: string) {
	const mentions = guildMentions(guild);
	const now = new Date();
	const messages = await sandboxMessages(emulatorUrl, guild, mentions);
	return { locale, messages: messages.map((m) => discordMessageView(m, { mentions, now, locale })), guildId: guild.id };
}
