import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { type ButtonInteraction, LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { CAPTCHA_BUTTON, CAPTCHA_FIELD, CAPTCHA_MODAL } from '../_ids.ts';
import { CODE_LENGTH } from '../captcha/_code.ts';
import plugin from '../plugin.ts';

/** "Enter the code": opens the answer form at once (a modal must be the first answer to the click). */
export class VerificationCaptchaButton extends InteractionHandler {
	constructor(context: InteractionHandler.LoaderContext, options: InteractionHandler.Options) {
		super(context, { ...options, interactionHandlerType: InteractionHandlerTypes.Button });
	}

	override parse(interaction: ButtonInteraction) {
		return interaction.customId === CAPTCHA_BUTTON ? this.some() : this.none();
	}

	override async run(interaction: ButtonInteraction) {
		const t = plugin.translator({ locale: interaction.locale });
		const modal = new ModalBuilder()
			.setCustomId(CAPTCHA_MODAL)
			.setTitle(t('captcha.modalTitle'))
			.addLabelComponents(
				new LabelBuilder()
					.setLabel(t('captcha.fieldLabel'))
					.setDescription(t('captcha.fieldHelp', { n: CODE_LENGTH }))
					.setTextInputComponent(
						new TextInputBuilder()
							.setCustomId(CAPTCHA_FIELD)
							.setStyle(TextInputStyle.Short)
							.setMinLength(CODE_LENGTH)
							.setMaxLength(CODE_LENGTH + 6)
							.setRequired(true),
					),
			);
		await interaction.showModal(modal);
	}
}
