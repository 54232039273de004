import type { Logger } from 'pino';
import { isPluginEvent, type PluginEventGate } from '../event-gate.ts';

/** The id the core itself emits its events under (`foyerMemberJoinedOffline`, ...). */
export const CORE_EMITTER = 'foyer';

/**
 * Events between plugins, through the core only. An event is named after the plugin that emits it
 * (`invites:joinCounted`), and only that plugin (or the core, for `foyer:*`) may emit it. Each
 * consumer gets it through its own event gate: not in guilds where the consumer is off, held while
 * the consumer reloads. `emit` resolves once every consumer has handled it, so a provider can
 * record that it was delivered (and emit again after a crash: consumers must be idempotent).
 */
export class PluginEventBus {
	constructor(
		private readonly gates: () => Iterable<PluginEventGate>,
		private readonly logger: Logger,
	) {}

	async emit(from: string, event: string, payload: object): Promise<void> {
		if (!isPluginEvent(event) || event.slice(0, event.indexOf(':')) !== from)
			throw new Error(`Plugin "${from}" may only emit its own events, named "${from}:<name>" (got "${event}")`);
		if (typeof (payload as { guildId?: unknown }).guildId !== 'string')
			throw new TypeError(`The payload of ${event} must name its guild (guildId)`);
		const deliveries: Promise<void>[] = [];
		const consumers: string[] = [];
		for (const gate of this.gates()) {
			// A reloading consumer has no listeners for a moment: hold the event for its new version.
			if (!gate.holding && !gate.listensTo(event)) continue;
			consumers.push(gate.pluginId);
			deliveries.push(gate.deliverAwaited(event, [payload]));
		}
		const results = await Promise.allSettled(deliveries);
		const errors: unknown[] = [];
		results.forEach((result, i) => {
			if (result.status === 'fulfilled') return;
			errors.push(result.reason);
			this.logger.error(
				{ plugin: consumers[i], event, from, err: result.reason },
				`Plugin ${consumers[i]} failed to handle ${event}`,
			);
		});
		if (errors.length === 1) throw errors[0];
		if (errors.length > 1) throw new AggregateError(errors, `${errors.length} consumers of ${event} failed`);
	}
}
