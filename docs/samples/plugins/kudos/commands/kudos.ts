import { Command } from '@sapphire/framework';
import plugin from '../plugin.ts';
import { service } from '../service.ts';

/** `/kudos member:@someone`: a thank-you, counted, and announced to the plugins that listen. */
export class KudosCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('kudos')
				.setDescription('Thank a member')
				.addUserOption((o) => o.setName('member').setDescription('Who to thank').setRequired(true)),
		);
	}

	// #region emit
	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return interaction.reply({ content: 'Kudos are given in servers.' });
		const to = interaction.options.getUser('member', true);
		if (to.id === interaction.user.id || to.bot)
			return interaction.reply({ content: 'Kudos go to other members.', allowedMentions: { parse: [] } });
		plugin.counters.add(interaction.guildId, `to:${to.id}`);
		const total = await service.totalOf(interaction.guildId, to.id);
		await interaction.reply({
			content: `Kudos to <@${to.id}> (${total} so far)!`,
			allowedMentions: { users: [to.id] },
		});
		// Resolves once every consumer handled it; consumers must be idempotent (a provider may emit again).
		await plugin.events.emit('kudos:given', {
			guildId: interaction.guildId,
			from: interaction.user.id,
			to: to.id,
			total,
		});
	}
	// #endregion emit
}
