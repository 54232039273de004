import { container } from '@sapphire/framework';
import type { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';

/** Scheduled-task pieces of the running Foyer, by their namespaced name. */
export function scheduledTaskPieces(): Map<string, ScheduledTask> {
	const store = container.stores.get('scheduled-tasks' as never) as unknown as Map<string, ScheduledTask> | undefined;
	return store ?? new Map();
}

/**
 * Runs one scheduled-task piece. A missing piece (its plugin was unloaded) is an error so that the
 * job is retried and, if the plugin stays away, ends up failed with a reason rather than lost.
 */
export async function runTask(name: string, payload: unknown): Promise<void> {
	const piece = scheduledTaskPieces().get(name);
	if (!piece)
		throw new Error(`No scheduled task "${name}" is loaded (plugin ${pluginIdOfPiece(name) ?? '?'} unloaded?)`);
	await (piece as unknown as { run(payload: unknown): unknown }).run(payload);
	await completionsWritten();
}

/**
 * Waits until the completions of the effects a task carried out (and their counts) are written,
 * before its job is marked done: a kill in between would leave an effect pending and its job gone.
 */
export async function completionsWritten(): Promise<void> {
	await (container as { effects?: { written(): Promise<void> } }).effects?.written();
}
