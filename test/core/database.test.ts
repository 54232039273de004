import { defineEntity, p, raw } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { PluginGuildState } from '../../src/core/database/entities/plugin-guild-state.ts';
import { SnowflakeType } from '../../src/core/database/snowflake-type.ts';
import { DbPluginStateStore } from '../../src/core/plugins/db-plugin-state.ts';
import { DbJobStore } from '../../src/core/scheduling/db-job-store.ts';
import { type TestDatabase, testDatabases } from '../helpers/databases.ts';
import { postgresUrl } from '../helpers/services.ts';

const Invitee = defineEntity({
	name: 'PluginAInvitee',
	tableName: 'plugin_a_invitees',
	properties: { userId: p.type(SnowflakeType).primary(), count: p.integer().default(0) },
});
const Note = defineEntity({
	name: 'PluginBNote',
	tableName: 'plugin_b_notes',
	properties: { id: p.integer().primary().autoincrement(), text: p.string() },
});

if (!postgresUrl()) {
	if (process.env.FOYER_REQUIRE_ALL_SUITES === '1')
		throw new Error('PostgreSQL suite required (FOYER_REQUIRE_ALL_SUITES=1) but FOYER_TEST_POSTGRES_URL is not set');
	console.warn(
		'[skipped] database tests on PostgreSQL: set FOYER_TEST_POSTGRES_URL to run them (SQLite runs regardless)',
	);
}

for (const make of testDatabases()) {
	const target: TestDatabase = make();
	describe(`database on ${target.dialect}`, () => {
		let db: Database;
		beforeAll(async () => {
			db = await target.open();
		});
		afterAll(async () => {
			await db?.close();
			await target.cleanup();
		});

		it('stores Discord ids exactly, beyond 2^53', async () => {
			for (const guildId of ['9007199254740993', '1174844958046896188']) {
				const em = db.em();
				em.create(PluginGuildState, {
					pluginId: 'exact',
					guildId,
					enabled: true,
					settings: { n: 1 },
					updatedAt: new Date(),
				});
				await em.flush();
				const row = await db.em().findOneOrFail(PluginGuildState, { pluginId: 'exact', guildId });
				expect(row.guildId).toBe(guildId);
			}
		});

		it('rejects a snowflake that is not a string of digits', async () => {
			const em = db.em();
			const write = async () => {
				em.create(PluginGuildState, {
					pluginId: 'bad',
					guildId: '12ab',
					enabled: true,
					settings: null,
					updatedAt: new Date(),
				});
				await em.flush();
			};
			await expect(write()).rejects.toThrow(/snowflake/);
			expect(await db.em().count(PluginGuildState, { pluginId: 'bad' })).toBe(0);
		});

		it("creates plugin tables safely and never drops another plugin's table on re-open", async () => {
			await db.registerEntities('a', [Invitee]);
			await db.registerEntities('b', [Note]);
			const em = db.em();
			em.create(Invitee, { userId: '1174844958046896188', count: 3 });
			await em.flush();
			await db.close();
			db = await target.open();
			await db.registerEntities('b', [Note]);
			const rows = (await db.em().getConnection().execute('select count(*) as n from plugin_a_invitees')) as {
				n: number | string;
			}[];
			expect(Number(rows[0]?.n)).toBe(1);
			await db.registerEntities('a', [Invitee]);
		});

		it('increments a counter atomically under 50 concurrent updates', async () => {
			await db.registerEntities('a', [Invitee]);
			const em = db.em();
			em.create(Invitee, { userId: '1174844958046896100', count: 0 });
			await em.flush();
			await Promise.all(
				Array.from({ length: 50 }, () =>
					db.em().nativeUpdate(Invitee, { userId: '1174844958046896100' }, { count: raw('count + 1') }),
				),
			);
			expect((await db.em().findOneOrFail(Invitee, { userId: '1174844958046896100' })).count).toBe(50);
		});

		it("runs a plugin's migrations once, in order, and rolls back a failing one naming it", async () => {
			const order: string[] = [];
			const migrations = [
				{
					name: '001-create',
					up: async (ctx: { execute(sql: string): Promise<unknown> }) => {
						order.push('001');
						await ctx.execute('create table mig_test (id integer primary key)');
					},
				},
				{
					name: '002-insert',
					up: async (ctx: { execute(sql: string): Promise<unknown> }) => {
						order.push('002');
						await ctx.execute('insert into mig_test (id) values (1)');
					},
				},
			];
			expect(await db.runMigrations('mig', migrations)).toEqual(['001-create', '002-insert']);
			expect(await db.runMigrations('mig', migrations)).toEqual([]);
			expect(order).toEqual(['001', '002']);
			const failing = {
				name: '003-broken',
				up: async (ctx: { execute(sql: string): Promise<unknown> }) => {
					await ctx.execute('insert into mig_test (id) values (2)');
					await ctx.execute('insert into nowhere values (1)');
				},
			};
			await expect(db.runMigrations('mig', [...migrations, failing])).rejects.toThrow(
				/"003-broken" of "mig" failed and was rolled back/,
			);
			const rows = (await db.em().getConnection().execute('select count(*) as n from mig_test')) as {
				n: number | string;
			}[];
			expect(Number(rows[0]?.n)).toBe(1);
		});

		it('keeps plugin enablement and settings across a restart', async () => {
			const store = await DbPluginStateStore.load(db);
			await store.setEnabled('welcome', '1174844958046896188', false);
			await store.setSettings('welcome', '1174844958046896188', { channel: '1174844958046896111' });
			await db.close();
			db = await target.open();
			const reloaded = await DbPluginStateStore.load(db);
			expect(reloaded.isEnabled('welcome', '1174844958046896188', true)).toBe(false);
			expect(reloaded.getSettings('welcome', '1174844958046896188')).toEqual({ channel: '1174844958046896111' });
		});

		it('lets exactly one of 20 concurrent claims win a job, and requeues running jobs after a crash', async () => {
			const store = new DbJobStore(db);
			const job = await store.insert({
				task: 't:x',
				payload: { a: 1 },
				runAt: Date.now() - 1,
				repeatEveryMs: null,
				repeatPattern: null,
				status: 'pending',
				attempts: 0,
				lastError: null,
				key: 't:k',
			});
			const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim(job.id)));
			expect(claims.filter(Boolean)).toHaveLength(1);
			expect((await store.get(job.id))?.attempts).toBe(1);
			expect(await store.requeueRunning()).toBe(1);
			expect((await store.due(Date.now(), 10)).map((j) => j.id)).toContain(job.id);
			expect(await store.cancelByKey('t:k')).toBe(true);
			expect(await store.findLiveByKey('t:k')).toBeNull();
		});
	});
}
