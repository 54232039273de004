import { Route } from '@sapphire/plugin-api';
import { guildOf, isAccessError, postMemberMessage, requestContext, sendActionResult, sendProblem } from 'foyer';
import { goodbyeMessage, type LeaveSettings } from '../../listeners/_goodbye-message.ts';

/** "Send a test message": the goodbye, as if the admin pressing the button had left (they stay). */
export class LeaveTestRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const back = `/leave/${guild.id}`;
		const refuse = (text: string, status: number) =>
			sendActionResult(request, response, { kind: 'error', text, status, back });
		const member = await guild.members.fetch(requestContext(request).session?.userId ?? '').catch(() => null);
		if (!member) return refuse('You are not a member of this server.', 409);
		const s = this.container.plugins.settings('leave', guild.id) as LeaveSettings;
		const problem = sendProblem(guild, s.channel);
		if (problem) return refuse(`Not sent: ${problem} Choose a channel in the settings below.`, 409);
		try {
			const result = await postMemberMessage(goodbyeMessage(member, s));
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
}
