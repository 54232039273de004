import { Events, type InteractionHandlerError, Listener } from '@sapphire/framework';
import { MessageFlags } from 'discord.js';
import { CORE_EMITTER } from '../plugins/kit/event-bus.ts';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

type Failure = typeof Events.InteractionHandlerError | typeof Events.InteractionHandlerParseError;

/**
 * A button, select menu or modal handler threw (in `parse` or `run`): log it under the plugin's id
 * and tell the member in their language, instead of Discord's bare "This interaction failed".
 */
export class CoreInteractionErrorListener extends Listener<Failure> {
	/** Which failure this listener hears (the store constructs pieces with its own options, so not a constructor argument). */
	static readonly failure: Failure = Events.InteractionHandlerError;

	constructor(context: Listener.LoaderContext, options: Listener.Options = {}) {
		super(context, { ...options, event: (new.target as typeof CoreInteractionErrorListener).failure });
	}

	override async run(error: unknown, { handler, interaction }: InteractionHandlerError) {
		this.container.log.error(
			{
				plugin: pluginIdOfPiece(handler.name),
				handler: handler.name,
				guild: interaction.guildId,
				customId: 'customId' in interaction ? interaction.customId : undefined,
				err: error,
			},
			`Interaction handler ${handler.name} failed`,
		);
		if (!interaction.isRepliable()) return;
		const content = this.container.plugins.i18n.t(CORE_EMITTER, 'interactions.failed', { locale: interaction.locale });
		try {
			if (interaction.deferred || interaction.replied)
				await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
			else await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		} catch {
			// The interaction may have expired; the log line above is what matters.
		}
	}
}

/** The same for a handler whose `parse` threw. */
export class CoreInteractionParseErrorListener extends CoreInteractionErrorListener {
	static override readonly failure: Failure = Events.InteractionHandlerParseError;
}
