import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { type TestDatabase, testDatabases } from '../helpers/databases.ts';
import { waitUntil } from '../helpers/wait.ts';

for (const make of testDatabases()) {
	const target: TestDatabase = make();
	describe(`a plugin with its own entity and migration, on ${target.dialect}`, () => {
		let db: Database;
		let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
		const query = async (sql: string) => (await db.em().getConnection().execute(sql)) as Record<string, unknown>[];

		beforeAll(async () => {
			db = await target.open();
			h = await startFoyerWithEmulator(['tally'], { db });
		});
		afterAll(async () => {
			await h?.stop();
			await db?.close();
			await target.cleanup();
		});

		it('creates its table, runs its migration once, and counts joins atomically', async () => {
			expect(await query('select text from tally_notes')).toEqual([{ text: 'migrated' }]);
			await Promise.all(
				Array.from({ length: 5 }, (_, i) => h.control.join(h.guildId, { user: { username: `tally-${i}` } })),
			);
			await waitUntil(async () => Number((await query('select joins from tally_join_tallies'))[0]?.joins ?? 0) === 5);
		});

		it('keeps its data and does not re-run migrations on reload and after unload', async () => {
			await h.foyer.plugins.reload('tally');
			await h.foyer.plugins.unload('tally');
			expect(await query('select text from tally_notes')).toEqual([{ text: 'migrated' }]);
			expect(Number((await query('select joins from tally_join_tallies'))[0]?.joins)).toBe(5);
			await h.foyer.plugins.load(`${h.root}/tally`);
			expect(await query('select count(*) as n from tally_notes').then((r) => Number(r[0]?.n))).toBe(1);
		});
	});
}
