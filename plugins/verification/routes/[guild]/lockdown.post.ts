import { Route } from '@sapphire/plugin-api';
import { field, guildOf, recordDashboardChange, requestContext } from 'foyer';
import { answerPanel } from '../../_panel-reply.ts';
import { engage, lift } from '../../lockdown/_lockdown.ts';
import plugin from '../../plugin.ts';

/** POST /verification/<guild>/lockdown (field `state` on|off): the lockdown by hand, as /verify lockdown does. */
export class VerificationLockdownRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body, session } = requestContext(request);
		const state = field(body, 'state');
		const actor = { id: session?.userId ?? '', name: session?.username ?? 'a dashboard user' };
		const answer = (status: number, kind: 'ok' | 'error', text: string) =>
			answerPanel(request, response, guild, status, { kind, text });
		if (state !== 'on' && state !== 'off') return answer(422, 'error', 'The state must be on or off.');
		const done =
			state === 'on'
				? (await engage(guild, { automatic: false, reason: 'locked down from the dashboard.', actor })) !== null
				: await lift(guild, { reason: 'lifted from the dashboard.', actor });
		if (!done)
			return answer(
				409,
				'error',
				state === 'on' ? 'The server is already locked down.' : 'There is no lockdown to lift.',
			);
		await recordDashboardChange(request, {
			plugin: plugin.id,
			guildId: guild.id,
			action: `${plugin.id}.lockdown`,
			before: { lockdown: state === 'off' },
			after: { lockdown: state === 'on' },
		});
		return answer(200, 'ok', state === 'on' ? 'Lockdown engaged.' : 'Lockdown lifted.');
	}
}
