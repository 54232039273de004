import type { Command } from '@sapphire/framework';
import { type Guild, MessageFlags } from 'discord.js';
import plugin from '../plugin.ts';

/** What a subcommand needs: the guild, the texts in the right language and how to answer. */
export interface InviteContext {
	interaction: Command.ChatInputCommandInteraction<'cached'>;
	guild: Guild;
	/** A text for everyone in the channel: in the server's language. */
	pub(key: string, vars?: Record<string, string | number>): string;
	/** A text for the member alone: in their language. */
	own(key: string, vars?: Record<string, string | number>): string;
	/** A reply everyone sees; mentions show the member but ping nobody. */
	say(content: string): Promise<unknown>;
	/** A reply only the member sees (in their language), pinging nobody. */
	tell(content: string): Promise<unknown>;
}

export function contextOf(interaction: Command.ChatInputCommandInteraction<'cached'>): InviteContext {
	const guild = interaction.guild;
	return {
		interaction,
		guild,
		pub: (key, vars) => plugin.t(`reply.${key}`, { guild: guild.id, ...(vars ? { vars } : {}) }),
		own: (key, vars) => plugin.t(`reply.${key}`, { locale: interaction.locale, ...(vars ? { vars } : {}) }),
		say: (content) => interaction.reply({ content, allowedMentions: { parse: [] } }),
		tell: (content) =>
			interaction.deferred || interaction.replied
				? interaction.editReply({ content, allowedMentions: { parse: [] } })
				: interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }),
	};
}

export const mention = (id: string) => `<@${id}>`;
export const roleMention = (id: string) => `<@&${id}>`;
export const fmt = (n: number) => n.toLocaleString('en-US');
