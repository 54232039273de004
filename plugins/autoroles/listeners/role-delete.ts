import { Events, Listener } from '@sapphire/framework';
import type { Role } from 'discord.js';
import { removeRule } from '../_rules.ts';
import plugin from '../plugin.ts';

/** A deleted role can never be given again: drop its rule rather than fail on every join. */
export class AutorolesRoleDelete extends Listener<typeof Events.GuildRoleDelete> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildRoleDelete });
	}

	override async run(role: Role) {
		if (await removeRule(role.guild.id, role.id))
			plugin.log.info({ guild: role.guild.id, role: role.id }, `Auto role ${role.name} removed: the role was deleted`);
	}
}
