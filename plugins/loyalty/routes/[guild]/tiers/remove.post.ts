import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, requestContext } from 'foyer';
import { recordChange } from '../../../_audit.ts';
import { answerTiers } from '../../../_tier-routes.ts';
import { removeTier } from '../../../_tiers.ts';
import plugin from '../../../plugin.ts';

/** POST /loyalty/<guild>/tiers/remove (field `tier`): removes a tier; its members move to the tier below. */
export class LoyaltyRemoveTierRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const id = Number(field(requestContext(request).body, 'tier') ?? '');
		const removed = Number.isInteger(id) ? await removeTier(guild.id, id) : null;
		if (!removed) {
			const text = t('tiers.gone');
			return answerTiers(request, response, guild, 422, { message: { kind: 'error', text } });
		}
		await recordChange(request, guild, 'tier.remove', removed, null);
		const text = t('tiers.removed', { name: removed.name });
		return answerTiers(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
