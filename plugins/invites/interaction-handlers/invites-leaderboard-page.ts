import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import type { ButtonInteraction } from 'discord.js';
import { LEADERBOARD_BUTTON, leaderboardMessage } from '../commands/_leaderboard.ts';

/** The Previous / Next buttons of /invite leaderboard: the same message shows the other page. */
export class InvitesLeaderboardPage extends InteractionHandler {
	constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	override parse(interaction: ButtonInteraction) {
		if (!interaction.customId.startsWith(LEADERBOARD_BUTTON)) return this.none();
		const page = Number(interaction.customId.slice(LEADERBOARD_BUTTON.length));
		return Number.isInteger(page) && page >= 1 && page <= 10_000 ? this.some(page) : this.none();
	}

	override async run(interaction: ButtonInteraction, page: number) {
		if (!interaction.inCachedGuild()) return;
		const message = await leaderboardMessage(interaction.guildId, page);
		return interaction.update({ ...message, allowedMentions: { parse: [] } });
	}
}
