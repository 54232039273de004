import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import { wordsOf } from '../../dashboard/_format.ts';
import { subnav } from '../../dashboard/_paths.ts';
import { trackingChecks, trackingFacts } from '../../dashboard/_tracking-status.ts';
import plugin from '../../plugin.ts';
import { inviteStats } from '../../records/index.ts';

const DAY = 86_400_000;

/** GET /invites/<guild>: the last 30 days in figures, the tracking status (what each missing permission costs) and the settings (fraud rules, ranks). */
export class InvitesPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const now = plugin.now();
		const stats = await inviteStats(guild.id, { from: Math.floor(now / DAY) * DAY - 29 * DAY, to: now + 1 });
		const checks = trackingChecks(trackingFacts(guild), w.t);
		const missing = checks.filter((c) => !c.ok);
		const figure = (key: string, value: number) => ({ label: w.t(`page.figures.${key}`), value: w.n(value) });
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				figure('joined', stats.totalJoins),
				figure('valid', stats.totalInvites),
				figure('flagged', stats.flagged),
				figure('net', stats.netGrowth),
			],
			notices: missing.filter((c) => c.essential).map((c) => c.missing ?? ''),
			extra: plugin.views.render('tracking', {
				locale: w.locale,
				links: subnav(guild.id, '', w.t),
				checks,
				allOk: missing.length === 0,
				missingCount: missing.length,
			}),
		});
	}
}
