import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale } from 'foyer';
import { recordChange } from '../../_audit.ts';
import { answerTiers, tierValues } from '../../_tier-routes.ts';
import { addTier } from '../../_tiers.ts';
import plugin from '../../plugin.ts';

/** POST /loyalty/<guild>/tiers: adds a tier (name, threshold, role, benefits). */
export class LoyaltyAddTierRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const values = tierValues(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const result = await addTier(guild, values, t);
		if (!result.ok) return answerTiers(request, response, guild, 422, { tierId: null, values, errors: result.errors });
		await recordChange(request, guild, 'tier.add', null, result.tier);
		const text = t('tiers.added', { name: result.tier.name, threshold: result.tier.threshold });
		return answerTiers(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
