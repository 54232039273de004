import { Command } from '@sapphire/framework';
import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { localized, localizedChoice } from 'foyer';
import { describeDelay, MAX_DELAY_SECONDS } from '../_rule-input.ts';
import { addRule, removeRule, viewRules } from '../_rules.ts';
import { readStats } from '../_stats.ts';
import plugin from '../plugin.ts';

const MAX_MINUTES = MAX_DELAY_SECONDS / 60;

/** `/autoroles add|remove|list`: the server's auto roles, for members with Manage Server. */
export class AutorolesCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			localized(b, plugin, 'command')
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
				.setContexts(InteractionContextType.Guild)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.add')
						.addRoleOption((o) => localized(o, plugin, 'command.role').setRequired(true))
						.addNumberOption((o) =>
							localized(o, plugin, 'command.delay', { max: MAX_MINUTES }).setMinValue(0).setMaxValue(MAX_MINUTES),
						)
						.addStringOption((o) =>
							localized(o, plugin, 'command.target').addChoices(
								localizedChoice(plugin, 'targets.humans', 'humans'),
								localizedChoice(plugin, 'targets.bots', 'bots'),
							),
						),
				)
				.addSubcommand((s) =>
					localized(s, plugin, 'command.remove').addRoleOption((o) =>
						localized(o, plugin, 'command.removeRole').setRequired(true),
					),
				)
				.addSubcommand((s) => localized(s, plugin, 'command.list')),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		// Every answer is ephemeral, for the member alone: in their language.
		const t = plugin.translator({ locale: interaction.locale });
		const reply = (content: string) =>
			interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		if (!interaction.inCachedGuild()) return reply(t('reply.perServer'));
		// Default permissions are only a default: server admins can grant the command to anyone.
		if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return reply(t('reply.needsManageServer'));
		const guild = interaction.guild;
		const sub = interaction.options.getSubcommand(true);
		if (sub === 'add') {
			const role = interaction.options.getRole('role', true);
			const minutes = interaction.options.getNumber('delay') ?? 0;
			const target = interaction.options.getString('target') ?? 'humans';
			const result = await addRule(guild, { roleId: role.id, delaySeconds: Math.round(minutes * 60), target }, t);
			if (!result.ok)
				return reply(t('reply.couldNotAdd', { role: role.name, errors: Object.values(result.errors).join(' ') }));
			const key = result.rule.target === 'bots' ? 'reply.addedBot' : 'reply.addedMember';
			return reply(t(key, { role: `<@&${role.id}>`, delay: describeDelay(result.rule.delaySeconds, t) }));
		}
		if (sub === 'remove') {
			const role = interaction.options.getRole('role', true);
			if (await removeRule(guild.id, role.id)) return reply(t('reply.removed', { role: `<@&${role.id}>` }));
			return reply(t('reply.notAutoRole', { role: role.name }));
		}
		const rules = await viewRules(guild, t);
		if (rules.length === 0) return reply(t('reply.none'));
		const lines = rules.map((r, i) => {
			const vars = { n: i + 1, role: `<@&${r.roleId}>`, target: t(`targets.${r.target}`), delay: r.delay };
			return r.problem ? t('reply.lineProblem', { ...vars, problem: r.problem }) : t('reply.line', vars);
		});
		const stats = await readStats(guild.id);
		const tally = t('reply.tally', { given: stats.assigned, failed: stats.failed });
		return reply([t('reply.listTitle'), ...lines, tally].join('\n'));
	}
}
