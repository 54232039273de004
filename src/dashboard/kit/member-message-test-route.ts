import { Route } from '@sapphire/plugin-api';
import type {
	MemberMessageKitOptions,
	MemberMessagePlugin,
} from '../../core/member-message-kit/member-message-plugin.ts';
import { isAccessError, sendProblem } from '../../core/messaging/channel-problems.ts';
import { sendActionResult } from '../http/action-result.ts';
import { pageTexts } from '../http/page-locale.ts';
import { requestContext } from '../http/request-context.ts';
import { guildOf } from '../http/respond.ts';

/**
 * The dashboard's "Send a test message" button for a member-message plugin: the message, as if the
 * admin pressing it had just joined (or left), with the reason when it cannot be sent.
 */
export function memberMessageTestRoute<P extends MemberMessagePlugin>(
	options: Pick<MemberMessageKitOptions<P>, 'plugin' | 'message'>,
) {
	const { plugin } = options;
	return class MemberMessageTestRoute extends Route {
		override async run(request: Route.Request, response: Route.Response) {
			const guild = guildOf(request);
			const back = `/${plugin.id}/${guild.id}`;
			const t = pageTexts(request);
			const refuse = (text: string, status: number) =>
				sendActionResult(request, response, { kind: 'error', text, status, back });
			const member = await guild.members.fetch(requestContext(request).session?.userId ?? '').catch(() => null);
			if (!member) return refuse(t('test.notMember'), 409);
			const s = plugin.settings(guild.id) as ReturnType<P['settings']>;
			const problem = sendProblem(guild, s.channel);
			if (problem) return refuse(t('test.problem', { problem }), 409);
			try {
				const result = await plugin.postMemberMessage(options.message(member, s));
				if (!result) return refuse(t('test.noChannel'), 409);
				const where = 'name' in result.message.channel ? `#${result.message.channel.name}` : t('test.theChannel');
				return sendActionResult(request, response, {
					kind: 'ok',
					text: t('test.sent', { where }),
					back,
					message: result.message,
				});
			} catch (error) {
				// Permissions can change between the check and the send: still the channel's fault, not Foyer's.
				if (isAccessError(error)) return refuse(t('test.refused', { reason: error.message }), 409);
				return refuse(t('test.failed', { reason: error instanceof Error ? error.message : String(error) }), 502);
			}
		}
	};
}
