import type { Logger } from 'pino';
import type { Database } from '../core/database/database.ts';
import { DbPluginStateStore } from '../core/plugins/db-plugin-state.ts';
import type { Emulator } from '../emulator/emulator.ts';
import { Foyer } from '../foyer.ts';
import type { Backend } from './backends.ts';

/**
 * A Foyer as `npm start` builds one on `backend` (plugin state, jobs and everything else in its
 * database, its scheduler, the dashboard), logged into `emulator`. Stopping it and calling this
 * again is a restart: the database is closed and opened anew, and the same data is there.
 */
export async function startFoyerOnBackend(options: {
	emulator: Emulator;
	backend: Backend;
	pluginRoots: string[];
	logger: Logger;
}): Promise<{ foyer: Foyer; db: Database }> {
	const { emulator, logger, backend } = options;
	const db = await backend.reopen();
	const foyer = await Foyer.start({
		token: emulator.token,
		restApi: emulator.apiUrl,
		pluginRoots: options.pluginRoots,
		logger,
		db,
		state: await DbPluginStateStore.load(db),
		scheduler: backend.scheduler(logger),
		dashboard: {
			oauth: { clientSecret: emulator.defaultApp.clientSecret, webUrl: emulator.url, apiUrl: emulator.apiUrl },
			owners: [],
		},
	});
	return { foyer, db };
}
