import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { configured, looksVerified } from '../_settings.ts';
import { journal } from '../gate/_journal.ts';
import { kickMember } from '../gate/_kick.ts';
import { memberOf } from '../gate/_members.ts';
import { roleProblem } from '../gate/_problems.ts';
import { verifyMember } from '../gate/_verify.ts';
import { findWaiting, takeWaiting } from '../gate/_waiting.ts';
import plugin from '../plugin.ts';

/**
 * A member's deadline. The stored row decides, not the job: a verification, a leave or a newer join
 * took it away or replaced it, so a job that runs twice (after a crash) or late (after a restart)
 * removes a member at most once.
 */
export class VerificationKickTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options });
	}

	override async run(raw: unknown) {
		const job = plugin.payload('kick', raw);
		const waiting = await findWaiting(job.guildId, job.userId);
		if (waiting?.stage !== 'waiting' || waiting.joinedAt !== job.joinedAt) return;
		const guild = this.container.client.guilds.cache.get(job.guildId);
		if (!guild) return;
		const s = plugin.settings(guild.id);
		if (!plugin.enabledIn(guild.id) || !configured(s)) {
			await takeWaiting(guild.id, job.userId);
			return;
		}
		const member = await memberOf(guild, job.userId);
		if (!member) {
			await takeWaiting(guild.id, job.userId);
			return;
		}
		// Verified by hand while Foyer was not looking (down, or the update lost): no removal.
		if (s.verifiedRole && looksVerified(member.roles.cache, s)) {
			await verifyMember(member, 'manual-role');
			return;
		}
		// A member is never removed for Foyer's own misconfiguration: they could not have verified.
		const t = plugin.translator({ guild: guild.id });
		const problem = roleProblem(guild, s, undefined, t);
		if (problem) {
			await journal(guild, {
				action: 'not-kicked',
				userId: member.id,
				username: member.user.username,
				reason: t('journal.notKicked', { problem }),
				toChannel: s.logChannel,
			});
			return;
		}
		const minutes = Math.round(
			(job.joinedAt && waiting.deadlineAt ? waiting.deadlineAt - waiting.joinedAt : 0) / 60_000,
		);
		await kickMember(member, {
			cause: 'timeout',
			// Also the audit log's reason on Discord, read by the server's moderators.
			reason: t('kick.timeout', { minutes: minutes || s.timeoutMinutes }),
		});
	}
}
