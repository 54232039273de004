/** Discord-faithful rendering of messages for dashboard pages: one renderer, one partial. */
export { botAuthor, messageFromApi, messageFromDiscordJs } from './from-message.ts';
export { renderMarkdown } from './markdown.ts';
export { guildMentions, type MentionResolver, NO_MENTIONS } from './mentions.ts';
export type { DiscordMessageInput, MessageAuthor } from './message-input.ts';
export { type DiscordMessageView, discordMessageView, type RenderOptions } from './message-view.ts';
export { renderDiscordMessage } from './render-message.ts';
