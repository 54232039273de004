import { GatewayDispatchEvents as E, GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { snowflakeTimestamp } from '../snowflake.ts';
import { auditEntryPayload } from './serialize.ts';
import type { EmAuditEntry, EmGuild } from './types.ts';
import type { World } from './world.ts';

/** "All audit log entries are stored for 45 days" (Audit Logs Resource). */
export const AUDIT_RETENTION_MS = 45 * 86_400_000;
/** A cap on memory for long runs; Discord has none, but no test writes this many in 45 days. */
const MAX_ENTRIES = 10_000;

/**
 * Appends an entry and announces it with GUILD_AUDIT_LOG_ENTRY_CREATE, which needs the Guild
 * Moderation intent and reaches only bots with View Audit Log (Gateway Events).
 */
export function audit(world: World, guild: EmGuild, entry: Omit<EmAuditEntry, 'id'>): EmAuditEntry {
	const full: EmAuditEntry = { id: world.newId(), ...entry };
	guild.auditLog.push(full);
	if (guild.auditLog.length > MAX_ENTRIES) guild.auditLog.splice(0, guild.auditLog.length - MAX_ENTRIES);
	world.dispatch({
		t: E.GuildAuditLogEntryCreate,
		d: { ...auditEntryPayload(full), guild_id: guild.id },
		intent: I.GuildModeration,
		guildId: guild.id,
		appId: null,
		permissions: { anyOf: [P.ViewAuditLog] },
	});
	return full;
}

/** The entries still kept: older than 45 days on the world clock they are gone (and dropped here). */
export function keptEntries(world: World, guild: EmGuild): EmAuditEntry[] {
	const cutoff = world.now() - AUDIT_RETENTION_MS;
	const first = guild.auditLog.findIndex((e) => snowflakeTimestamp(e.id) > cutoff);
	if (first === -1) guild.auditLog.length = 0;
	else if (first > 0) guild.auditLog.splice(0, first);
	return guild.auditLog;
}
