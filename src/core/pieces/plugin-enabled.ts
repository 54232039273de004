import { AllFlowsPrecondition, type ChatInputCommand, type ContextMenuCommand } from '@sapphire/framework';
import type { ChatInputCommandInteraction, ContextMenuCommandInteraction, Message } from 'discord.js';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

/** Global precondition: a plugin's commands answer that it is off in a guild where it is disabled. */
export class PluginEnabledPrecondition extends AllFlowsPrecondition {
	constructor(context: AllFlowsPrecondition.LoaderContext) {
		super(context, { position: 10 });
	}

	#check(guildId: string | null, commandName: string) {
		const pluginId = pluginIdOfPiece(commandName);
		if (!pluginId || !guildId) return this.ok();
		if (this.container.plugins.isEnabledIn(pluginId, guildId)) return this.ok();
		const name = this.container.plugins.get(pluginId)?.name ?? pluginId;
		return this.error({ identifier: 'pluginDisabled', message: `The ${name} plugin is not enabled in this server.` });
	}

	override chatInputRun(interaction: ChatInputCommandInteraction, command: ChatInputCommand) {
		return this.#check(interaction.guildId, command.name);
	}

	override contextMenuRun(interaction: ContextMenuCommandInteraction, command: ContextMenuCommand) {
		return this.#check(interaction.guildId, command.name);
	}

	override messageRun(message: Message, command: { name: string }) {
		return this.#check(message.guildId, command.name);
	}
}
