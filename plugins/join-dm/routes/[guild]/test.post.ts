import { Route } from '@sapphire/plugin-api';
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { guildOf, pageLocale, requestContext, sendActionResult } from 'foyer';
import plugin from '../../plugin.ts';

/** "Send me a test DM": the join DM, rendered for the admin pressing the button. */
export class JoinDmTestRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const back = `/${plugin.id}/${guild.id}`;
		const t = plugin.translator({ locale: pageLocale(request) });
		const member = await guild.members.fetch(requestContext(request).session?.userId ?? '').catch(() => null);
		if (!member) return sendActionResult(request, response, { kind: 'error', text: t('test.notMember'), back });
		const { template } = plugin.settings(guild.id);
		const rendered = await plugin.renderTemplate(template, member);
		try {
			const message = await member.send({ content: rendered.content, allowedMentions: rendered.allowedMentions });
			return sendActionResult(request, response, {
				kind: 'ok',
				text: t('test.sent'),
				back,
				message,
			});
		} catch (error) {
			const closed = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;
			const text = closed
				? t('test.closed')
				: t('test.failed', { reason: error instanceof Error ? error.message : String(error) });
			return sendActionResult(request, response, { kind: 'error', text, status: closed ? 409 : 502, back });
		}
	}
}
