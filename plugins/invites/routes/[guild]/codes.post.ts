import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { answerSection } from '../../dashboard/_answer.ts';
import { recordChange } from '../../dashboard/_audit.ts';
import { type CodesState, renderCodesSection } from '../../dashboard/_codes-section.ts';
import { createInvite } from '../../dashboard/_create-invite.ts';
import { wordsOf } from '../../dashboard/_format.ts';
import { parseInviteInput } from '../../dashboard/_invite-input.ts';
import { pagePath } from '../../dashboard/_paths.ts';

/**
 * POST /invites/<guild>/codes (channel, maxUses, maxAge, roles[], targets): creates an invite, which
 * may grant roles and be limited to listed users. A plain form gets a 303 to the invites page (the
 * new code is in its list); htmx gets the section with the code.
 */
export class InvitesCreateCodeRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const { body, session } = requestContext(request);
		const roles = body.roles;
		const input = parseInviteInput(
			guild,
			{
				channel: field(body, 'channel') ?? '',
				maxUses: field(body, 'maxUses') ?? '',
				maxAge: field(body, 'maxAge') ?? '',
				roles: Array.isArray(roles) ? roles : roles ? [roles] : [],
				targets: field(body, 'targets') ?? '',
			},
			w.t,
		);
		const answer = async (status: number, state: CodesState) =>
			answerSection(request, response, {
				status,
				title: 'codes',
				section: await renderCodesSection(guild, session?.csrfToken ?? '', w, state),
				back: `${pagePath(guild.id, 'codes')}#invites-codes`,
			});
		if (!input.ok) return answer(422, { values: input.values, errors: input.errors });
		const created = await createInvite(
			guild,
			input.request,
			w.t('codes.reason', { name: session?.username ?? w.t('codes.anAdmin') }),
			w.t,
		);
		if (!created.ok)
			return answer(502, {
				values: input.values,
				message: { kind: 'error', text: w.t('codes.notCreated', { problem: created.problem }) },
			});
		await recordChange(request, guild, 'invite.create', null, { code: created.code, ...input.request });
		return answer(200, { message: { kind: 'ok', text: w.t('codes.created') }, created: created.code });
	}
}
