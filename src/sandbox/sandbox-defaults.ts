import { EmulatorControl } from '../emulator/control-client.ts';
import type { Emulator } from '../emulator/emulator.ts';
import type { Foyer } from '../foyer.ts';

/**
 * The demo server comes configured, so a new user sees the welcome suite work on the first simulated
 * join: welcomes in #welcome, goodbyes in #goodbye, the join DM on, the Member role given at once, and
 * the verification gate in #verification (Unverified on join, Verified once through, kicks logged in
 * #bot-log). Verification is off by default on real servers (it removes members: an admin's
 * decision); the demo server has it on so that its waiting list and timeouts can be seen.
 * Settings an admin already chose are kept. The auto role is added the way an admin would, with the
 * plugin's own slash command, since plugins' data is theirs alone.
 */
export async function applySandboxDefaults(foyer: Foyer, emulator: Emulator): Promise<void> {
	const demo = emulator.demo;
	if (!demo) return;
	const { guild, channels, roles, owner } = demo;
	for (const [plugin, channel] of [
		['join', channels.welcome],
		['leave', channels.goodbye],
	] as const) {
		if (foyer.plugins.isLoaded(plugin) && channel && foyer.plugins.settings(plugin, guild.id).channel === null)
			await foyer.plugins.updateSettings(plugin, guild.id, { channel });
	}
	if (
		foyer.plugins.isLoaded('verification') &&
		channels.verification &&
		foyer.plugins.settings('verification', guild.id).channel === null
	) {
		await foyer.plugins.updateSettings('verification', guild.id, {
			channel: channels.verification,
			verifiedRole: roles.Verified ?? null,
			unverifiedRole: roles.Unverified ?? null,
			logChannel: channels['bot-log'] ?? null,
		});
		await foyer.plugins.setEnabled('verification', guild.id, true);
	}
	const memberRole = roles.Member;
	if (foyer.plugins.isLoaded('autoroles') && memberRole && channels['bot-log']) {
		const control = new EmulatorControl(emulator.url);
		// A second start finds the rule there already; the command then refuses the duplicate, harmlessly.
		await control
			.command({
				channel_id: channels['bot-log'],
				user_id: owner.id,
				command: 'autoroles add',
				options: { role: memberRole },
			})
			.catch(() => undefined);
	}
}
