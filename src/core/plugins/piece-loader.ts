import { readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import type { Piece, Store } from '@sapphire/framework';
import { container, Listener } from '@sapphire/framework';
import type { PluginEventGate } from './event-gate.ts';
import { moduleUrl } from './module-generations.ts';

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
			const piece = construct(classes[0], { name, root, path: relative(root, file), extension: extname(file) });
			if (piece instanceof Listener) {
				if ((piece.event as string) === name)
					throw new Error(
						`${relative(dir, file)}: a plugin listener must name its event in its options ({ event: Events.X })`,
					);
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
		if (store?.has(ref.name)) await store.unload(ref.name);
	}
}
