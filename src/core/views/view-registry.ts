import { existsSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { Eta } from 'eta';

// Eta reserves names starting with '@' for in-memory templates, hence 'core:'.
const CORE_PREFIX = 'core:';

/**
 * Server-side templates (Eta, escaping by default: `<%= %>` escapes, `<%~ %>` is raw and only for
 * trusted HTML such as included partials). The core's shared layouts and partials live in `views/`;
 * each plugin's in its own `views/`, loaded with the plugin and replaced on reload. A plugin template
 * reaches the shared ones as `core:<name>`.
 */
export class ViewRegistry {
	readonly #plugins = new Map<string, Eta>();
	readonly #core: Eta;

	constructor(private readonly coreDir: string = resolve('views')) {
		this.#core = this.#engine(coreDir);
	}

	#engine(dir: string): Eta {
		const eta = new Eta({ views: dir, cache: true, autoEscape: true, autoTrim: false });
		const core = this.coreDir;
		// Resolve `core:x` against the shared folder, everything else inside this engine's folder only.
		const resolved = new Map<string, string>();
		eta.resolvePath = (template: string) => {
			const hit = resolved.get(template);
			if (hit) return hit;
			const [root, name] = template.startsWith(CORE_PREFIX)
				? [core, template.slice(CORE_PREFIX.length)]
				: [dir, template];
			if (isAbsolute(name)) throw new Error(`Template names are relative: ${template}`);
			const file = normalize(join(root, name.endsWith('.eta') ? name : `${name}.eta`));
			if (!file.startsWith(root + sep)) throw new Error(`Template ${template} is outside its views folder`);
			// Every page render resolves its layout and partials again: remember the answers.
			if (resolved.size < 1000) resolved.set(template, file);
			return file;
		};
		return eta;
	}

	/** Registers (or replaces, on reload) a plugin's views; a plugin without a views folder has none. */
	load(pluginId: string, pluginDir: string): void {
		const dir = join(pluginDir, 'views');
		if (existsSync(dir)) this.#plugins.set(pluginId, this.#engine(dir));
		else this.#plugins.delete(pluginId);
	}

	drop(pluginId: string): void {
		this.#plugins.delete(pluginId);
	}

	render(pluginId: string, name: string, data: object): string {
		const eta = this.#plugins.get(pluginId);
		if (!eta) throw new Error(`Plugin "${pluginId}" has no views loaded`);
		return eta.render(name, data);
	}

	renderCore(name: string, data: object): string {
		return this.#core.render(name, data);
	}
}
