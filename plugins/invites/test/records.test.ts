import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	blacklistAdd,
	blacklistGet,
	blacklistList,
	blacklistRemove,
	bumpCounts,
	countsOf,
	inviteStats,
	joinLog,
	leaderboard,
	listRanks,
	loadCheckpoint,
	markLeft,
	recordPendingJoin,
	removeRank,
	saveCheckpoint,
	saveRank,
	sqlOn,
	storeDecision,
	suspiciousJoins,
} from '../records/index.ts';

const DAY = 86_400_000;
/** A guild the emulator does not have: the plugin's listeners never write to it. */
const G = '900000000000000001';
const T0 = Date.UTC(2026, 0, 10);

/** The records module the commands and the dashboard read, on both databases. */
describeOnBackends('invite records', (backend) => {
	let h: TestFoyer;
	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	const join = async (member: string, at: number, decision: Partial<Parameters<typeof storeDecision>[3]> = {}) => {
		const key = `${member}:${at}`;
		expect(
			await recordPendingJoin({
				guildId: G,
				memberId: member,
				joinKey: key,
				joinedAt: at,
				accountCreatedAt: at - 30 * DAY,
				bot: false,
			}),
		).toBe(true);
		await storeDecision(sqlOn(), G, key, {
			source: 'invite',
			inviterId: '800000000000000001',
			code: 'abc',
			unknownReason: null,
			candidates: [],
			flags: [],
			credit: 'counted',
			creditNote: null,
			inviterWasMember: true,
			offline: false,
			decidedAt: at,
			...decision,
		});
		return key;
	};

	it('records a join once per key, decides it, and pages the join log with filters', async () => {
		const k = await join('700000000000000001', T0);
		expect(
			await recordPendingJoin({
				guildId: G,
				memberId: '700000000000000001',
				joinKey: k,
				joinedAt: T0,
				accountCreatedAt: 0,
				bot: false,
			}),
		).toBe(false);
		await join('700000000000000002', T0 + DAY, {
			source: 'vanity',
			inviterId: null,
			code: null,
			credit: 'none',
			inviterWasMember: null,
		});
		await join('700000000000000003', T0 + 2 * DAY, {
			source: 'ambiguous',
			inviterId: null,
			code: null,
			credit: 'none',
			candidates: [
				{ code: 'abc', inviterId: '800000000000000001' },
				{ code: 'def', inviterId: '800000000000000002' },
			],
		});
		await join('700000000000000004', T0 + 3 * DAY, {
			credit: 'fake',
			flags: [{ rule: 'new-account', evidence: 'account 1 days old', data: { accountAgeDays: 1 } }],
		});
		const all = await joinLog(G, {}, 1, 2);
		expect([all.total, all.pages, all.items.map((j) => j.memberId)]).toEqual([
			4,
			2,
			['700000000000000004', '700000000000000003'],
		]);
		expect((await joinLog(G, {}, 2, 2)).items.map((j) => j.memberId)).toEqual([
			'700000000000000002',
			'700000000000000001',
		]);
		expect((await joinLog(G, { source: 'vanity' })).items.map((j) => j.memberId)).toEqual(['700000000000000002']);
		expect((await joinLog(G, { flag: 'new-account' })).items.map((j) => j.memberId)).toEqual(['700000000000000004']);
		expect((await joinLog(G, { inviterId: '800000000000000001' })).total).toBe(2);
		expect((await joinLog(G, { from: T0 + DAY, to: T0 + 3 * DAY })).total).toBe(2);
		const amb = (await joinLog(G, { source: 'ambiguous' })).items[0];
		expect(amb?.candidates.map((c) => c.code)).toEqual(['abc', 'def']);
		const flagged = await suspiciousJoins(G);
		expect(flagged.items.map((j) => [j.memberId, j.flags[0]?.evidence, j.accountAgeDays])).toEqual([
			['700000000000000004', 'account 1 days old', 30],
		]);
	});

	it('keeps counters atomically with effective = tracked + added - left - fake, and ranks a leaderboard', async () => {
		const a = '800000000000000011';
		const b = '800000000000000012';
		await Promise.all(Array.from({ length: 20 }, () => bumpCounts(sqlOn(), G, a, { tracked: 1 })));
		await bumpCounts(sqlOn(), G, a, { tracked: 1, fake: 1 });
		await bumpCounts(sqlOn(), G, a, { left: 2 });
		await bumpCounts(sqlOn(), G, a, { added: 5 });
		await bumpCounts(sqlOn(), G, b, { tracked: 30 });
		expect(await countsOf(G, a)).toEqual({ tracked: 21, imported: 0, left: 2, fake: 1, added: 5, effective: 23 });
		expect((await countsOf(G, '800000000000000099')).effective).toBe(0);
		const board = await leaderboard(G, 1, 10);
		expect(board.rows.slice(0, 2).map((r) => [r.inviterId, r.effective, r.rank])).toEqual([
			[b, 30, 1],
			[a, 23, 2],
		]);
	});

	it('computes statistics for a date range: totals, top inviters and one point per day', async () => {
		await markLeft(sqlOn(), G, '700000000000000001', T0 + DAY + 5);
		const stats = await inviteStats(G, { from: T0, to: T0 + 4 * DAY });
		expect([stats.totalJoins, stats.totalInvites, stats.totalLeaves, stats.netGrowth, stats.flagged]).toEqual([
			4, 1, 1, 3, 1,
		]);
		expect(stats.bySource).toEqual({ invite: 2, vanity: 1, ambiguous: 1 });
		expect(stats.topInviters).toEqual([{ inviterId: '800000000000000001', counted: 1, fake: 1, left: 1, net: 0 }]);
		expect(stats.series.map((p) => [p.date, p.joins, p.leaves, p.net])).toEqual([
			['2026-01-10', 1, 0, 1],
			['2026-01-11', 1, 1, 0],
			['2026-01-12', 1, 0, 1],
			['2026-01-13', 1, 0, 1],
		]);
		const narrow = await inviteStats(G, { from: T0 + 2 * DAY, to: T0 + 3 * DAY });
		expect([narrow.totalJoins, narrow.totalLeaves, narrow.series.length]).toEqual([1, 0, 1]);
	});

	it('adds, lists and removes blacklist entries and ranks, and keeps a checkpoint per guild', async () => {
		expect(await blacklistAdd(G, '700000000000000009', '600000000000000001', ' alt account ')).toBe(true);
		expect(await blacklistAdd(G, '700000000000000009', '600000000000000001', 'alt')).toBe(false);
		expect(await blacklistGet(G, '700000000000000009')).toMatchObject({ reason: 'alt', byId: '600000000000000001' });
		expect((await blacklistList(G)).map((e) => e.userId)).toEqual(['700000000000000009']);
		expect(await blacklistRemove(G, '700000000000000009')).toBe(true);
		expect(await blacklistRemove(G, '700000000000000009')).toBe(false);
		expect(await saveRank(G, '500000000000000002', 10)).toBe(true);
		expect(await saveRank(G, '500000000000000001', 3)).toBe(true);
		expect(await saveRank(G, '500000000000000002', 12)).toBe(false);
		await expect(saveRank(G, '500000000000000003', 0)).rejects.toThrow(/between 1/);
		expect(await listRanks(G)).toEqual([
			{ roleId: '500000000000000001', invites: 3 },
			{ roleId: '500000000000000002', invites: 12 },
		]);
		expect(await removeRank(G, '500000000000000001')).toBe(true);
		expect(await removeRank(G, '500000000000000001')).toBe(false);
		expect(await loadCheckpoint(G)).toBeNull();
		const cp = {
			invites: [{ code: 'abc', uses: 3, maxUses: 0, expiresAt: null, createdAt: 1, inviterId: '1' }],
			vanityUses: null,
			auditAfter: null,
			at: 5,
		};
		await saveCheckpoint(G, cp);
		await saveCheckpoint(G, { ...cp, at: 6 });
		expect(await loadCheckpoint(G)).toEqual({ ...cp, at: 6 });
	});
});
