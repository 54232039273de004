import { Route } from '@sapphire/plugin-api';
import type {
	MemberMessageKitOptions,
	MemberMessagePlugin,
} from '../../core/member-message-kit/member-message-plugin.ts';
import { isAccessError, sendProblem } from '../../core/messaging/channel-problems.ts';
import { sendActionResult } from '../http/action-result.ts';
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
			const refuse = (text: string, status: number) =>
				sendActionResult(request, response, { kind: 'error', text, status, back });
			const member = await guild.members.fetch(requestContext(request).session?.userId ?? '').catch(() => null);
			if (!member) return refuse('You are not a member of this server.', 409);
			const s = plugin.settings(guild.id) as ReturnType<P['settings']>;
			const problem = sendProblem(guild, s.channel);
			if (problem) return refuse(`Not sent: ${problem} Choose a channel in the settings below.`, 409);
			try {
				const result = await plugin.postMemberMessage(options.message(member, s));
				if (!result) return refuse('Not sent: no channel Foyer can send to. Choose one in the settings below.', 409);
				const where = 'name' in result.message.channel ? `#${result.message.channel.name}` : 'the channel';
				return sendActionResult(request, response, {
					kind: 'ok',
					text: `Sent to ${where}.`,
					back,
					message: result.message,
				});
			} catch (error) {
				// Permissions can change between the check and the send: still the channel's fault, not Foyer's.
				if (isAccessError(error))
					return refuse(`Not sent: Discord says Foyer may not post there (${error.message}).`, 409);
				return refuse(`Discord refused the message: ${error instanceof Error ? error.message : String(error)}`, 502);
			}
		}
	};
}
