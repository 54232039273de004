import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, recordDashboardChange, requestContext } from 'foyer';
import { answerPanel } from '../../../_panel-reply.ts';
import { kickMember } from '../../../gate/_kick.ts';
import { memberOf } from '../../../gate/_members.ts';
import { findWaiting } from '../../../gate/_waiting.ts';
import plugin from '../../../plugin.ts';

/** POST /verification/<guild>/members/kick (field `member`): "Remove now" for a member waiting at the gate. */
export class VerificationKickNowRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body, session } = requestContext(request);
		const id = field(body, 'member') ?? '';
		const locale = pageLocale(request);
		const t = plugin.translator({ locale });
		const refuse = (status: number, text: string) =>
			answerPanel(request, response, guild, status, { kind: 'error', text });
		if (!/^\d{17,20}$/.test(id)) return refuse(422, t('page.chooseMember'));
		// Only members at the gate: this page is not a general kick button.
		if (!(await findWaiting(guild.id, id))) return refuse(409, t('page.notWaiting'));
		const member = await memberOf(guild, id);
		if (!member) return refuse(404, t('page.memberGone'));
		const name = session?.username ?? t('page.dashboardUser');
		const outcome = await kickMember(member, {
			cause: 'moderator',
			// The reason goes to the log channel and the panel's log: in the server's language.
			reason: plugin.t('page.removedBy', { guild: guild.id, vars: { name } }),
			actor: { id: session?.userId ?? '', name },
		});
		if (!outcome.ok) return refuse(409, t('page.notRemoved', { name: member.user.username, reason: outcome.text }));
		await recordDashboardChange(request, {
			plugin: plugin.id,
			guildId: guild.id,
			action: `${plugin.id}.kick`,
			before: { member: id, username: member.user.username },
			after: null,
		});
		return answerPanel(request, response, guild, 200, {
			kind: 'ok',
			text: t('page.wasRemoved', { name: member.user.username }),
		});
	}
}
