import {
	ActionRowBuilder,
	ButtonBuilder,
	type ButtonInteraction,
	ButtonStyle,
	type ModalSubmitInteraction,
} from 'discord.js';
import { CAPTCHA_BUTTON } from '../_ids.ts';
import type { VerificationSettings } from '../_settings.ts';
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
	const content = [
		lead,
		`Type the code shown in the image: press **Enter the code** below. It works for ${minutes} minutes.`,
		`-# ${left} wrong answer${left === 1 ? '' : 's'} left before you are removed from the server.`,
	]
		.filter(Boolean)
		.join('\n');
	await interaction.editReply({
		content,
		files: [{ attachment: challenge.png, name: 'verification-code.png', description: 'The verification code' }],
		components: [
			new ActionRowBuilder<ButtonBuilder>().addComponents(
				new ButtonBuilder().setCustomId(CAPTCHA_BUTTON).setLabel('Enter the code').setStyle(ButtonStyle.Primary),
			),
		],
		allowedMentions: { parse: [] },
	});
}
