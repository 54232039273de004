import { Route } from '@sapphire/plugin-api';
import { guildOf, postMemberMessage, requestContext, sendActionResult } from 'foyer';

/** "Send a test message": the goodbye, as if the admin pressing the button had left (they stay). */
export class LeaveTestRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const back = `/leave/${guild.id}`;
		const member = await guild.members.fetch(requestContext(request).session?.userId ?? '').catch(() => null);
		if (!member)
			return sendActionResult(request, response, { kind: 'error', text: 'You are not a member of this server.', back });
		const s = this.container.plugins.settings('leave', guild.id) as {
			channel: string | null;
			template: string;
			raidTemplate: string;
		};
		try {
			const result = await postMemberMessage({
				plugin: 'leave',
				member,
				channelId: s.channel,
				template: s.template,
				combinedTemplate: s.raidTemplate,
			});
			if (!result)
				return sendActionResult(request, response, {
					kind: 'error',
					text: 'No channel Foyer can send to: choose one in the settings below.',
					status: 409,
					back,
				});
			const where = 'name' in result.message.channel ? `#${result.message.channel.name}` : 'the channel';
			return sendActionResult(request, response, { kind: 'ok', text: `Sent to ${where}.`, back });
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return sendActionResult(request, response, {
				kind: 'error',
				text: `Discord refused the message: ${reason}`,
				status: 502,
				back,
			});
		}
	}
}
