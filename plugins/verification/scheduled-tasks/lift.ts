import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { MINUTE_MS } from '../_settings.ts';
import { lift, quietSince } from '../lockdown/_lockdown.ts';
import { lockdownOf } from '../lockdown/_state.ts';
import plugin from '../plugin.ts';

/** Ends an automatic lockdown after the quiet period, or looks again later if members kept joining. */
export class VerificationLiftTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options });
	}

	override async run(raw: unknown) {
		const { guildId, since } = plugin.payload('lift', raw);
		const lockdown = await lockdownOf(guildId);
		const guild = this.container.client.guilds.cache.get(guildId);
		if (!lockdown?.automatic || lockdown.since !== since || !guild) return;
		const quietMs = plugin.settings(guildId).lockdownQuietMinutes * MINUTE_MS;
		const until = (await quietSince(guildId, lockdown)) + quietMs;
		if (until > plugin.now()) {
			// No key: a job cannot replace itself while it runs (BullMQ keeps a running job locked).
			await plugin.schedule('lift', { guildId, since }, { at: new Date(until) });
			return;
		}
		const minutes = Math.round(quietMs / MINUTE_MS);
		await lift(guild, { reason: plugin.t('lockdownNotice.quiet', { guild: guildId, vars: { minutes } }) });
	}
}
