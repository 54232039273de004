import type { EventEmitter } from 'node:events';
import { runAsPlugin } from './event-context.ts';

let collector: Promise<unknown>[] | null = null;

/** Runs `emit` and returns the promises of the plugin listeners it called (see emitTracked). */
export function collectHandlers(emit: () => unknown): Promise<unknown>[] {
	const outer = collector;
	const collected: Promise<unknown>[] = [];
	collector = collected;
	try {
		emit();
	} finally {
		collector = outer;
	}
	return collected;
}

/**
 * EventEmitter#emit for a plugin's event gate: calls the listeners like emit does, each in the
 * plugin's event context, and hands their promises to the core, which thereby knows when an event
 * has been handled (its dedupe record, and the gateway sequence Foyer resumes from, wait for that).
 * The plugin manager's gate (or whatever replaces it) must deliver events through this.
 */
export function emitTracked(emitter: EventEmitter, pluginId: string, event: string, args: readonly unknown[]): boolean {
	const listeners = emitter.rawListeners(event) as ((...a: unknown[]) => unknown)[];
	const sink = collector;
	for (const listener of listeners) {
		const result = runAsPlugin(pluginId, () => listener.apply(emitter, args as unknown[]));
		if (sink && result instanceof Promise) sink.push(result);
	}
	return listeners.length > 0;
}
