import { type ChatInputCommandDeniedPayload, Events, Listener, type UserError } from '@sapphire/framework';
import { MessageFlags } from 'discord.js';

/** A precondition refused a command (plugin disabled in this guild, missing permission): say why. */
export class CoreCommandDeniedListener extends Listener<typeof Events.ChatInputCommandDenied> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.ChatInputCommandDenied });
	}

	override async run(error: UserError, { interaction }: ChatInputCommandDeniedPayload) {
		if (interaction.deferred || interaction.replied) return;
		await interaction
			.reply({ content: error.message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })
			.catch(() => undefined);
	}
}
