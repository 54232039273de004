import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { runningSessions } from '../_sessions.ts';
import plugin from '../plugin.ts';

/**
 * Every 5 minutes (seed 004): one invite snapshot per tracked guild even when nothing happened (it
 * closes windows and notices expired invites), the checkpoint saved, missed announcements retried.
 */
export class InvitesReconcileTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, interval: 5 * 60_000 });
	}

	override run() {
		for (const session of runningSessions()) if (plugin.enabledIn(session.guildId)) session.reconcile();
	}
}
