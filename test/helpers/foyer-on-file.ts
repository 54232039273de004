import { join } from 'node:path';
import type { Logger } from 'pino';
import { Database } from '../../src/core/database/database.ts';
import { DbPluginStateStore } from '../../src/core/plugins/db-plugin-state.ts';
import { DbJobStore } from '../../src/core/scheduling/db-job-store.ts';
import { EmbeddedScheduler } from '../../src/core/scheduling/embedded-scheduler.ts';
import type { Emulator } from '../../src/emulator/emulator.ts';
import { Foyer } from '../../src/foyer.ts';

/**
 * A Foyer as `npm start` builds one (SQLite file in `dataDir`, plugin state and jobs in it, the
 * dashboard), logged into `emulator`: start it, stop it, start another on the same file = a restart.
 */
export async function startFoyerOnFile(options: {
	emulator: Emulator;
	dataDir: string;
	pluginRoots: string[];
	logger: Logger;
}): Promise<{ foyer: Foyer; db: Database }> {
	const { emulator, logger } = options;
	const db = await Database.open({ sqlitePath: join(options.dataDir, 'foyer.db') });
	const foyer = await Foyer.start({
		token: emulator.token,
		restApi: emulator.apiUrl,
		pluginRoots: options.pluginRoots,
		logger,
		db,
		state: await DbPluginStateStore.load(db),
		scheduler: new EmbeddedScheduler(new DbJobStore(db), logger, { pollMs: 100 }),
		dashboard: {
			oauth: { clientSecret: emulator.defaultApp.clientSecret, webUrl: emulator.url, apiUrl: emulator.apiUrl },
			owners: [],
		},
	});
	return { foyer, db };
}
