import { Command } from '@sapphire/framework';
import { type GuildMember, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { memberText } from 'foyer';
import { verifyMember } from '../gate/_verify.ts';
import { engage, lift } from '../lockdown/_lockdown.ts';
import { statusText } from './_status.ts';

/**
 * `/verify member|status|lockdown on|off`, for moderators: verifying by hand needs Manage Roles (it
 * gives roles), a lockdown needs Manage Server (it may pause the server's invites).
 */
export class VerifyCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('verify')
				.setDescription('The verification gate for new members')
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
				.setContexts(InteractionContextType.Guild)
				.addSubcommand((s) =>
					s
						.setName('member')
						.setDescription('Let a member through the gate now')
						.addUserOption((o) => o.setName('user').setDescription('The member to verify').setRequired(true)),
				)
				.addSubcommand((s) =>
					s.setName('status').setDescription('How the gate is set up, who is waiting, and the figures'),
				)
				.addSubcommandGroup((g) =>
					g
						.setName('lockdown')
						.setDescription('Raid lockdown')
						.addSubcommand((s) => s.setName('on').setDescription('Lock the server down now'))
						.addSubcommand((s) => s.setName('off').setDescription('Lift the lockdown')),
				),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const reply = (content: string) =>
			interaction.editReply({ content, allowedMentions: { parse: [] } }).then(() => undefined);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		if (!interaction.inCachedGuild()) return reply('Verification is set per server: use this command in a server.');
		const guild = interaction.guild;
		const actor = { id: interaction.user.id, name: interaction.member.displayName };
		const group = interaction.options.getSubcommandGroup(false);
		const sub = interaction.options.getSubcommand(true);
		// Default permissions are only a default: server admins can grant the command to anyone.
		const needed = group === 'lockdown' ? PermissionFlagsBits.ManageGuild : PermissionFlagsBits.ManageRoles;
		if (!interaction.memberPermissions.has(needed))
			return reply(
				`You need the ${group === 'lockdown' ? 'Manage Server' : 'Manage Roles'} permission to ${group === 'lockdown' ? 'lock the server down' : 'verify members'}.`,
			);
		if (group === 'lockdown') {
			if (sub === 'on') {
				const engaged = await engage(guild, { automatic: false, reason: 'a moderator locked the server down.', actor });
				return reply(
					engaged ? 'Lockdown engaged. Lift it with /verify lockdown off.' : 'The server is already locked down.',
				);
			}
			const lifted = await lift(guild, { reason: 'a moderator lifted it.', actor });
			return reply(lifted ? 'Lockdown lifted.' : 'The server is not locked down.');
		}
		if (sub === 'status') return reply(await statusText(guild));
		const target = interaction.options.getMember('user') as GuildMember | null;
		if (!target) return reply('That user is not a member of this server.');
		if (target.user.bot) return reply('Bots do not go through the gate.');
		const name = memberText(target.displayName);
		const outcome = await verifyMember(target, 'moderator', { actor });
		if (outcome.ok) return reply(`${name} (<@${target.id}>) is verified.`);
		if (outcome.reason === 'already') return reply(`${name} is already verified.`);
		if (outcome.reason === 'busy') return reply(`${name} is being verified right now.`);
		return reply(`${name} was not verified: ${outcome.text}`);
	}
}
