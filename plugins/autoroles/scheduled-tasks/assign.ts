import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { DiscordAPIError, type Guild, type GuildMember, RESTJSONErrorCodes } from 'discord.js';
import { assignRoles } from '../_assign.ts';
import { listRules, rulesFor } from '../_rules.ts';
import plugin from '../plugin.ts';

/** Gives the roles of delayed rules once their delay has passed, if the member and the rules are still there. */
export class AutorolesAssignTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options });
	}

	override async run(raw: unknown) {
		const job = plugin.payload('assign', raw);
		if (!plugin.enabledIn(job.guildId)) return;
		const guild = this.container.client.guilds.cache.get(job.guildId);
		const member = guild && (await memberOf(guild, job.userId));
		if (!member) return;
		if (job.joinedAt !== null && member.joinedTimestamp !== null && member.joinedTimestamp !== job.joinedAt) return;
		// Rules removed or changed since the join are not applied; the current order wins.
		const rules = rulesFor(await listRules(job.guildId), member.user.bot).filter(
			(r) => r.delaySeconds === job.delaySeconds && job.roleIds.includes(r.roleId),
		);
		await assignRoles(member, rules);
	}
}

async function memberOf(guild: Guild, userId: string): Promise<GuildMember | null> {
	try {
		return await guild.members.fetch(userId);
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return null;
		throw error;
	}
}
