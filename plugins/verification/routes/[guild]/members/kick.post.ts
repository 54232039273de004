import { Route } from '@sapphire/plugin-api';
import { field, guildOf, recordDashboardChange, requestContext } from 'foyer';
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
		const refuse = (status: number, text: string) =>
			answerPanel(request, response, guild, status, { kind: 'error', text });
		if (!/^\d{17,20}$/.test(id)) return refuse(422, 'Choose a member from the list.');
		// Only members at the gate: this page is not a general kick button.
		if (!(await findWaiting(guild.id, id)))
			return refuse(409, 'That member is not waiting at the gate (any more); the list below is up to date.');
		const member = await memberOf(guild, id);
		if (!member) return refuse(404, 'That member is no longer in the server; the list below is up to date.');
		const name = session?.username ?? 'a dashboard user';
		const outcome = await kickMember(member, {
			cause: 'moderator',
			reason: `Removed from the dashboard by ${name} before verifying.`,
			actor: { id: session?.userId ?? '', name },
		});
		if (!outcome.ok) return refuse(409, `${member.user.username} was not removed: ${outcome.text}`);
		await recordDashboardChange(request, {
			plugin: plugin.id,
			guildId: guild.id,
			action: `${plugin.id}.kick`,
			before: { member: id, username: member.user.username },
			after: null,
		});
		return answerPanel(request, response, guild, 200, { kind: 'ok', text: `${member.user.username} was removed.` });
	}
}
