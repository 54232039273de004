import {
	ActionRowBuilder,
	ButtonBuilder,
	type ButtonInteraction,
	ButtonStyle,
	type ModalSubmitInteraction,
} from 'discord.js';
import { CAPTCHA_BUTTON } from '../_ids.ts';
import type { VerificationSettings } from '../_settings.ts';
import plugin from '../plugin.ts';
import { CHALLENGE_TTL_MS, issueChallenge } from './_challenge.ts';

/**
 * Shows the member a new code as an image, in their deferred ephemeral reply, with the button that
 * opens the answer form. The image is an attachment: the code is nowhere in the message's text.
 */
export async function sendChallenge(
	interaction: ButtonInteraction<'cached'> | ModalSubmitInteraction<'cached'>,
	s: VerificationSettings,
	lead = '',
): Promise<void> {
	const challenge = await issueChallenge(interaction.guildId, interaction.user.id);
	const left = s.captchaAttempts - challenge.failures;
	const minutes = Math.round(CHALLENGE_TTL_MS / 60_000);
	// An ephemeral reply: in the member's language.
	const t = plugin.translator({ locale: interaction.locale });
	const content = [
		lead,
		t('captcha.prompt', { minutes }),
		t(left === 1 ? 'captcha.leftOne' : 'captcha.leftMany', { n: left }),
	]
		.filter(Boolean)
		.join('\n');
	await interaction.editReply({
		content,
		files: [{ attachment: challenge.png, name: 'verification-code.png', description: t('captcha.imageDescription') }],
		components: [
			new ActionRowBuilder<ButtonBuilder>().addComponents(
				new ButtonBuilder().setCustomId(CAPTCHA_BUTTON).setLabel(t('captcha.enter')).setStyle(ButtonStyle.Primary),
			),
		],
		allowedMentions: { parse: [] },
	});
}
