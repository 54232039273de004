import { type DashboardClient, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../plugin.ts';

const NOT_INSTALLED = 'foyer-plugin-not-installed-anywhere';

/** Hot-loading from the owners' plugin manager (/admin/plugins) works on any backend: one run is enough. */
describe('the suggestion box in the plugin manager, loaded from FOYER_PLUGINS', () => {
	let h: TestFoyer;
	let owner: DashboardClient;
	const row = (html: string, key: string) =>
		html.match(new RegExp(`<tr data-plugin="${key}">([\\s\\S]*?)</tr>`))?.[1] ?? '';
	const managerPage = async () => {
		const response = await owner.page('/admin/plugins');
		expect(response.status).toBe(200);
		return response.text();
	};
	const act = (action: string, target: string) =>
		owner.form(`/admin/plugins/${action}`, { plugin: target }, { htmx: true });

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url), NOT_INSTALLED] });
		owner = await h.dashboard();
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('lists the plugin loaded from its folder, and the entry naming no installed package as failed, with why', async () => {
		const html = await managerPage();
		expect(row(html, plugin.id)).toContain('<span class="status-loaded">loaded</span>');
		expect(row(html, plugin.id)).toContain('Suggestion box');
		const failed = row(html, NOT_INSTALLED);
		expect(failed).toContain('<span class="status-failed">failed</span>');
		expect(failed).toContain(`Plugin &quot;${NOT_INSTALLED}&quot; is neither a folder nor an installed npm package`);
		const retried = await act('load', NOT_INSTALLED);
		expect(retried.status).toBe(409);
		expect(await retried.text()).toContain('is neither a folder nor an installed npm package');
	});

	it('unloads it for every server and loads it back without a restart, its suggestions kept', async () => {
		const posted = await h.command(h.demo.memberId, 'suggest', { idea: 'Keep me across a hot load' });
		expect(posted.content).toMatch(/^Posted suggestion #1/);
		const unloaded = await act('unload', plugin.id);
		expect(unloaded.status).toBe(200);
		expect(await unloaded.text()).toContain(`Unloaded ${plugin.id}.`);
		await h.waitFor(async () => (await h.registeredCommand('suggest')) === undefined, '/suggest to go');
		const available = row(await managerPage(), 'suggestions');
		expect(available).toContain('<span class="status-available">available</span>');
		const dir = available.match(/name="plugin" value="([^"]+)"/)?.[1] ?? '';
		expect(dir).toMatch(/examples\/suggestions$/);

		const loaded = await act('load', dir);
		expect(loaded.status).toBe(200);
		expect(await loaded.text()).toContain('Loaded Suggestion box 0.1.0.');
		await h.waitFor(async () => (await h.registeredCommand('suggest')) !== undefined, '/suggest to come back');
		expect((await h.command(h.demo.memberId, 'suggest', { idea: 'After the hot load' })).content).toMatch(
			/^Posted suggestion #2/,
		);
		const page = await (await owner.page(`/${plugin.id}/${h.guildId}`)).text();
		expect(page).toContain('Keep me across a hot load');
		// The owners' page lists both among the recent global changes.
		const manager = await managerPage();
		expect(manager).toContain('plugin.unload');
		expect(manager).toContain('plugin.load');
	});

	it('refuses to load a folder that is not in the list, whatever path is posted', async () => {
		const response = await act('load', '/etc');
		expect(response.status).toBe(400);
		expect(h.foyer.plugins.list().some((p) => p.dir === '/etc')).toBe(false);
	});
});
