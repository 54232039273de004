import { Route } from '@sapphire/plugin-api';
import { guildOf, postMemberMessage, requestContext, type SettingsOf, sendActionResult } from 'foyer';
import { joinEmbed } from '../../listeners/_embed.ts';
import type manifest from '../../plugin.ts';

type JoinSettings = SettingsOf<NonNullable<(typeof manifest)['settings']>>;

/** "Send a test message": the welcome, as if the admin pressing the button had just joined. */
export class JoinTestRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const back = `/join/${guild.id}`;
		const member = await guild.members.fetch(requestContext(request).session?.userId ?? '').catch(() => null);
		if (!member)
			return sendActionResult(request, response, { kind: 'error', text: 'You are not a member of this server.', back });
		const s = this.container.plugins.settings('join', guild.id) as JoinSettings;
		try {
			const result = await postMemberMessage({
				plugin: 'join',
				member,
				channelId: s.channel,
				template: s.template,
				combinedTemplate: s.raidTemplate,
				...(s.embed ? { embed: joinEmbed(s) } : {}),
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
