import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DashboardClient, EmulatorControl, type SandboxProcess, startSandboxProcess } from 'foyer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = 'foyer-plugin-suggestions';
const npm = (args: string[], cwd: string) =>
	execFileSync('npm', [...args, '--no-audit', '--no-fund', '--offline'], { cwd, encoding: 'utf8', stdio: 'pipe' });

/**
 * A third party's way in: the plugin packed as an npm tarball (`npm pack`), listed in FOYER_PLUGINS,
 * installed while Foyer runs and hot-loaded from the owners' plugin manager, then loaded at start.
 * Foyer runs as `npm start` does, in its own process, in sandbox mode.
 */
describe('the suggestion box as a packed npm package, through FOYER_PLUGINS', () => {
	const deploy = mkdtempSync(join(resolve('test-artifacts'), 'npm-plugin-'));
	const installed = join(deploy, 'node_modules', PACKAGE);
	const env = { FOYER_PLUGINS: installed, FOYER_DATA_DIR: join(deploy, 'data') };
	let tarball: string;
	let foyer: SandboxProcess | null = null;

	beforeAll(() => {
		mkdirSync(join(deploy, 'data'), { recursive: true });
		npm(['pack', resolve('examples/suggestions'), '--pack-destination', deploy], deploy);
		tarball = join(deploy, readdirSync(deploy).find((f) => f.endsWith('.tgz')) ?? '');
		writeFileSync(join(deploy, 'package.json'), JSON.stringify({ name: 'deployment', private: true }));
	});
	afterAll(async () => {
		await foyer?.stop();
		rmSync(deploy, { recursive: true, force: true });
	});

	/** The emulator's demo server, as the control API describes it. */
	const demoOf = async (control: EmulatorControl) => {
		const { demo } = await control.info();
		return demo as { guild_id: string; owner_id: string; member_id: string; channels: Record<string, string> };
	};
	const suggest = async (control: EmulatorControl, idea: string) => {
		const demo = await demoOf(control);
		const answer = await control.command({
			channel_id: demo.channels.general as string,
			user_id: demo.member_id,
			command: 'suggest',
			options: { idea },
		});
		return String(answer.reply.content);
	};

	it('packs only the plugin’s own files', () => {
		const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
		expect(listing).toContain('package/plugin.ts');
		expect(listing).toContain('package/commands/suggest.ts');
		expect(listing).toContain('package/views/suggestions.eta');
		expect(listing.filter((f) => f.includes('/test/'))).toEqual([]);
	});

	it('shows the entry as failed while the package is not installed, and hot-loads it from the plugin manager once it is', async () => {
		foyer = await startSandboxProcess(env);
		expect(foyer.running.failed).toEqual([installed]);
		expect(foyer.running.loaded).not.toContain('suggestions');
		const control = new EmulatorControl(foyer.emulatorUrl);
		const owner = await DashboardClient.login(foyer.dashboardUrl, (await demoOf(control)).owner_id);
		const before = await (await owner.page('/admin/plugins')).text();
		expect(before).toContain(`${installed} does not exist`);

		npm(['install', '--legacy-peer-deps', '--no-package-lock', tarball], deploy);
		const loaded = await owner.form('/admin/plugins/load', { plugin: installed }, { htmx: true });
		expect(loaded.status).toBe(200);
		expect(await loaded.text()).toContain('Loaded Suggestion box 0.1.0.');
		expect(await suggest(control, 'Installed while running')).toMatch(/^Posted suggestion #1 in <#\d+>/);
		await foyer.stop();
		foyer = null;
	}, 120_000);

	it('loads the installed package at start, with the suggestions made before', async () => {
		foyer = await startSandboxProcess(env);
		expect(foyer.running.loaded).toContain('suggestions');
		expect(foyer.running.failed).toEqual([]);
		const control = new EmulatorControl(foyer.emulatorUrl);
		expect(await suggest(control, 'After a restart')).toMatch(/^Posted suggestion #2 in <#\d+>/);
		const errors = foyer.logs.filter((l) => l.level >= 50);
		expect(errors).toEqual([]);
	}, 120_000);
});
