import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../../dashboard/container.ts';
import { field } from '../../dashboard/http/body.ts';
import { pageLocale, pageTexts } from '../../dashboard/http/page-locale.ts';
import { isHtmx, requestContext } from '../../dashboard/http/request-context.ts';
import { guildOf, redirect, renderView, sendError, sendFragment } from '../../dashboard/http/respond.ts';
import { EmulatorControl } from '../../emulator/control-client.ts';

const USERNAME = /^[a-z0-9_.]{2,32}$/;

/** Sandbox actions on the emulated server: `join` (optionally through a new invite), `leave`, `command`. */
export class DashboardSandboxActionRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/sandbox/[action]', methods: ['POST'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const sandbox = runningDashboard().sandbox;
		const t = pageTexts(request);
		if (!sandbox) return sendError(request, response, 404, t('sandbox.only'));
		const guild = guildOf(request);
		const { body } = requestContext(request);
		const control = new EmulatorControl(sandbox.emulatorUrl);
		const action = String(request.params.action);
		let text: string;
		try {
			if (action === 'join') {
				const username = (field(body, 'username') ?? '').trim().toLowerCase();
				if (!USERNAME.test(username)) return sendError(request, response, 400, t('sandbox.badUsername'));
				const viaInvite = field(body, 'invite') === 'on';
				const invite = viaInvite ? await control.createInvite(guild.id, { inviter_id: guild.ownerId }) : null;
				await control.join(guild.id, { user: { username }, ...(invite ? { invite_code: String(invite.code) } : {}) });
				text = invite
					? t('sandbox.joinedInvite', { username, code: String(invite.code) })
					: t('sandbox.joined', { username });
			} else if (action === 'leave') {
				const userId = field(body, 'user_id') ?? '';
				if (!guild.members.cache.has(userId)) return sendError(request, response, 400, t('sandbox.pickMember'));
				await control.leave(guild.id, userId);
				text = t('sandbox.left');
			} else if (action === 'command') {
				const command = (field(body, 'command') ?? '').trim().replace(/^\//, '');
				const userId = field(body, 'user_id') || guild.ownerId;
				const channelId = field(body, 'channel_id') ?? '';
				if (!/^[\w-]{1,32}( [\w-]{1,32}){0,2}$/.test(command))
					return sendError(request, response, 400, t('sandbox.badCommand'));
				if (!guild.channels.cache.has(channelId)) return sendError(request, response, 400, t('sandbox.pickChannel'));
				// The owner "speaks" the server's language, so the answer is in it, as the pages are.
				const locale = pageLocale(request);
				const answer = (await control.command({ channel_id: channelId, user_id: userId, command, locale })) as {
					content?: string;
					data?: { content?: string };
				};
				text = t('sandbox.answered', {
					command,
					answer: answer.data?.content ?? answer.content ?? t('sandbox.noText'),
				});
			} else return sendError(request, response, 404, t('sandbox.unknownAction', { action }));
		} catch (error) {
			return sendError(
				request,
				response,
				400,
				t('sandbox.refused', { reason: error instanceof Error ? error.message : String(error) }),
			);
		}
		if (!isHtmx(request)) return redirect(response, `/guilds/${guild.id}/sandbox`);
		const html = renderView('partials/flash', { locale: pageLocale(request), flash: { kind: 'ok', text } });
		sendFragment(response, 200, html);
	}
}
