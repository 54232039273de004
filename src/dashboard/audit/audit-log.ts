/** One change made through the dashboard: who, what, before and after, when. */
export interface AuditEntry {
	id: number;
	/** Null for global actions (loading or unloading a plugin). */
	guildId: string | null;
	userId: string;
	username: string;
	action: string;
	plugin: string | null;
	before: unknown;
	after: unknown;
	at: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface AuditFilter {
	guildId?: string | null;
	plugin?: string;
	userId?: string;
	action?: string;
	limit?: number;
}

export interface AuditLog {
	record(entry: NewAuditEntry): Promise<void>;
	/** Newest first. */
	list(filter: AuditFilter): Promise<AuditEntry[]>;
}

export function matchesAudit(entry: AuditEntry, filter: AuditFilter): boolean {
	if (filter.guildId !== undefined && entry.guildId !== filter.guildId) return false;
	if (filter.plugin && entry.plugin !== filter.plugin) return false;
	if (filter.userId && entry.userId !== filter.userId) return false;
	if (filter.action && entry.action !== filter.action) return false;
	return true;
}

export class MemoryAuditLog implements AuditLog {
	readonly #entries: AuditEntry[] = [];

	async record(entry: NewAuditEntry): Promise<void> {
		this.#entries.push({ ...entry, id: this.#entries.length + 1, at: Date.now() });
	}

	async list(filter: AuditFilter): Promise<AuditEntry[]> {
		return this.#entries
			.filter((e) => matchesAudit(e, filter))
			.reverse()
			.slice(0, filter.limit ?? 100);
	}
}
