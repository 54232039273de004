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
	const how =
		mode === 'reaction'
			? `React with ${s.emoji} to this message to verify.`
			: mode === 'captcha'
				? `Press **${s.buttonLabel}**, then type the code shown in the image.`
				: `Press **${s.buttonLabel}** to verify.`;
	const deadline =
		s.timeoutMinutes > 0
			? `-# Members who have not verified within ${s.timeoutMinutes} minute${s.timeoutMinutes === 1 ? '' : 's'} are removed from the server (they can join again).`
			: null;
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
