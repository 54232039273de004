import { createHash } from 'node:crypto';
import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	ContainerBuilder,
	type Guild,
	MessageFlags,
	TextDisplayBuilder,
} from 'discord.js';
import { VERIFY_BUTTON } from '../_ids.ts';
import type { GateMode, VerificationSettings } from '../_settings.ts';
import plugin from '../plugin.ts';

export interface GatePayload {
	components: ContainerBuilder[];
	flags: MessageFlags.IsComponentsV2;
	allowedMentions: { parse: []; users: string[]; roles: [] };
}

/**
 * The one verification message (Components V2: a container with the admin's text, how to verify,
 * the deadline, and in button or captcha mode the Verify button). Rendered with the template engine;
 * the text has no member placeholders (refused on save), so it is the same for everyone.
 */
export async function renderGate(guild: Guild, s: VerificationSettings, mode: GateMode): Promise<GatePayload> {
	const me = guild.members.me;
	const rendered = me
		? await plugin.renderTemplate(s.message, me)
		: { content: s.message, allowedMentions: { parse: [] as [], users: [], roles: [] as [] } };
	// One message for everyone: in the server's language.
	const t = plugin.translator({ guild: guild.id });
	const how =
		mode === 'reaction'
			? t('gateMessage.react', { emoji: s.emoji })
			: t(mode === 'captcha' ? 'gateMessage.captcha' : 'gateMessage.button', { button: s.buttonLabel });
	const n = s.timeoutMinutes;
	const deadline = n > 0 ? t(n === 1 ? 'gateMessage.deadlineOne' : 'gateMessage.deadlineMany', { n }) : null;
	const container = new ContainerBuilder().addTextDisplayComponents(
		new TextDisplayBuilder().setContent(rendered.content),
		new TextDisplayBuilder().setContent(deadline ? `${how}\n${deadline}` : how),
	);
	if (mode !== 'reaction')
		container.addActionRowComponents(
			new ActionRowBuilder<ButtonBuilder>().addComponents(
				new ButtonBuilder().setCustomId(VERIFY_BUTTON).setLabel(s.buttonLabel).setStyle(ButtonStyle.Success),
			),
		);
	// Nobody is pinged by the gate message, whatever its text says.
	return {
		components: [container],
		flags: MessageFlags.IsComponentsV2,
		allowedMentions: { parse: [], users: [], roles: [] },
	};
}

/** What the message was rendered from: unchanged settings need no edit (no REST call). */
export function fingerprintOf(payload: GatePayload, mode: GateMode, emoji: string): string {
	const body = JSON.stringify(payload.components.map((c) => c.toJSON()));
	return createHash('sha256').update(`${mode}\n${emoji}\n${body}`).digest('hex').slice(0, 32);
}
