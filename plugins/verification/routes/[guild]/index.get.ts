import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, requestContext, sendPluginPage } from 'foyer';
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
		const locale = pageLocale(request);
		const t = plugin.translator({ locale });
		const [counts, waiting, note] = await Promise.all([
			plugin.counters.read(guild.id),
			countWaiting(guild.id),
			plugin.counters.lastNote(guild.id),
		]);
		const notices = plugin.enabledIn(guild.id) || configured(s) ? gateProblems(guild, s, t) : [];
		if (note)
			notices.push(
				t('page.lastProblem', { at: note.at.toISOString().slice(0, 16).replace('T', ' '), message: note.message }),
			);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: t('page.verified'), value: counts.verified ?? 0 },
				{ label: t('page.skipped'), value: counts.skipped ?? 0 },
				{ label: t('page.removed'), value: counts.kicked ?? 0 },
				{ label: t('page.waiting'), value: waiting },
				{ label: t('page.wrongCaptcha'), value: counts.failedCaptchas ?? 0 },
			],
			notices,
			extra: await renderPanel(guild, requestContext(request).session?.csrfToken ?? '', locale),
		});
	}
}
