import { container } from '@sapphire/framework';
import type { DiscordMessageInput } from './message-input.ts';
import { discordMessageView, type RenderOptions } from './message-view.ts';

/**
 * One message as Discord shows it (author, avatar, time, markdown, mentions by name, embed cards,
 * buttons), as trusted HTML from the core partial `partials/discord-message`. Plugin templates can
 * include that partial with a `discordMessageView()` model instead.
 */
export function renderDiscordMessage(input: DiscordMessageInput, options: RenderOptions): string {
	return container.plugins.views.renderCore('partials/discord-message', discordMessageView(input, options));
}
