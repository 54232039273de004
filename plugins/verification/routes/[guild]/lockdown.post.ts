import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, recordDashboardChange, requestContext } from 'foyer';
import { answerPanel } from '../../_panel-reply.ts';
import { engage, lift } from '../../lockdown/_lockdown.ts';
import plugin from '../../plugin.ts';

/** POST /verification/<guild>/lockdown (field `state` on|off): the lockdown by hand, as /verify lockdown does. */
export class VerificationLockdownRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body, session } = requestContext(request);
		const state = field(body, 'state');
		const t = plugin.translator({ locale: pageLocale(request) });
		// The lockdown's reason is posted for everyone: in the server's language.
		const shared = plugin.translator({ guild: guild.id });
		const actor = { id: session?.userId ?? '', name: session?.username ?? t('page.dashboardUser') };
		const answer = (status: number, kind: 'ok' | 'error', text: string) =>
			answerPanel(request, response, guild, status, { kind, text });
		if (state !== 'on' && state !== 'off') return answer(422, 'error', t('page.badState'));
		const done =
			state === 'on'
				? (await engage(guild, { automatic: false, reason: shared('reason.dashboardLocked'), actor })) !== null
				: await lift(guild, { reason: shared('reason.dashboardLifted'), actor });
		if (!done) return answer(409, 'error', t(state === 'on' ? 'page.alreadyLocked' : 'page.noLockdown'));
		await recordDashboardChange(request, {
			plugin: plugin.id,
			guildId: guild.id,
			action: `${plugin.id}.lockdown`,
			before: { lockdown: state === 'off' },
			after: { lockdown: state === 'on' },
		});
		return answer(200, 'ok', t(state === 'on' ? 'page.engaged' : 'page.lifted'));
	}
}
