import type { Client, Message } from 'discord.js';
import type { MentionResolver } from './mentions.ts';
import type { DiscordMessageInput, MessageAuthor } from './message-input.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The bot itself as a message author (previews are "sent" by it). */
export function botAuthor(client: Client): MessageAuthor {
	const user = client.user;
	return { id: user?.id ?? null, name: user?.displayName ?? 'Foyer', avatarUrl: user?.avatarURL() ?? null, bot: true };
}

/**
 * A message from Discord's (or the emulator's) JSON. The author is named as members see them: their
 * name in the server when `mentions` knows them, else their global or user name.
 */
export function messageFromApi(json: unknown, options: { channel?: string; mentions?: MentionResolver } = {}) {
	const m = isObject(json) ? json : {};
	const author = isObject(m.author) ? m.author : {};
	const id = typeof author.id === 'string' ? author.id : null;
	const hash = typeof author.avatar === 'string' && /^(a_)?[0-9a-f]{32}$/.test(author.avatar) ? author.avatar : null;
	const input: DiscordMessageInput = {
		id: typeof m.id === 'string' ? m.id : '',
		author: {
			id,
			name:
				(id && options.mentions?.user(id)) ||
				(typeof author.global_name === 'string' && author.global_name) ||
				(typeof author.username === 'string' ? author.username : ''),
			avatarUrl: id && hash ? `https://cdn.discordapp.com/avatars/${id}/${hash}.png?size=80` : null,
			bot: author.bot === true,
		},
		channel: options.channel ?? null,
		timestamp: typeof m.timestamp === 'string' ? m.timestamp : null,
		content: typeof m.content === 'string' ? m.content : '',
		embeds: Array.isArray(m.embeds) ? (m.embeds.filter(isObject) as DiscordMessageInput['embeds']) : [],
		components: Array.isArray(m.components) ? m.components : [],
	};
	return input;
}

/** A message discord.js sent or received (a test message the dashboard just posted, say). */
export function messageFromDiscordJs(message: Message): DiscordMessageInput {
	const channel = 'name' in message.channel && typeof message.channel.name === 'string' ? message.channel.name : null;
	return {
		id: message.id,
		author: {
			id: message.author.id,
			name: message.member?.displayName ?? message.author.displayName,
			avatarUrl: message.author.avatarURL(),
			bot: message.author.bot,
		},
		channel,
		timestamp: message.createdAt,
		content: message.content,
		embeds: message.embeds.map((e) => e.toJSON()),
		components: message.components.map((c) => c.toJSON()),
	};
}
