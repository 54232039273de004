import { type ResolveFnOutput, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * ESM caches every module by URL, so re-importing a plugin's entry would reuse its helpers. A resolve
 * hook tags every module inside a plugin folder with that plugin's generation (`?g=N`): bumping the
 * generation makes the next import evaluate the plugin's whole module graph again, while modules
 * outside the folder (the core, node_modules) stay shared.
 */
const generations = new Map<string, number>();
let installed = false;

/** Foyer's own package.json: `foyer` resolved from here is the running Foyer (package self-reference). */
const FOYER_PACKAGE = new URL('../../../package.json', import.meta.url).href;
const isFoyerSpecifier = (specifier: string) => specifier === 'foyer' || specifier.startsWith('foyer/');

/**
 * Resolutions asked from inside node_modules, by parent, specifier and conditions. A hook runs on
 * every `require`, cached module or not, and discord.js requires lazily inside hot paths (each
 * `channel.send`, MessagePayload's getters): resolving those again cost ~4% of a raid's CPU. A
 * package's imports never resolve into a plugin folder, and packages do not move while Foyer runs.
 */
const packageResolutions = new Map<string, ResolveFnOutput>();

function install(): void {
	if (installed) return;
	installed = true;
	registerHooks({
		resolve(specifier, context, nextResolve) {
			const parent = context.parentURL;
			if (parent?.includes('/node_modules/') && !isFoyerSpecifier(specifier)) {
				const key = `${parent}\0${specifier}\0${context.conditions?.join(',') ?? ''}`;
				const cached = packageResolutions.get(key);
				if (cached) return cached;
				const resolved = nextResolve(specifier, context);
				if (!resolved.url.startsWith('file:') || resolved.url.includes('/node_modules/'))
					packageResolutions.set(key, { ...resolved, shortCircuit: true });
				return resolved;
			}
			// A plugin outside Foyer's package (an npm package, a folder with its own package.json) imports
			// the Foyer that loads it, never a copy of its own: one container, one set of stores.
			const resolved = isFoyerSpecifier(specifier)
				? nextResolve(specifier, { ...context, parentURL: FOYER_PACKAGE })
				: nextResolve(specifier, context);
			if (!resolved.url.startsWith('file:') || resolved.url.includes('/node_modules/')) return resolved;
			for (const [root, generation] of generations) {
				if (resolved.url.startsWith(root)) {
					const url = new URL(resolved.url);
					url.searchParams.set('g', String(generation));
					return { ...resolved, url: url.href };
				}
			}
			return resolved;
		},
	});
}

function rootUrl(dir: string): string {
	const href = pathToFileURL(dir).href;
	return href.endsWith('/') ? href : `${href}/`;
}

/** Starts tagging modules under `dir`; returns the URL to import a file of it at the current generation. */
export function trackPluginFolder(dir: string): void {
	install();
	const root = rootUrl(dir);
	if (!generations.has(root)) generations.set(root, 0);
}

/** Whether modules under `dir` were imported before in this process (by any plugin manager). */
export function isTracked(dir: string): boolean {
	return generations.has(rootUrl(dir));
}

/** The next import of any module under `dir` evaluates it anew. */
export function bumpGeneration(dir: string): number {
	const root = rootUrl(dir);
	const next = (generations.get(root) ?? 0) + 1;
	generations.set(root, next);
	return next;
}

/** Goes back to an earlier generation: its modules are still cached, so this restores them exactly. */
export function setGeneration(dir: string, generation: number): void {
	generations.set(rootUrl(dir), generation);
}

export function currentGeneration(dir: string): number {
	return generations.get(rootUrl(dir)) ?? 0;
}

/** The URL to import `file` (inside a tracked folder) at its folder's current generation. */
export function moduleUrl(dir: string, file: string): string {
	const url = pathToFileURL(file);
	url.searchParams.set('g', String(generations.get(rootUrl(dir)) ?? 0));
	return url.href;
}
