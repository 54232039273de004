import type { EmAuditEntry, EmGuild } from './types.ts';
import type { World } from './world.ts';

/** Discord keeps audit log entries for 45 days (Audit Logs Resource). */
export const AUDIT_RETENTION_MS = 45 * 86_400_000;
/** A cap on memory for long runs; Discord has none, but no test writes this many in 45 days. */
const MAX_ENTRIES = 10_000;

/** Appends an entry, dropping entries past the retention and beyond the cap. */
export function audit(world: World, guild: EmGuild, entry: Omit<EmAuditEntry, 'id'>): EmAuditEntry {
	const full: EmAuditEntry = { id: world.newId(), ...entry };
	guild.auditLog.push(full);
	if (guild.auditLog.length > MAX_ENTRIES) guild.auditLog.splice(0, guild.auditLog.length - MAX_ENTRIES);
	return full;
}
