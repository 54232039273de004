import { type ChatInputCommandErrorPayload, Events, Listener } from '@sapphire/framework';
import { MessageFlags } from 'discord.js';
import { CORE_EMITTER } from '../plugins/kit/event-bus.ts';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

/** A command threw: log it with the plugin id and tell the member, politely, without details. */
export class CoreCommandErrorListener extends Listener<typeof Events.ChatInputCommandError> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.ChatInputCommandError });
	}

	override async run(error: unknown, { command, interaction }: ChatInputCommandErrorPayload) {
		this.container.log.error(
			{ plugin: pluginIdOfPiece(command.name), command: command.name, guild: interaction.guildId, err: error },
			`Command /${interaction.commandName} failed`,
		);
		// Only the member sees it: in their Discord language.
		const content = this.container.plugins.i18n.t(CORE_EMITTER, 'commands.failed', { locale: interaction.locale });
		try {
			if (interaction.deferred || interaction.replied)
				await interaction.editReply({ content, allowedMentions: { parse: [] } });
			else await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		} catch {
			// The interaction may have expired; the log line above is what matters.
		}
	}
}
