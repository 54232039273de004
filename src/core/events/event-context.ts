import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The event a piece of work descends from: its dedupe key (null for events without one) and the
 * plugin whose listener is running. The core reads it to give durable effects idempotency keys
 * derived from their cause, so that a replayed event asks for the same effects under the same keys.
 */
export interface EventContext {
	readonly key: string | null;
	readonly plugin: string | null;
	/** Effects asked for so far in this event, per plugin, kind and target (shared by the plugin's listeners). */
	readonly counts: Map<string, number>;
}

const storage = new AsyncLocalStorage<EventContext>();

export function currentEvent(): EventContext | undefined {
	return storage.getStore();
}

export function runInEvent<T>(key: string | null, plugin: string | null, fn: () => T): T {
	return storage.run({ key, plugin, counts: new Map() }, fn);
}

/** Runs `fn` with the current event's key, as `plugin` (a plugin's listener called for that event). */
export function runAsPlugin<T>(plugin: string, fn: () => T): T {
	const current = storage.getStore();
	if (!current) return fn();
	return storage.run({ key: current.key, plugin, counts: current.counts }, fn);
}

/**
 * The idempotency key of the next effect of `kind` (towards `target`: a channel, a user) asked for
 * in the current event by `plugin`, or null outside an event with a key (a command, a test button):
 * those effects are not deduplicated. The n-th such effect of the event keeps its number on a
 * replay as long as the plugin asks in the same order; a plugin whose listeners race to send the
 * same kind to the same target should give explicit keys.
 */
export function nextEffectKey(plugin: string, kind: string, target = ''): string | null {
	const current = storage.getStore();
	if (!current?.key) return null;
	const counter = `${plugin}/${kind}${target ? `:${target}` : ''}`;
	const n = (current.counts.get(counter) ?? 0) + 1;
	current.counts.set(counter, n);
	return `${current.key}/${counter}/${n}`;
}

/**
 * Wraps one attempt of a piece of work in the current event so that it can be run again as if for
 * the first time: every attempt numbers its effects from where the event stood when this was called
 * (a retried listener asks for the same effects under the same keys, which the outbox carries out
 * once), in a map of its own so that other listeners of the event are not renumbered.
 */
export function repeatableInEvent(): <T>(attempt: () => T) => T {
	const current = storage.getStore();
	if (!current) return (attempt) => attempt();
	const mark = new Map(current.counts);
	let first = true;
	return (attempt) => {
		if (first) {
			first = false;
			return attempt();
		}
		return storage.run({ key: current.key, plugin: current.plugin, counts: new Map(mark) }, attempt);
	};
}
