import { resolve as resolvePath } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const core = `${resolvePath('src')}/`;

/**
 * In production a Node resolve hook (src/core/plugins/module-generations.ts) tags every module of a
 * plugin with the plugin's generation so that a reload re-evaluates its whole module graph. Vitest
 * loads modules through its own runner, which Node's hooks never see; this plugin does the same
 * tagging there: a relative import from a generation-tagged module inherits its `?g=N`.
 */
const pluginGenerations: Plugin = {
	name: 'foyer-plugin-generations',
	enforce: 'pre',
	async resolveId(source, importer, options) {
		if (!importer || !(source.startsWith('./') || source.startsWith('../'))) return null;
		const generation = importer.match(/[?&]g=(\d+)/)?.[1];
		if (generation === undefined) return null;
		const resolved = await this.resolve(source, importer.replace(/\?.*$/, ''), { ...options, skipSelf: true });
		if (!resolved || resolved.external || resolved.id.includes('/node_modules/') || resolved.id.startsWith(core))
			return resolved;
		return { ...resolved, id: `${resolved.id.replace(/\?.*$/, '')}?g=${generation}` };
	},
};

export default defineConfig({
	plugins: [pluginGenerations],
	// As Foyer's loader does in production (module-generations.ts): a plugin with its own package.json
	// (examples/, an installed npm package) imports the running Foyer as `foyer`.
	resolve: {
		alias: [
			{ find: /^foyer$/, replacement: resolvePath('src/index.ts') },
			{ find: /^foyer\/(testing|emulator)$/, replacement: `${resolvePath('src')}/$1/index.ts` },
		],
	},
	test: {
		include: [
			'test/**/*.test.ts',
			'plugins/*/test/**/*.test.ts',
			'examples/**/test/**/*.test.ts',
			'docs/samples/**/test/**/*.test.ts',
		],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
		reporters: ['default'],
	},
});
