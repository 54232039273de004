import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { dayOf } from '../../src/core/member-activity/activity-day.ts';
import { MemberActivity } from '../../src/core/member-activity/member-activity.ts';
import { type TestDatabase, testDatabases } from '../helpers/databases.ts';

const logger = pino({ level: 'silent' });
const GUILD = '1234567890123456789';
const OTHER = '987654321098765432';
const THIRD = '555555555555555555';
const DAY = 86_400_000;
const user = (n: number) => String(100000000000000000n + BigInt(n));
/** Noon UTC on 2026-11-28, so that "a day later" never straddles two days by accident. */
const T0 = Date.UTC(2026, 10, 28, 12);

for (const make of [...testDatabases(), null]) {
	const target: TestDatabase | null = make ? make() : null;
	describe(`member joins and leaves per day ${target ? `on ${target.dialect}` : 'in memory'}`, () => {
		let db: Database | undefined;
		let clock = T0;
		const now = () => clock;
		const open = (options: { retentionDays?: number } = {}) => MemberActivity.create(db, logger, { now, ...options });

		beforeAll(async () => {
			db = target ? await target.open() : undefined;
		});
		afterAll(async () => {
			await db?.close();
			await target?.cleanup();
		});

		it('adds up joins and leaves of two writers at once without losing one, per guild and day', async () => {
			const a = await open();
			const b = await open();
			for (let i = 0; i < 120; i++) {
				a.joined(GUILD, user(i));
				b.joined(GUILD, user(1000 + i));
				if (i % 10 === 0) await Promise.all([a.flush(), b.flush()]);
			}
			for (let i = 0; i < 30; i++) (i % 2 ? a : b).left(GUILD, user(i));
			b.joined(OTHER, user(1));
			// What is still gathering counts in reads too.
			expect((await a.daily(GUILD, 1))[0]).toMatchObject({ joins: expect.any(Number) });
			await Promise.all([a.flush(), b.flush()]);
			const reader = db ? await open() : a;
			if (!db) {
				// In memory each instance has its own days: add b's.
				const days = [await a.daily(GUILD, 1), await b.daily(GUILD, 1)].map((d) => d[0]);
				expect((days[0]?.joins ?? 0) + (days[1]?.joins ?? 0)).toBe(240);
				expect((days[0]?.leaves ?? 0) + (days[1]?.leaves ?? 0)).toBe(30);
				return;
			}
			expect(await reader.daily(GUILD, 1)).toEqual([{ day: dayOf(T0), date: '2026-11-28', joins: 240, leaves: 30 }]);
			expect((await reader.daily(OTHER, 1))[0]).toMatchObject({ joins: 1, leaves: 0 });
		});

		it('counts a member once when Discord sends their join twice, and again after they left and came back', async () => {
			const activity = await open();
			const before = (await activity.daily(OTHER, 1))[0] ?? { joins: 0, leaves: 0 };
			activity.joined(OTHER, user(7));
			activity.joined(OTHER, user(7));
			activity.left(OTHER, user(7));
			activity.joined(OTHER, user(7));
			await activity.flush();
			expect((await activity.daily(OTHER, 1))[0]).toMatchObject({
				joins: before.joins + 2,
				leaves: before.leaves + 1,
			});
		});

		it('gives the last N days oldest first with empty days as zeros, and keeps days across a reopen', async () => {
			clock = T0 + 2 * DAY;
			const activity = await open();
			activity.joined(GUILD, user(5000));
			await activity.flush();
			if (db && target) {
				await db.close();
				db = await target.open();
			}
			const days = await (db ? await open() : activity).daily(GUILD, 30);
			expect(days).toHaveLength(30);
			expect(days.at(-1)).toMatchObject({ date: '2026-11-30', joins: 1, leaves: 0 });
			expect(days.at(-2)).toMatchObject({ date: '2026-11-29', joins: 0, leaves: 0 });
			if (db) expect(days.at(-3)).toMatchObject({ date: '2026-11-28', joins: 240, leaves: 30 });
			expect(days[0]?.date).toBe('2026-11-01');
		});

		it('deletes days older than the retention once a day passes, keeping storage bounded', async () => {
			const activity = await open({ retentionDays: 2 });
			for (let d = 10; d <= 12; d++) {
				clock = T0 + d * DAY;
				activity.joined(THIRD, user(d));
				await activity.flush();
			}
			expect((await activity.daily(THIRD, 30)).map((d) => [d.date, d.joins])).toEqual([
				['2026-12-09', 1],
				['2026-12-10', 1],
			]);
			if (db) {
				const rows = (await db
					.em()
					.getConnection()
					.execute('select day from foyer_member_activity where guild_id = ?', [THIRD])) as { day: number }[];
				expect(rows.map((r) => Number(r.day)).sort()).toEqual([dayOf(T0 + 11 * DAY), dayOf(T0 + 12 * DAY)]);
			}
		});
	});
}
