import type { StoreRegistry } from '@sapphire/framework';

const DESCRIPTION = '@sapphire/pieces:ManuallyRegisteredPieces';
const seen = new Map<string, Map<unknown, unknown>>();

function manualPieces(store: object): Map<unknown, unknown> | null {
	const symbol = Object.getOwnPropertySymbols(store).find((s) => s.description === DESCRIPTION);
	return symbol ? ((store as Record<symbol, Map<unknown, unknown>>)[symbol] ?? null) : null;
}

/**
 * Sapphire, plugin-api and Foyer register their built-in pieces (interaction listeners, the HTTP
 * request pipeline, the dashboard's routes) once per process with `loadPiece`, and only the first
 * client's stores receive them. Each new Foyer in the same process (a restart in a test, the plugin
 * harness) builds new stores: this hands them the pieces the earlier stores had, before login loads them.
 */
export function carryOverManualPieces(stores: StoreRegistry): void {
	for (const store of stores.values()) {
		const pieces = manualPieces(store);
		if (!pieces) continue;
		for (const [name, entry] of seen.get(store.name) ?? []) if (!pieces.has(name)) pieces.set(name, entry);
		seen.set(store.name, new Map(pieces));
	}
}
