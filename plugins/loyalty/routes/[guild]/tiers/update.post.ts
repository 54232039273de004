import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, requestContext } from 'foyer';
import { recordChange } from '../../../_audit.ts';
import { answerTiers, tierValues } from '../../../_tier-routes.ts';
import { listTiers, updateTier } from '../../../_tiers.ts';
import plugin from '../../../plugin.ts';

/** POST /loyalty/<guild>/tiers/update (field `tier`): saves a tier's name, threshold, role and benefits. */
export class LoyaltyUpdateTierRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const id = Number(field(requestContext(request).body, 'tier') ?? '');
		const values = tierValues(request);
		const before = (await listTiers(guild.id)).find((t) => t.id === id) ?? null;
		const result = await updateTier(guild, id, values, t);
		if (!result.ok) return answerTiers(request, response, guild, 422, { tierId: id, values, errors: result.errors });
		await recordChange(request, guild, 'tier.update', before, result.tier);
		const text = t('tiers.saved', { name: result.tier.name });
		return answerTiers(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
