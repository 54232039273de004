import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import plugin from '../plugin.ts';

/** Posts a reminder that fell due; the file name is the task's name in the manifest. */
export class RemindersRemindTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options });
	}

	override async run(raw: unknown) {
		const job = plugin.payload('remind', raw); // checked against the task's schema, and typed
		const channel = await this.container.client.channels.fetch(job.channelId).catch(() => null);
		if (!channel?.isSendable() || channel.isDMBased()) return;
		await channel.send({
			content: plugin.t('reminder', { guild: channel.guildId, vars: { user: `<@${job.userId}>`, text: job.text } }),
			// The text is the member's own: it may ping only the member who asked.
			allowedMentions: { users: [job.userId] },
		});
		plugin.counters.add(channel.guildId, 'sent');
	}
}
