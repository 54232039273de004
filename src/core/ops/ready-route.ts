import { Route } from '@sapphire/plugin-api';
import { opsState } from './ops-state.ts';
import { readiness } from './readiness.ts';

/** Readiness: gateway connected, database and scheduler reachable (200), or which is not (503). Public. */
export class OpsReadyRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'ready', methods: ['GET'], access: 'public' });
	}

	override async run(_request: Route.Request, response: Route.Response) {
		const { client, scheduler } = this.container;
		const db = Reflect.get(this.container, 'db') as typeof this.container.db | undefined;
		const result = await readiness({ client, db, scheduler, stopping: opsState.stopping });
		response.setHeader('Cache-Control', 'no-store');
		response
			.status(result.ready ? 200 : 503)
			.json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
	}
}
