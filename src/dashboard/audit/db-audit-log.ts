import type { Database } from '../../core/database/database.ts';
import { DashboardAuditEntry } from './audit-entry-entity.ts';
import type { AuditEntry, AuditFilter, AuditLog, NewAuditEntry } from './audit-log.ts';

export class DbAuditLog implements AuditLog {
	constructor(private readonly db: Database) {}

	async record(entry: NewAuditEntry): Promise<void> {
		const em = this.db.em();
		em.create(DashboardAuditEntry, {
			...entry,
			before: entry.before ?? null,
			after: entry.after ?? null,
			at: Date.now(),
		});
		await em.flush();
	}

	async list(filter: AuditFilter): Promise<AuditEntry[]> {
		const where: Record<string, unknown> = {};
		if (filter.guildId !== undefined) where.guildId = filter.guildId;
		if (filter.plugin) where.plugin = filter.plugin;
		if (filter.userId) where.userId = filter.userId;
		if (filter.action) where.action = filter.action;
		const rows = await this.db
			.em()
			.find(DashboardAuditEntry, where, { orderBy: { id: 'desc' }, limit: filter.limit ?? 100 });
		return rows.map((r) => ({
			id: r.id,
			guildId: r.guildId ?? null,
			userId: r.userId,
			username: r.username,
			action: r.action,
			plugin: r.plugin ?? null,
			before: r.before ?? null,
			after: r.after ?? null,
			at: Number(r.at),
		}));
	}
}
