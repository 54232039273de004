import type { APIEmbed } from 'discord.js';

/**
 * A message as the renderer takes it: from the emulator's or Discord's JSON, from a discord.js
 * Message, or built for a preview. Components are Discord's JSON (action rows, buttons, selects,
 * and the Components V2 container, section, text display, separator, media gallery, thumbnail, file).
 */
export interface DiscordMessageInput {
	id?: string;
	author: MessageAuthor;
	/** The channel's name, shown above the message in feeds. */
	channel?: string | null;
	timestamp?: Date | string | number | null;
	content?: string | null;
	embeds?: readonly APIEmbed[] | null;
	components?: readonly unknown[] | null;
}

export interface MessageAuthor {
	id?: string | null;
	name: string;
	/** Shown only when it is an http(s) URL; otherwise the default avatar (a coloured initial). */
	avatarUrl?: string | null;
	bot?: boolean;
}
