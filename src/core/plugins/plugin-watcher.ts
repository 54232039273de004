import { type FSWatcher, watch } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { PluginManager } from './plugin-manager.ts';

/**
 * `npm run dev`: watches plugin folders and reloads the plugin whose files changed (or loads a
 * plugin folder that appeared). Changes are debounced so that an editor's burst of writes causes
 * one reload.
 */
export class PluginWatcher {
	readonly #watchers: FSWatcher[] = [];
	readonly #timers = new Map<string, NodeJS.Timeout>();

	constructor(
		private readonly plugins: PluginManager,
		private readonly logger: Logger,
		private readonly debounceMs = 150,
	) {}

	watch(roots: string[]): void {
		for (const root of roots.map((r) => resolve(r))) {
			const watcher = watch(root, { recursive: true }, (_event, file) => {
				if (!file) return;
				const folder = String(file).split(sep)[0];
				if (!folder || folder.startsWith('.')) return;
				this.#schedule(join(root, folder));
			});
			watcher.on('error', (error) => this.logger.warn({ err: error, root }, 'Plugin watcher error'));
			this.#watchers.push(watcher);
		}
	}

	#schedule(dir: string): void {
		clearTimeout(this.#timers.get(dir));
		this.#timers.set(
			dir,
			setTimeout(() => {
				this.#timers.delete(dir);
				void this.#apply(dir);
			}, this.debounceMs),
		);
	}

	async #apply(dir: string): Promise<void> {
		const id = this.plugins.pluginAt(join(dir, 'plugin.ts'));
		try {
			if (id) await this.plugins.reload(id);
			else await this.plugins.load(dir);
		} catch (error) {
			// The manager already logged why; keep watching so that the next save can fix it.
			this.logger.debug({ err: error, dir }, 'Watcher-triggered (re)load failed');
		}
	}

	close(): void {
		for (const w of this.#watchers) w.close();
		for (const t of this.#timers.values()) clearTimeout(t);
		this.#watchers.length = 0;
		this.#timers.clear();
	}
}
