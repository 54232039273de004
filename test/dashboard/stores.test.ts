import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { DashboardAuditEntry } from '../../src/dashboard/audit/audit-entry-entity.ts';
import { DbAuditLog } from '../../src/dashboard/audit/db-audit-log.ts';
import { DashboardSession } from '../../src/dashboard/sessions/dashboard-session-entity.ts';
import { DbSessionStore } from '../../src/dashboard/sessions/db-session-store.ts';
import { hashSessionId, newToken } from '../../src/dashboard/sessions/session-store.ts';
import { TokenCipher } from '../../src/dashboard/sessions/token-cipher.ts';
import { type TestDatabase, testDatabases } from '../helpers/databases.ts';

for (const make of testDatabases()) {
	const target: TestDatabase = make();
	describe(`dashboard sessions and audit log on ${target.dialect}`, () => {
		let db: Database;
		const cipher = new TokenCipher('a-test-secret');
		const userId = '123456789012345678901'.slice(0, 19);

		beforeAll(async () => {
			db = await target.open();
			await db.registerEntities('foyer-dashboard', [DashboardSession, DashboardAuditEntry]);
		});
		afterAll(async () => {
			await db?.close();
			await target.cleanup();
		});

		it('keeps a session across a reopen, with the token sealed at rest and the cookie value never stored', async () => {
			const id = newToken();
			const session = {
				idHash: hashSessionId(id),
				userId,
				username: 'admin',
				avatar: null,
				accessToken: 'oauth-access-token',
				csrfToken: newToken(),
				createdAt: Date.now(),
				expiresAt: Date.now() + 60_000,
			};
			await new DbSessionStore(db, cipher).put(session);
			const rows = (await db.em().getConnection().execute('select * from foyer_dashboard_sessions')) as Record<
				string,
				unknown
			>[];
			expect(JSON.stringify(rows)).not.toContain('oauth-access-token');
			expect(JSON.stringify(rows)).not.toContain(id);
			await db.close();
			db = await target.open();
			await db.registerEntities('foyer-dashboard', [DashboardSession, DashboardAuditEntry]);
			const fresh = new DbSessionStore(db, cipher);
			expect(await fresh.get(session.idHash)).toEqual(session);
			expect(await new DbSessionStore(db, new TokenCipher('another-secret')).get(session.idHash)).toBeNull();
			await fresh.delete(session.idHash);
			expect(await new DbSessionStore(db, cipher).get(session.idHash)).toBeNull();
		});

		it('records audit entries with exact snowflakes and filters them, newest first', async () => {
			const log = new DbAuditLog(db);
			const guildId = '1234567890123456789';
			await log.record({
				guildId,
				userId,
				username: 'a',
				action: 'plugin.disable',
				plugin: 'join',
				before: { enabled: true },
				after: { enabled: false },
			});
			await log.record({
				guildId,
				userId,
				username: 'a',
				action: 'settings.update',
				plugin: 'leave',
				before: { channel: null },
				after: { channel: '1' },
			});
			await log.record({
				guildId: null,
				userId,
				username: 'a',
				action: 'plugin.reload',
				plugin: 'join',
				before: null,
				after: null,
			});
			const all = await log.list({ guildId });
			expect(all.map((e) => e.action)).toEqual(['settings.update', 'plugin.disable']);
			expect(all[0]?.guildId).toBe(guildId);
			expect(all[1]?.after).toEqual({ enabled: false });
			expect((await log.list({ guildId, plugin: 'join' })).map((e) => e.action)).toEqual(['plugin.disable']);
			expect((await log.list({ guildId: null })).map((e) => e.action)).toEqual(['plugin.reload']);
		});
	});
}
