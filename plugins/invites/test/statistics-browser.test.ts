import {
	type DashboardClient,
	describeOnBackends,
	describeWithChromium,
	launchBrowser,
	startTestFoyer,
	type TestBrowser,
	type TestFoyer,
} from 'foyer/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { joinLog, sqlOn } from '../records/index.ts';
import { advance, tracking } from './_tracking.ts';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Seed 004's dashboard test "Statistics", in a real Chromium against joins generated through the
 * emulator: 1. navigate to the statistics page; 2. top inviters correct; 3. totals match the
 * database; 4. filter by date range; 5. filtered correctly. The chart is an SVG drawn on the server,
 * read here with JavaScript off, and its table of days holds the same numbers.
 *
 * The joins: on day 1, three through the admin's invite and one through the member's; two days
 * later, three through the member's, one through the vanity URL, and one of the admin's members
 * leaves. Over both days the member leads (4 valid, none left) before the admin (3 valid, 1 left);
 * on day 1 alone the admin leads (3 to 1): the filter changes the order.
 */
describeWithChromium('invite statistics in Chromium (seed 004 "Statistics")', () => {
	describeOnBackends('statistics', (backend) => {
		let h: TestFoyer;
		let b: TestBrowser;
		let page: Page;
		let admin: DashboardClient;
		let base: string;
		let day1: string;
		let day3: string;
		const joined: Record<'admin' | 'member' | 'vanity', string[]> = { admin: [], member: [], vanity: [] };

		/** A member joins through `invite` and the engine decides the join before the next one. */
		async function joinThrough(invite: string, name: string): Promise<string> {
			const id = await h.join({ username: name, invite });
			await h.waitFor(
				async () => {
					const [j] = (await joinLog(h.guildId, { memberId: id })).items;
					return j !== undefined && j.source !== 'pending';
				},
				`the join of ${name} to be decided`,
				15_000,
			);
			return id;
		}

		beforeAll(async () => {
			h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
			await h.enable('invites', true);
			await tracking(h);
			base = `${h.foyer.httpUrl}/invites/${h.guildId}`;
			const adminCode = await h.createInvite({ inviterId: h.demo.adminId, maxAgeSeconds: 0 });
			const memberCode = await h.createInvite({ inviterId: h.demo.memberId, maxAgeSeconds: 0 });
			day1 = isoDay(h.clock.now());
			for (const n of [1, 2, 3]) joined.admin.push(await joinThrough(adminCode, `by-admin-${n}`));
			joined.member.push(await joinThrough(memberCode, 'by-member-1'));
			await advance(h, 2 * DAY);
			day3 = isoDay(h.clock.now());
			for (const n of [2, 3, 4]) joined.member.push(await joinThrough(memberCode, `by-member-${n}`));
			joined.vanity.push(await joinThrough('vanity', 'by-vanity'));
			await h.leave(joined.admin[0] as string);
			await h.waitFor(
				async () => (await joinLog(h.guildId, { memberId: joined.admin[0] as string })).items[0]?.leftAt != null,
				'the leave to be recorded',
			);
			admin = await h.dashboard();
			b = await launchBrowser();
			// The admin's session, as the login through the emulator set it; JavaScript off: the page must not need it.
			const context = await b.newContext({ javaScriptEnabled: false });
			await context.addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: h.foyer.httpUrl })));
			page = await context.newPage();
		});
		afterAll(async () => {
			await b?.close();
			await h?.stop();
			await backend.cleanup();
		});

		const figure = async (name: string) =>
			Number((await page.locator(`[data-figure="${name}"] dd`).textContent())?.trim());
		const topInviters = () =>
			page
				.locator('#stats-top tbody tr')
				.evaluateAll((rows) =>
					rows.map((r) => [
						r.getAttribute('data-inviter-id'),
						...['invites', 'left', 'fake', 'net'].map((c) => Number(r.querySelector(`[data-col="${c}"]`)?.textContent)),
					]),
				);
		/** What the database holds for a range, counted here with SQL of this test's own. */
		async function databaseTotals(from: number, to: number) {
			const sql = sqlOn();
			const count = async (where: string) =>
				Number(
					(
						await sql(`select count(*) as n from invite_joins where guild_id = ? and not bot and ${where}`, [
							h.guildId,
							from,
							to,
						])
					)[0]?.n,
				);
			const joins = await count('joined_at_ms >= ? and joined_at_ms < ?');
			const leaves = await count('left_at_ms >= ? and left_at_ms < ?');
			const invites = await count(`credit = 'counted' and joined_at_ms >= ? and joined_at_ms < ?`);
			return { joins, invites, leaves, net: joins - leaves };
		}

		it('shows the top inviters in order, with totals that match the database, over both days', async () => {
			const answer = await page.goto(`${base}/stats?from=${day1}&to=${day3}`);
			expect(answer?.status()).toBe(200);
			await page.getByRole('heading', { level: 1, name: 'Invite statistics' }).waitFor();
			expect(await topInviters()).toEqual([
				[h.demo.memberId, 4, 0, 0, 4],
				[h.demo.adminId, 3, 1, 0, 2],
			]);
			const shown = {
				joins: await figure('joins'),
				invites: await figure('invites'),
				leaves: await figure('leaves'),
				net: await figure('net'),
			};
			const from = Date.parse(`${day1}T00:00:00Z`);
			expect(shown).toEqual(await databaseTotals(from, Date.parse(`${day3}T00:00:00Z`) + DAY));
			expect(shown).toEqual({ joins: 8, invites: 7, leaves: 1, net: 7 });
			await b.screenshot(page, `invites-stats-${backend.name.replace(/\W+/g, '-')}`);
		});

		it('draws joins, leaves and net growth as a server-side SVG with a table of the same numbers behind it', async () => {
			const svg = page.locator('figure.growth-chart svg[role="img"]');
			expect(await svg.locator('title').first().textContent()).toBe(
				`Joins and leaves per day from ${day1} to ${day3}: 8 joined, 1 left, net 7.`,
			);
			expect(await svg.locator('rect.bar.join').count()).toBe(2);
			expect(await svg.locator('rect.bar.leave').count()).toBe(1);
			expect(await svg.locator('polyline.net').count()).toBe(1);
			const rows = await page
				.locator('details.chart-data tbody tr')
				.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim())));
			// Newest first, one row per day of the range, zeros included.
			expect(rows).toEqual([
				[day3, '4', '1', '+3'],
				[isoDay(Date.parse(`${day1}T00:00:00Z`) + DAY), '0', '0', '0'],
				[day1, '4', '0', '+4'],
			]);
		});

		it('filters by date range through the form: day 1 alone puts the admin first and counts only its joins', async () => {
			await page.locator('#stats-from').fill(day1);
			await page.locator('#stats-to').fill(day1);
			await Promise.all([page.waitForURL(/\/stats\?/), page.getByRole('button', { name: 'Show' }).click()]);
			expect(new URL(page.url()).searchParams.get('to')).toBe(day1);
			expect(await page.locator('#stats-range').textContent()).toContain(`From ${day1} to ${day1}`);
			// The leave happened two days later: it is not a leave of day 1, but the admin's member has left since.
			expect(await topInviters()).toEqual([
				[h.demo.adminId, 3, 1, 0, 2],
				[h.demo.memberId, 1, 0, 0, 1],
			]);
			const from = Date.parse(`${day1}T00:00:00Z`);
			const shown = {
				joins: await figure('joins'),
				invites: await figure('invites'),
				leaves: await figure('leaves'),
				net: await figure('net'),
			};
			expect(shown).toEqual(await databaseTotals(from, from + DAY));
			expect(shown).toEqual({ joins: 4, invites: 4, leaves: 0, net: 4 });
			// And the day after the joins, nothing at all.
			await page.goto(`${base}/stats?from=${day3}&to=${day3}`);
			expect(await topInviters()).toEqual([[h.demo.memberId, 3, 0, 0, 3]]);
			expect(await figure('joins')).toBe(4);
		});

		it('blacklists in place with htmx when JavaScript runs, and through a plain post and a redirect when it does not', async () => {
			const js = await b.newContext();
			await js.addCookies([...admin.cookies].map(([name, value]) => ({ name, value, url: h.foyer.httpUrl })));
			const live = await js.newPage();
			await live.goto(`${base}/fraud`);
			const navigations: string[] = [];
			live.on('request', (r) => {
				if (r.isNavigationRequest()) navigations.push(r.url());
			});
			const spammer = joined.vanity[0] as string;
			await live.locator('#bl-user').fill(spammer);
			await live.locator('#bl-reason').fill('<b>spam</b> ring');
			await live.getByRole('button', { name: 'Blacklist', exact: true }).click();
			await live.locator(`#blacklist-table tr[data-user-id="${spammer}"]`).waitFor();
			expect(navigations).toEqual([]);
			expect(await live.locator(`#blacklist-table tr[data-user-id="${spammer}"] td`).nth(1).textContent()).toBe(
				'<b>spam</b> ring',
			);
			await js.close();

			await page.goto(`${base}/fraud`);
			await Promise.all([
				page.waitForURL(/\/fraud#invites-blacklist$/),
				page.getByRole('button', { name: /from the blacklist$/ }).click(),
			]);
			await page.locator('#blacklist-empty').waitFor();
		});

		it('refuses a range that ends before it starts, beside the field, with no figures', async () => {
			const answer = await page.goto(`${base}/stats?from=${day3}&to=${day1}`);
			expect(answer?.status()).toBe(422);
			expect(await page.locator('#stats-from-error').textContent()).toBe(
				'The first day must not be after the last day.',
			);
			expect(await page.locator('[data-figure]').count()).toBe(0);
		});
	});
});
