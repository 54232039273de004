import { AllFlowsPrecondition, type ChatInputCommand, type ContextMenuCommand } from '@sapphire/framework';
import type { ChatInputCommandInteraction, ContextMenuCommandInteraction, Message } from 'discord.js';
import { ManifestTexts } from '../i18n/manifest-texts.ts';
import { CORE_EMITTER } from '../plugins/kit/event-bus.ts';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

/**
 * Global precondition: a plugin's commands answer that it is off in a guild where it is disabled, in
 * the member's language (a slash command's answer is theirs alone), else the server's.
 */
export class PluginEnabledPrecondition extends AllFlowsPrecondition {
	constructor(context: AllFlowsPrecondition.LoaderContext) {
		super(context, { position: 10 });
	}

	#check(guildId: string | null, commandName: string, memberLocale: string | null) {
		const pluginId = pluginIdOfPiece(commandName);
		if (!pluginId || !guildId) return this.ok();
		const plugins = this.container.plugins;
		if (plugins.isEnabledIn(pluginId, guildId)) return this.ok();
		const locale = memberLocale ?? plugins.language(guildId);
		const manifest = plugins.get(pluginId);
		const name = manifest ? new ManifestTexts(plugins.i18n, manifest, locale).name : pluginId;
		const message = plugins.i18n.t(CORE_EMITTER, 'commands.pluginDisabled', { locale, vars: { name } });
		return this.error({ identifier: 'pluginDisabled', message });
	}

	override chatInputRun(interaction: ChatInputCommandInteraction, command: ChatInputCommand) {
		return this.#check(interaction.guildId, command.name, interaction.locale);
	}

	override contextMenuRun(interaction: ContextMenuCommandInteraction, command: ContextMenuCommand) {
		return this.#check(interaction.guildId, command.name, interaction.locale);
	}

	override messageRun(message: Message, command: { name: string }) {
		return this.#check(message.guildId, command.name, null);
	}
}
