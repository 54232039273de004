import { Command } from '@sapphire/framework';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { describeDelay, MAX_DELAY_SECONDS } from '../_rule-input.ts';
import { addRule, removeRule, viewRules } from '../_rules.ts';
import { readStats } from '../_stats.ts';

const MAX_MINUTES = MAX_DELAY_SECONDS / 60;

/** `/autoroles add|remove|list`: the server's auto roles, for members with Manage Server. */
export class AutorolesCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('autoroles')
				.setDescription('Roles given to new members automatically')
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
				.setContexts(InteractionContextType.Guild)
				.addSubcommand((s) =>
					s
						.setName('add')
						.setDescription('Give a role to new members, at once or after a delay')
						.addRoleOption((o) => o.setName('role').setDescription('The role to give').setRequired(true))
						.addNumberOption((o) =>
							o
								.setName('delay')
								.setDescription(`Minutes to wait after the join, 0 to ${MAX_MINUTES} (7 days); default 0`)
								.setMinValue(0)
								.setMaxValue(MAX_MINUTES),
						)
						.addStringOption((o) =>
							o
								.setName('target')
								.setDescription('Who gets the role; default humans')
								.addChoices({ name: 'humans', value: 'humans' }, { name: 'bots', value: 'bots' }),
						),
				)
				.addSubcommand((s) =>
					s
						.setName('remove')
						.setDescription('Stop giving a role to new members')
						.addRoleOption((o) => o.setName('role').setDescription('The auto role to remove').setRequired(true)),
				)
				.addSubcommand((s) => s.setName('list').setDescription('Show the auto roles, in the order they are given')),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const reply = (content: string) =>
			interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		if (!interaction.inCachedGuild()) return reply('Auto roles are set per server: use this command in a server.');
		// Default permissions are only a default: server admins can grant the command to anyone.
		if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
			return reply('You need the Manage Server permission to change auto roles.');
		const guild = interaction.guild;
		const sub = interaction.options.getSubcommand(true);
		if (sub === 'add') {
			const role = interaction.options.getRole('role', true);
			const minutes = interaction.options.getNumber('delay') ?? 0;
			const target = interaction.options.getString('target') ?? 'humans';
			const result = await addRule(guild, { roleId: role.id, delaySeconds: Math.round(minutes * 60), target });
			if (!result.ok) return reply(`Could not add ${role.name}: ${Object.values(result.errors).join(' ')}`);
			const { delaySeconds } = result.rule;
			const who = result.rule.target === 'bots' ? 'bot' : 'member';
			return reply(`Added auto role <@&${role.id}>: given to every new ${who} ${describeDelay(delaySeconds)}.`);
		}
		if (sub === 'remove') {
			const role = interaction.options.getRole('role', true);
			if (await removeRule(guild.id, role.id)) return reply(`Removed auto role <@&${role.id}>.`);
			return reply(`${role.name} is not an auto role here; see /autoroles list.`);
		}
		const rules = await viewRules(guild);
		if (rules.length === 0) return reply('No auto roles yet. Add one with /autoroles add.');
		const lines = rules.map((r, i) => {
			const line = `${i + 1}. <@&${r.roleId}>: ${r.target}, ${r.delay}`;
			return r.problem ? `${line} (not given: ${r.problem})` : line;
		});
		const stats = await readStats(guild.id);
		const tally = `Given so far: ${stats.assigned}; not given: ${stats.failed}.`;
		return reply(['Auto roles, in the order they are given:', ...lines, tally].join('\n'));
	}
}
