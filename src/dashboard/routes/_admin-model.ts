import { basename } from 'node:path';
import { container } from '@sapphire/framework';

export interface AdminPluginRow {
	key: string;
	id: string | null;
	name: string;
	version: string;
	dir: string;
	folder: string;
	status: 'loaded' | 'failed' | 'available';
	error: string | null;
	pieces: number;
	reloads: number;
	loadedAt: string;
}

/** Every plugin the manager knows or can find on disk: loaded, failed (with the error) and available. */
export async function adminPluginRows(): Promise<AdminPluginRow[]> {
	const plugins = container.plugins;
	const known = plugins.list();
	const rows: AdminPluginRow[] = known.map((p) => ({
		key: p.id ?? basename(p.dir),
		id: p.id,
		name: p.name ?? basename(p.dir),
		version: p.version ?? '',
		dir: p.dir,
		folder: basename(p.dir),
		status: p.status,
		error: p.error,
		pieces: p.pieces,
		reloads: p.reloads,
		loadedAt: p.loadedAt ? new Date(p.loadedAt).toISOString().slice(0, 19).replace('T', ' ') : '',
	}));
	const knownDirs = new Set(known.map((p) => p.dir));
	for (const dir of await plugins.discover())
		if (!knownDirs.has(dir))
			rows.push({
				key: basename(dir),
				id: null,
				name: basename(dir),
				version: '',
				dir,
				folder: basename(dir),
				status: 'available',
				error: null,
				pieces: 0,
				reloads: 0,
				loadedAt: '',
			});
	return rows.sort((a, b) => a.name.localeCompare(b.name));
}
