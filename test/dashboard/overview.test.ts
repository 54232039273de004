import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { applySandboxDefaults } from '../../src/sandbox/sandbox-defaults.ts';
import { DashboardClient } from '../../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { sqliteDatabase } from '../helpers/databases.ts';
import { waitUntil } from '../helpers/wait.ts';

const today = () => new Date().toISOString().slice(0, 10);
/** The table row of a day: date, joins, leaves, net. */
const dayRow = (html: string, date: string) =>
	html
		.match(new RegExp(`<tr><th scope="row"><time datetime="${date}">${date}</time></th>(.*?)</tr>`))?.[1]
		?.match(/<td>([^<]*)<\/td>/g)
		?.map((td) => td.replace(/<\/?td>/g, ''));

describe('the server overview at a glance', () => {
	const target = sqliteDatabase();
	let db: Database;
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let owner: DashboardClient;
	const overview = async (query = '') => (await owner.page(`/guilds/${h.guildId}${query}`)).text();

	beforeAll(async () => {
		db = await target.open();
		h = await startFoyerWithEmulator(['join', 'leave', 'join-dm', 'autoroles'], { from: 'plugins', db });
		await applySandboxDefaults(h.foyer, h.emulator);
		owner = await DashboardClient.login(h.foyer.httpUrl, h.emulator.demo?.owner.id as string);
	});
	afterAll(async () => {
		await h?.stop();
		await db?.close();
		await target.cleanup();
	});

	it('charts real joins and leaves of today (bars, table, totals) and redraws after each change', async () => {
		const before = await overview();
		expect(dayRow(before, today())).toEqual(['0', '0', '0']);
		expect(before).not.toContain('class="bar join"');
		const joined = [];
		for (const username of ['ana', 'ben', 'cleo', 'dev'])
			joined.push(await h.control.join(h.guildId, { user: { username } }));
		await h.control.leave(h.guildId, joined[0]?.user.id as string);
		await waitUntil(async () => dayRow(await overview(), today())?.join() === '4,1,+3');
		const html = await overview();
		expect(html).toContain('<dt>Joined (30 days)</dt><dd>4</dd>');
		expect(html).toContain('<dt>Left (30 days)</dt><dd>1</dd>');
		expect(html).toContain('<dt>Net growth (30 days)</dt><dd>+3</dd>');
		const members = h.foyer.client.guilds.cache.get(h.guildId)?.memberCount;
		expect(html).toContain(`<dt>Members</dt><dd>${members}</dd>`);
		expect(html).toMatch(
			new RegExp(`<rect class="bar join" [^>]*><title>${today()}: 4 joined, 1 left, net \\+3</title></rect>`),
		);
		expect(html).toMatch(/<rect class="bar leave" /);
		expect(html).toContain(
			'<title id="growth-summary">Joins and leaves per day over the last 30 days: 4 joined, 1 left, net +3.</title>',
		);
		expect(html.match(/<tr><th scope="row">/g)).toHaveLength(30);
		expect(html).toContain('<polyline class="net" points="');
	});

	it('shows 90 days when asked, with the period marked', async () => {
		const html = await overview('?days=90');
		expect(html.match(/<tr><th scope="row">/g)).toHaveLength(90);
		expect(html).toMatch(/<a href="\/guilds\/\d+\?days=90" aria-current="true">90 days<\/a>/);
		expect(html).toContain('<dt>Joined (90 days)</dt><dd>4</dd>');
		// Anything else is the default period.
		expect((await overview('?days=7')).match(/<tr><th scope="row">/g)).toHaveLength(30);
	});

	it('shows one card per plugin with its key figures from the plugin: welcomed, DMs, roles given, goodbyes', async () => {
		// The plugins batch their counts for a moment before they are stored.
		await waitUntil(async () => {
			const html = await overview();
			return html.includes('<dt>Roles given</dt><dd>4</dd>') && html.includes('<dt>DMs sent</dt><dd>4</dd>');
		});
		const html = await overview();
		const card = (id: string) =>
			html.match(new RegExp(`<li class="card plugin-card" data-plugin="${id}">([\\s\\S]*?)</li>`))?.[1] ?? '';
		expect(card('join')).toContain('<dt>Members welcomed</dt><dd>4</dd>');
		expect(card('join')).toContain(`href="/join/${h.guildId}"`);
		expect(card('join-dm')).toMatch(/<dt>DMs sent<\/dt><dd>4<\/dd>/);
		expect(card('join-dm')).toContain('<dt>DMs failed</dt><dd>0</dd>');
		expect(card('autoroles')).toContain('<dt>Roles given</dt><dd>4</dd>');
		expect(card('leave')).toContain('<dt>Goodbyes said</dt><dd>1</dd>');
	});
});

describe('the server overview when a plugin cannot give its figures', () => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['greeter', 'figures']);
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('still answers, with that card saying its figures are unavailable and the failure logged', async () => {
		const owner = await DashboardClient.login(h.foyer.httpUrl, h.emulator.demo?.owner.id as string);
		const res = await owner.page(`/guilds/${h.guildId}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/data-plugin="figures">[\s\S]*?Figures unavailable right now\./);
		expect(html).not.toContain('plugin-card" data-plugin="greeter"');
		expect(h.logs.some((l) => l.msg === 'Could not read overview figures' && l.plugin === 'figures')).toBe(true);
	});
});
