import { readdir } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import type { Piece, Store } from '@sapphire/framework';
import { container, Listener } from '@sapphire/framework';
import type { Route } from '@sapphire/plugin-api';
import { isPluginEvent, type PluginEventGate } from './event-gate.ts';
import { moduleUrl } from './module-generations.ts';
import { unmountRoute } from './route-unmount.ts';

/** Plugin folders and the Sapphire store each one feeds. */
export const PIECE_FOLDERS = [
	{ folder: 'listeners', store: 'listeners' },
	{ folder: 'commands', store: 'commands' },
	{ folder: 'interaction-handlers', store: 'interaction-handlers' },
	{ folder: 'routes', store: 'routes' },
	{ folder: 'scheduled-tasks', store: 'scheduled-tasks' },
] as const;

const CODE = new Set(['.ts', '.js', '.mjs', '.mts']);

async function* walk(dir: string): AsyncGenerator<string> {
	let entries: import('node:fs').Dirent[];
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		// `_`-prefixed files and folders are helpers, never pieces (as in Sapphire's own loader).
		if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
		const full = join(dir, entry.name);
		if (entry.isDirectory()) yield* walk(full);
		else if (
			CODE.has(extname(entry.name)) &&
			!entry.name.endsWith('.d.ts') &&
			!/\.(test|spec)\.[mc]?[jt]s$/.test(entry.name)
		)
			yield full;
	}
}

export interface LoadedPieceRef {
	store: string;
	name: string;
}

/** `welcome` + `listeners/member/add.ts` → `welcome:member/add`: unique across plugins, stable across reloads. */
export function pieceName(pluginId: string, folderRoot: string, file: string): string {
	const rel = relative(folderRoot, file).replaceAll('\\', '/');
	return `${pluginId}:${rel.slice(0, rel.length - extname(rel).length)}`;
}

export function pluginIdOfPiece(name: string): string | null {
	const i = name.indexOf(':');
	return i > 0 ? name.slice(0, i) : null;
}

/**
 * Imports every piece file of a plugin (at the plugin's current module generation), constructs the
 * exported piece classes under namespaced names and inserts them into their stores. Listeners are
 * attached to the plugin's event gate instead of the client.
 */
export async function loadPluginPieces(
	pluginId: string,
	dir: string,
	gate: PluginEventGate,
	/** Whether the plugin may listen to events of `provider` (itself, the core, a declared dependency). */
	uses: (provider: string) => boolean = (provider) => provider === pluginId,
): Promise<LoadedPieceRef[]> {
	const loaded: LoadedPieceRef[] = [];
	const pending: { store: Store<Piece>; piece: Piece }[] = [];
	for (const { folder, store: storeName } of PIECE_FOLDERS) {
		const root = join(dir, folder);
		const store = container.stores.get(storeName as never) as Store<Piece> | undefined;
		for await (const file of walk(root)) {
			if (!store)
				throw new Error(
					`${relative(dir, file)}: the "${storeName}" store is not available in this Foyer (is its Sapphire plugin registered?)`,
				);
			const mod = (await import(moduleUrl(dir, file))) as Record<string, unknown>;
			const classes = Object.values(mod).filter(
				(v): v is new (...args: never[]) => Piece =>
					typeof v === 'function' && v.prototype instanceof store.Constructor,
			);
			if (classes.length === 0) throw new Error(`${relative(dir, file)} exports no ${storeName} piece`);
			if (classes.length > 1)
				throw new Error(`${relative(dir, file)} exports ${classes.length} pieces; put one piece per file`);
			const name = pieceName(pluginId, root, file);
			const construct = store.construct.bind(store) as unknown as (
				ctor: unknown,
				data: Record<string, string>,
			) => Piece;
			const isRoute = storeName === 'routes';
			// A route derives its URL from its file name (`hello.get.ts`), so it is built under that name
			// and renamed afterwards; its URL is put under the plugin's id: /<plugin>/hello.
			const piece = construct(classes[0], {
				name: isRoute ? basename(file, extname(file)) : name,
				root,
				// Sapphire's PieceLocation expects the absolute file path; it derives the folders from it.
				path: file,
				extension: extname(file),
			});
			if (isRoute) {
				(piece as unknown as { name: string }).name = name;
				(piece as unknown as { path: string[] }).path.splice(routePrefixLength(), 0, pluginId);
			}
			if (storeName === 'interaction-handlers') gateInteractionHandler(piece, gate);
			// A listener or task failing because the database is away is run again once it is back.
			if (piece instanceof Listener || storeName === 'scheduled-tasks')
				container.databaseWaits?.wrap(piece as unknown as { name: string; run: () => unknown });
			if (piece instanceof Listener) {
				if ((piece.event as string) === name)
					throw new Error(
						`${relative(dir, file)}: a plugin listener must name its event in its options ({ event: Events.X })`,
					);
				const event = String(piece.event);
				const provider = isPluginEvent(event) ? event.slice(0, event.indexOf(':')) : null;
				if (provider !== null && !uses(provider))
					throw new Error(`${relative(dir, file)} listens to ${event}: add "${provider}" to the plugin's dependsOn`);
				(piece as unknown as { emitter: unknown }).emitter = gate;
			}
			pending.push({ store, piece });
		}
	}
	// Insert only once every file imported and constructed: a plugin loads whole or not at all.
	for (const { store, piece } of pending) {
		await store.insert(piece);
		loaded.push({ store: store.name, name: piece.name });
	}
	return loaded;
}

export async function unloadPluginPieces(pieces: readonly LoadedPieceRef[]): Promise<void> {
	for (const ref of pieces) {
		const store = container.stores.get(ref.store as never) as Store<Piece> | undefined;
		const piece = store?.get(ref.name);
		if (!store || !piece) continue;
		await store.unload(ref.name);
		if (ref.store === 'routes')
			unmountRoute((store as unknown as { router: unknown }).router, piece as unknown as Route);
	}
}

/**
 * A plugin's buttons and modals follow its per-guild enablement like its listeners do: in a guild
 * where the plugin is off, its handlers decline the interaction.
 */
function gateInteractionHandler(piece: Piece, gate: PluginEventGate): void {
	const handler = piece as unknown as { parse: (interaction: { guildId: string | null }) => unknown; none(): unknown };
	const parse = handler.parse.bind(handler);
	handler.parse = (interaction) =>
		interaction.guildId && !gate.enabledIn(interaction.guildId) ? handler.none() : parse(interaction);
}

/** How many path parts the API prefix takes (`/` → 0, `api/` → 1). */
function routePrefixLength(): number {
	const prefix = (container as unknown as { server?: { options: { prefix?: string } } }).server?.options.prefix ?? '';
	return prefix.split('/').filter(Boolean).length;
}
