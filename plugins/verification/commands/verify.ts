import { Command } from '@sapphire/framework';
import { type GuildMember, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { localized, memberText } from 'foyer';
import { verifyMember } from '../gate/_verify.ts';
import { engage, lift } from '../lockdown/_lockdown.ts';
import plugin from '../plugin.ts';
import { statusText } from './_status.ts';

/**
 * `/verify member|status|lockdown on|off`, for moderators: verifying by hand needs Manage Roles (it
 * gives roles), a lockdown needs Manage Server (it may pause the server's invites).
 */
export class VerifyCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			localized(b, plugin, 'command')
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
				.setContexts(InteractionContextType.Guild)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.member').addUserOption((o) =>
						localized(o, plugin, 'command.user').setRequired(true),
					),
				)
				.addSubcommand((s) => localized(s, plugin, 'command.status'))
				.addSubcommandGroup((g) =>
					localized(g, plugin, 'command.lockdown')
						.addSubcommand((s) => localized(s, plugin, 'command.on'))
						.addSubcommand((s) => localized(s, plugin, 'command.off')),
				),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		// The answers are ephemeral, for the moderator alone: in their language. The lockdown's reason
		// goes to the log channel and the panel, which everyone reads: in the server's language.
		const t = plugin.translator({ locale: interaction.locale });
		const reply = (content: string) =>
			interaction.editReply({ content, allowedMentions: { parse: [] } }).then(() => undefined);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		if (!interaction.inCachedGuild()) return reply(t('reply.perServer'));
		const guild = interaction.guild;
		const shared = plugin.translator({ guild: guild.id });
		const actor = { id: interaction.user.id, name: interaction.member.displayName };
		const group = interaction.options.getSubcommandGroup(false);
		const sub = interaction.options.getSubcommand(true);
		// Default permissions are only a default: server admins can grant the command to anyone.
		const needed = group === 'lockdown' ? PermissionFlagsBits.ManageGuild : PermissionFlagsBits.ManageRoles;
		if (!interaction.memberPermissions.has(needed))
			return reply(t(group === 'lockdown' ? 'reply.needsManageServer' : 'reply.needsManageRoles'));
		if (group === 'lockdown') {
			if (sub === 'on') {
				const engaged = await engage(guild, { automatic: false, reason: shared('reason.moderatorLocked'), actor });
				return reply(engaged ? t('reply.engaged') : t('reply.alreadyLocked'));
			}
			const lifted = await lift(guild, { reason: shared('reason.moderatorLifted'), actor });
			return reply(lifted ? t('reply.lifted') : t('reply.notLocked'));
		}
		if (sub === 'status') return reply(await statusText(guild, t));
		const target = interaction.options.getMember('user') as GuildMember | null;
		if (!target) return reply(t('reply.notMember'));
		if (target.user.bot) return reply(t('reply.bot'));
		const name = memberText(target.displayName);
		const outcome = await verifyMember(target, 'moderator', { actor, locale: interaction.locale });
		if (outcome.ok) return reply(t('reply.verified', { name, mention: `<@${target.id}>` }));
		if (outcome.reason === 'already') return reply(t('reply.alreadyVerifiedName', { name }));
		if (outcome.reason === 'busy') return reply(t('reply.busyName', { name }));
		return reply(t('reply.notVerified', { name, reason: outcome.text }));
	}
}
