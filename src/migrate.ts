import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './core/config/load-config.ts';
import { Database } from './core/database/database.ts';
import { validateManifest } from './core/plugins/manifest.ts';
import { discoverPluginDirs } from './core/plugins/plugin-manager.ts';

/**
 * `npm run migrate`: creates the core's and every plugin's tables (safe update: never drops) and
 * applies each plugin's pending migrations, without starting the bot. Foyer does the same at start;
 * this is for deployments that migrate before rolling out.
 */
let config: ReturnType<typeof loadConfig>;
try {
	config = loadConfig();
} catch (error) {
	if (error instanceof ConfigError) {
		console.error(error.message);
		process.exit(2);
	}
	throw error;
}
const db = await Database.open({
	...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}),
	sqlitePath: resolve(config.FOYER_DATA_DIR, 'foyer.db'),
});
let failed = 0;
for (const dir of await discoverPluginDirs([resolve('plugins')], config.FOYER_PLUGINS ?? [])) {
	const file = ['plugin.ts', 'plugin.js', 'plugin.mjs'].map((f) => join(dir, f)).find((f) => existsSync(f));
	if (!file) continue;
	try {
		const manifest = validateManifest(
			((await import(pathToFileURL(file).href)) as { default?: unknown }).default,
			file,
		);
		if (manifest.entities?.length) await db.registerEntities(manifest.id, manifest.entities);
		const applied = manifest.migrations?.length ? await db.runMigrations(manifest.id, manifest.migrations) : [];
		console.log(`${manifest.id}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
	} catch (error) {
		failed++;
		console.error(`${dir}: ${error instanceof Error ? error.message : String(error)}`);
	}
}
await db.close();
process.exit(failed ? 1 : 0);
