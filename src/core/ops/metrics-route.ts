import { Route } from '@sapphire/plugin-api';

/** Prometheus metrics (METRICS_ENABLED=true); 404 otherwise, as if there were no such route. */
export class OpsMetricsRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'metrics', methods: ['GET'], access: 'public' });
	}

	override async run(_request: Route.Request, response: Route.Response) {
		const metrics = Reflect.get(this.container, 'metrics') as import('./foyer-metrics.ts').FoyerMetrics | undefined;
		if (!metrics) return response.status(404).text('Not found');
		const body = await metrics.render();
		response.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
		response.end(body);
	}
}
