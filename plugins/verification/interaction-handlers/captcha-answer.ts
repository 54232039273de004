import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import { memberText } from 'foyer';
import { CAPTCHA_FIELD, CAPTCHA_MODAL } from '../_ids.ts';
import { checkAnswer } from '../captcha/_challenge.ts';
import { sendChallenge } from '../captcha/_offer.ts';
import { kickMember } from '../gate/_kick.ts';
import { verifyMember } from '../gate/_verify.ts';
import plugin from '../plugin.ts';

/** The captcha's answer: right verifies, wrong shows a new image, too many wrong ones remove the member. */
export class VerificationCaptchaAnswer extends InteractionHandler {
	constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.ModalSubmit });
	}

	override parse(interaction: ModalSubmitInteraction) {
		return interaction.customId === CAPTCHA_MODAL ? this.some() : this.none();
	}

	override async run(interaction: ModalSubmitInteraction) {
		// Only the member who answered sees the reply: in their language.
		const t = plugin.translator({ locale: interaction.locale });
		if (!interaction.inCachedGuild())
			return interaction.reply({ content: t('reply.inServer'), flags: MessageFlags.Ephemeral });
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const s = plugin.settings(interaction.guildId);
		const member = interaction.member;
		const result = await checkAnswer(
			interaction.guildId,
			member.id,
			interaction.fields.getTextInputValue(CAPTCHA_FIELD),
		);
		if (result.kind === 'expired') return sendChallenge(interaction, s, t('reply.codeExpired'));
		if (result.kind === 'wrong') {
			if (result.failures < s.captchaAttempts) return sendChallenge(interaction, s, t('reply.codeWrong'));
			await interaction.editReply({
				content: t('reply.codeRemoved', { n: result.failures }),
				components: [],
				files: [],
			});
			await kickMember(member, {
				cause: 'captcha',
				reason: plugin.t('kick.captcha', { guild: member.guild.id, vars: { count: result.failures } }),
			});
			return;
		}
		const outcome = await verifyMember(member, 'captcha', { locale: interaction.locale });
		const content = outcome.ok ? t('reply.captchaRight', { guild: memberText(interaction.guild.name) }) : outcome.text;
		return interaction.editReply({ content, components: [], files: [], allowedMentions: { parse: [] } });
	}
}
