import { Route } from '@sapphire/plugin-api';

/** Liveness: the process answers HTTP. Public, and says nothing else. */
export class OpsHealthRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'health', methods: ['GET'], access: 'public' });
	}

	override run(_request: Route.Request, response: Route.Response) {
		response.setHeader('Cache-Control', 'no-store');
		response.json({ status: 'ok' });
	}
}
