import { Command } from '@sapphire/framework';
import { PermissionFlagsBits } from 'discord.js';
import plugin from '../plugin.ts';
import { add, rankAdd, rankRemove, reset, trackingStatus } from './_admin.ts';
import { contextOf, type InviteContext } from './_context.ts';
import { createPersonal } from './_create.ts';
import { registerInvite } from './_definition.ts';
import { importInvites } from './_import.ts';
import { board, codes, inviter, ranks, view } from './_member.ts';

type Handler = (c: InviteContext) => Promise<unknown>;

const MEMBERS: Record<string, Handler> = { view, codes, inviter, leaderboard: board, ranks, create: createPersonal };
const MANAGERS: Record<string, Handler> = {
	add,
	reset,
	import: importInvites,
	'tracking status': trackingStatus,
	'rank add': rankAdd,
	'rank remove': rankRemove,
};

/** `/invite …`: seed 000's invite commands; add, reset, import, tracking and rank need Manage Server. */
export class InvitesInviteCommand extends Command {
	constructor(context: Command.LoaderContext, options: Command.Options) {
		super(context, { ...options, name: 'invite' });
	}

	override registerApplicationCommands(registry: Command.Registry) {
		registerInvite(registry);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild())
			return interaction.reply({ content: plugin.t('reply.guildOnly', { locale: interaction.locale }) });
		const c = contextOf(interaction);
		const group = interaction.options.getSubcommandGroup(false);
		const sub = interaction.options.getSubcommand(true);
		const name = group ? `${group} ${sub}` : sub;
		const member = MEMBERS[name];
		if (member) return member(c);
		const manager = MANAGERS[name];
		if (!manager) return;
		// Default permissions are per command (and only a default): the admin subcommands check here.
		if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
			return c.tell(c.own('needsManageServer', { sub: name }));
		return manager(c);
	}
}
