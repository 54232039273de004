import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { GuildSession } from './_session.ts';
import plugin from './plugin.ts';

/**
 * The running sessions, one per guild. Kept on globalThis so that a reloaded version of the plugin
 * stops the previous version's trackers before starting its own (modules are re-evaluated on reload).
 */
const REGISTRY = Symbol.for('foyer.invites.sessions');
type Registry = { sessions: Map<string, GuildSession> };
const registry: Registry = ((globalThis as Record<symbol, unknown>)[REGISTRY] as Registry | undefined) ?? {
	sessions: new Map(),
};
(globalThis as Record<symbol, unknown>)[REGISTRY] = registry;

/**
 * Resolves once the core has delivered what it replays and catches up at start (the gateway's missed
 * events, the joins found in the member list): joins delivered before that are offline joins.
 */
async function coreReady(): Promise<void> {
	while (!container.plugins?.ready) await new Promise((r) => setTimeout(r, 25));
}

export function sessionOf(guildId: string): GuildSession | undefined {
	const s = registry.sessions.get(guildId);
	return s && s.state !== 'stopped' ? s : undefined;
}

/** The guild's session, created (and started once the core is ready) when there is none. */
export function sessionFor(guild: Guild, resume = true): GuildSession {
	const existing = sessionOf(guild.id);
	if (existing) return existing;
	const session = new GuildSession(guild);
	registry.sessions.set(guild.id, session);
	void coreReady()
		.then(() => session.start(resume))
		.catch((error) => plugin.log.error({ err: error, guild: guild.id }, 'Invite tracking could not start'));
	return session;
}

export function stopSession(guildId: string): void {
	registry.sessions.get(guildId)?.stop();
	registry.sessions.delete(guildId);
}

export function runningSessions(): GuildSession[] {
	return [...registry.sessions.values()].filter((s) => s.state === 'running');
}

// Every start or reload: the previous version's trackers stop, each guild where the plugin is on gets
// a session resuming from its checkpoint. Switched on in a guild: a fresh start (the joins of the time
// it was off were not seen, so the checkpoint says nothing about them); switched off: stopped.
plugin.onChange((change) => {
	if (change.kind === 'loaded') {
		for (const id of [...registry.sessions.keys()]) stopSession(id);
		for (const guild of container.client.guilds.cache.values()) if (plugin.enabledIn(guild.id)) sessionFor(guild);
		return;
	}
	if (change.kind !== 'enabled') return;
	stopSession(change.guildId);
	const guild = container.client.guilds.cache.get(change.guildId);
	if (change.enabled && guild) sessionFor(guild, false);
});
