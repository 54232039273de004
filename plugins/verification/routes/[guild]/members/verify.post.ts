import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, recordDashboardChange, requestContext } from 'foyer';
import { answerPanel } from '../../../_panel-reply.ts';
import { memberOf } from '../../../gate/_members.ts';
import { verifyMember } from '../../../gate/_verify.ts';
import plugin from '../../../plugin.ts';

/** POST /verification/<guild>/members/verify (field `member`): "Verify now" for a waiting member. */
export class VerificationVerifyNowRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body, session } = requestContext(request);
		const id = field(body, 'member') ?? '';
		const locale = pageLocale(request);
		const t = plugin.translator({ locale });
		const refuse = (status: number, text: string) =>
			answerPanel(request, response, guild, status, { kind: 'error', text });
		if (!/^\d{17,20}$/.test(id)) return refuse(422, t('page.chooseMember'));
		const member = await memberOf(guild, id);
		if (!member) return refuse(404, t('page.memberGone'));
		const actor = { id: session?.userId ?? '', name: session?.username ?? t('page.dashboardUser') };
		const outcome = await verifyMember(member, 'moderator', { actor, locale });
		if (!outcome.ok) {
			if (outcome.reason === 'already') return refuse(409, t('page.alreadyVerified', { name: member.user.username }));
			return refuse(
				outcome.reason === 'roles' ? 409 : 422,
				t('page.notVerified', { name: member.user.username, reason: outcome.text }),
			);
		}
		await recordDashboardChange(request, {
			plugin: plugin.id,
			guildId: guild.id,
			action: `${plugin.id}.verify`,
			before: { member: id, username: member.user.username },
			after: { verified: true },
		});
		return answerPanel(request, response, guild, 200, {
			kind: 'ok',
			text: t('page.isVerified', { name: member.user.username }),
		});
	}
}
