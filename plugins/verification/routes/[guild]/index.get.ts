import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPluginPage } from 'foyer';
import { renderPanel } from '../../_panel.ts';
import { configured } from '../../_settings.ts';
import { gateProblems } from '../../gate/_problems.ts';
import { countWaiting } from '../../gate/_waiting.ts';
import plugin from '../../plugin.ts';

/** GET /verification/<guild>: figures, what is wrong, the settings (with previews), the waiting members and the log. */
export class VerificationPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const s = plugin.settings(guild.id);
		const [counts, waiting, note] = await Promise.all([
			plugin.counters.read(guild.id),
			countWaiting(guild.id),
			plugin.counters.lastNote(guild.id),
		]);
		const notices = plugin.enabledIn(guild.id) || configured(s) ? gateProblems(guild, s) : [];
		if (note)
			notices.push(`Last problem (${note.at.toISOString().slice(0, 16).replace('T', ' ')} UTC): ${note.message}`);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: 'Verified', value: counts.verified ?? 0 },
				{ label: 'Skipped the gate', value: counts.skipped ?? 0 },
				{ label: 'Removed', value: counts.kicked ?? 0 },
				{ label: 'Waiting', value: waiting },
				{ label: 'Wrong captcha answers', value: counts.failedCaptchas ?? 0 },
			],
			notices,
			extra: await renderPanel(guild, requestContext(request).session?.csrfToken ?? ''),
		});
	}
}
