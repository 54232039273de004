/** A call to a service whose provider is not loaded (or did not come back from a reload in time). */
export class ServiceUnavailableError extends Error {
	constructor(
		readonly service: string,
		reason: string,
	) {
		super(`The "${service}" service is unavailable: ${reason}`);
		this.name = 'ServiceUnavailableError';
	}
}

interface Waiter {
	resolve(impl: object): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

type Entry = { state: 'ready'; impl: object } | { state: 'reloading'; waiters: Set<Waiter>; previous: object };

/**
 * The services plugins provide, by provider id. While a provider reloads its callers wait (up to
 * `waitMs`) for the new version rather than failing; once it is unloaded, calls fail at once.
 */
export class ServiceRegistry {
	readonly #entries = new Map<string, Entry>();

	constructor(private readonly waitMs = 10_000) {}

	set(id: string, impl: object): void {
		const entry = this.#entries.get(id);
		this.#entries.set(id, { state: 'ready', impl });
		if (entry?.state === 'reloading')
			for (const w of entry.waiters) {
				clearTimeout(w.timer);
				w.resolve(impl);
			}
	}

	/** The provider is reloading: calls from now on wait for `set()` or `remove()`. */
	suspend(id: string): void {
		const entry = this.#entries.get(id);
		if (entry?.state !== 'ready') return;
		this.#entries.set(id, { state: 'reloading', waiters: new Set(), previous: entry.impl });
	}

	/** The reload failed and the previous version runs again: so does its service. */
	restore(id: string): void {
		const entry = this.#entries.get(id);
		if (entry?.state === 'reloading') this.set(id, entry.previous);
	}

	remove(id: string, reason = 'its plugin is not loaded'): void {
		const entry = this.#entries.get(id);
		this.#entries.delete(id);
		if (entry?.state === 'reloading')
			for (const w of entry.waiters) {
				clearTimeout(w.timer);
				w.reject(new ServiceUnavailableError(id, reason));
			}
	}

	has(id: string): boolean {
		return this.#entries.has(id);
	}

	/** The current implementation, waiting while the provider reloads. */
	resolve(id: string): Promise<object> {
		const entry = this.#entries.get(id);
		if (!entry) return Promise.reject(new ServiceUnavailableError(id, 'its plugin is not loaded'));
		if (entry.state === 'ready') return Promise.resolve(entry.impl);
		return new Promise<object>((resolve, reject) => {
			const waiter: Waiter = {
				resolve,
				reject,
				timer: setTimeout(() => {
					entry.waiters.delete(waiter);
					reject(new ServiceUnavailableError(id, `its plugin did not finish reloading within ${this.waitMs} ms`));
				}, this.waitMs),
			};
			entry.waiters.add(waiter);
		});
	}

	/**
	 * A stand-in whose methods find the current implementation on every call, so a consumer may keep
	 * it across the provider's reloads.
	 */
	client(id: string): object {
		return new Proxy(
			{},
			{
				get: (_target, method) => {
					if (typeof method !== 'string' || method === 'then') return undefined;
					return async (...args: unknown[]) => {
						const impl = (await this.resolve(id)) as Record<string, unknown>;
						const fn = impl[method];
						if (typeof fn !== 'function') throw new TypeError(`The "${id}" service has no method "${method}"`);
						return fn.apply(impl, args);
					};
				},
			},
		);
	}
}
