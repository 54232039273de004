import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { memberText } from 'foyer';
import { VERIFY_BUTTON } from '../_ids.ts';
import { looksVerified } from '../_settings.ts';
import { sendChallenge } from '../captcha/_offer.ts';
import { verifyMember } from '../gate/_verify.ts';
import { findWaiting } from '../gate/_waiting.ts';
import { effectiveMode } from '../lockdown/_state.ts';
import plugin from '../plugin.ts';

/**
 * The Verify button of the verification message. The answer is deferred first (Discord allows 3 s,
 * and during a raid the role change may wait for its rate-limit bucket), then edited with the outcome.
 */
export class VerificationVerifyButton extends InteractionHandler {
	constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	override parse(interaction: ButtonInteraction) {
		return interaction.customId === VERIFY_BUTTON ? this.some() : this.none();
	}

	override async run(interaction: ButtonInteraction) {
		// Only the member who pressed sees the answer: in their language.
		const t = plugin.translator({ locale: interaction.locale });
		if (!interaction.inCachedGuild())
			return interaction.reply({ content: t('reply.inServer'), flags: MessageFlags.Ephemeral });
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const s = plugin.settings(interaction.guildId);
		const member = interaction.member;
		if ((await effectiveMode(interaction.guildId, s)) === 'captcha') {
			const waiting = await findWaiting(interaction.guildId, member.id);
			if (!waiting && looksVerified(member.roles.cache, s))
				return interaction.editReply({ content: t('reply.alreadyVerified') });
			return sendChallenge(interaction, s);
		}
		const outcome = await verifyMember(member, 'button', { locale: interaction.locale });
		const content = outcome.ok
			? t('reply.youAreVerified', { guild: memberText(interaction.guild.name) })
			: outcome.text;
		return interaction.editReply({ content, allowedMentions: { parse: [] } });
	}
}
