import { escapeMarkdown } from 'discord.js';

/**
 * Text a member controls (names, nicknames, server names) made inert for a Discord message:
 * markdown escaped, and anything that could read as a mention (`@everyone`, `@here`, `<@id>`,
 * `<@&id>`, `<#id>`) broken with a zero-width space. allowed_mentions is the second lock.
 */
export function memberText(text: string): string {
	const escaped = escapeMarkdown(text, { numberedList: true, bulletedList: true, heading: true, maskedLink: true });
	return escaped.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<([@#])/g, '<\u200b$1');
}
