import { Route } from '@sapphire/plugin-api';
import { guildOf } from 'foyer';
import { recordChange } from '../../_audit.ts';
import { answerTiers, tierValues } from '../../_tier-routes.ts';
import { addTier } from '../../_tiers.ts';

/** POST /loyalty/<guild>/tiers: adds a tier (name, threshold, role, benefits). */
export class LoyaltyAddTierRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const values = tierValues(request);
		const result = await addTier(guild, values);
		if (!result.ok) return answerTiers(request, response, guild, 422, { tierId: null, values, errors: result.errors });
		await recordChange(request, guild, 'tier.add', null, result.tier);
		const text = `Added ${result.tier.name}, reached at ${result.tier.threshold} points.`;
		return answerTiers(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
