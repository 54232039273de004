import type { Command } from '@sapphire/framework';
import {
	InteractionContextType,
	type SlashCommandBuilder,
	type SlashCommandSubcommandBuilder,
	type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { MAX_BONUS } from '../_adjust.ts';
import plugin from '../plugin.ts';
import { RANK_MAX_INVITES } from '../records/ranks.ts';

type Named = SlashCommandBuilder | SlashCommandSubcommandBuilder | SlashCommandSubcommandGroupBuilder;

/** Name and description from `command.<key>.name/description`, with Discord's localizations. */
function named<B extends Named>(b: B, key: string): B {
	b.setName(plugin.t(`command.${key}.name`))
		.setNameLocalizations(plugin.localizations(`command.${key}.name`))
		.setDescription(plugin.t(`command.${key}.description`))
		.setDescriptionLocalizations(plugin.localizations(`command.${key}.description`));
	return b;
}

/** An option's description from `key`, localized (option names stay English: they are the API's). */
const described = <O extends { setDescription(d: string): O; setDescriptionLocalizations(l: never): O }>(
	o: O,
	key: string,
) => o.setDescription(plugin.t(key)).setDescriptionLocalizations(plugin.localizations(key) as never);

/**
 * `/invite …` (seed 000's names). One command for members and admins: Discord's
 * default_member_permissions is per command, so the Manage Server subcommands (add, reset, import,
 * tracking, rank) are checked on the server instead (chatInputRun), and answer why when refused.
 */
export function registerInvite(registry: Command.Registry): void {
	registry.registerChatInputCommand((root) => {
		const b = root
			.setName('invite')
			.setNameLocalizations(plugin.localizations('command.name'))
			.setDescription(plugin.t('command.description'))
			.setDescriptionLocalizations(plugin.localizations('command.description'))
			.setContexts(InteractionContextType.Guild);
		const withUser = (s: SlashCommandSubcommandBuilder, key = 'command.user', required = false) =>
			s.addUserOption((o) => described(o.setName('user').setRequired(required), key));
		b.addSubcommand((s) => withUser(named(s, 'view')));
		b.addSubcommand((s) => withUser(named(s, 'codes')));
		b.addSubcommand((s) => withUser(named(s, 'inviter')));
		b.addSubcommand((s) =>
			named(s, 'leaderboard').addIntegerOption((o) =>
				described(o.setName('page').setMinValue(1).setMaxValue(10_000), 'command.leaderboard.page'),
			),
		);
		b.addSubcommand((s) => named(s, 'ranks'));
		b.addSubcommand((s) => named(s, 'create'));
		b.addSubcommand((s) =>
			withUser(named(s, 'add'), 'command.add.user', true).addIntegerOption((o) =>
				described(
					o.setName('invites').setRequired(true).setMinValue(-MAX_BONUS).setMaxValue(MAX_BONUS),
					'command.add.invites',
				),
			),
		);
		b.addSubcommand((s) => withUser(named(s, 'reset'), 'command.reset.user', true));
		b.addSubcommand((s) => withUser(named(s, 'import'), 'command.import.user'));
		b.addSubcommandGroup((g) => named(g, 'tracking').addSubcommand((s) => named(s, 'tracking.status')));
		b.addSubcommandGroup((g) =>
			named(g, 'rank')
				.addSubcommand((s) =>
					named(s, 'rank.add')
						.addRoleOption((o) => described(o.setName('role').setRequired(true), 'command.rank.add.role'))
						.addIntegerOption((o) =>
							described(
								o.setName('invites').setRequired(true).setMinValue(1).setMaxValue(RANK_MAX_INVITES),
								'command.rank.add.invites',
							),
						),
				)
				.addSubcommand((s) =>
					named(s, 'rank.remove').addRoleOption((o) =>
						described(o.setName('role').setRequired(true), 'command.rank.remove.role'),
					),
				),
		);
		return b;
	});
}
