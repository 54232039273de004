import { Route } from '@sapphire/plugin-api';
import { handleDelivery } from '../../_delivery.ts';
import { sendJson } from '../../_json-reply.ts';

/**
 * POST /loyalty/<guild>/purchases: the shop's signed purchase and refund webhook. Public (a shop
 * has no dashboard session); the signature with the guild's secret is its authentication.
 */
export class LoyaltyPurchasesRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { access: 'public' });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const id = String(request.params.guild ?? '');
		const guild = /^\d{17,20}$/.test(id) ? (this.container.client.guilds.cache.get(id) ?? null) : null;
		const answer = await handleDelivery(request, guild);
		sendJson(response, answer.status, answer.body, answer.headers);
	}
}
