import { container } from '@sapphire/framework';
import { OpsHealthRoute } from './health-route.ts';
import { OpsMetricsRoute } from './metrics-route.ts';
import { OpsReadyRoute } from './ready-route.ts';

let registered = false;

/** GET /health, /ready and /metrics on the dashboard port, registered once per process. */
export function registerOpsPieces(): void {
	if (registered) return;
	registered = true;
	for (const [name, piece] of Object.entries({
		health: OpsHealthRoute,
		ready: OpsReadyRoute,
		metrics: OpsMetricsRoute,
	}))
		void container.stores.loadPiece({ store: 'routes', name: `foyer:ops/${name}`, piece });
}
