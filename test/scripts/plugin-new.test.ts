import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { startTestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ID = 'scaffolded-demo';
const TSX = resolve('node_modules/tsx/dist/cli.mjs');
/** The child processes get the environment without this run's vitest variables. */
const env = {
	...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))),
	NO_COLOR: '1',
};
const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8', env, cwd: resolve('.') });
const pluginNew = (...args: string[]) => run(process.execPath, [TSX, 'scripts/plugin-new.ts', ...args]);

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();
}

/** `npm run plugin:new`: a fresh project's first plugin, generated into a folder like a clone's plugins/. */
describe('npm run plugin:new <id>', () => {
	const project = mkdtempSync(join(resolve('test-artifacts'), 'plugin-new-'));
	const plugins = join(project, 'plugins');
	const folder = join(plugins, ID);
	let output = '';

	beforeAll(() => {
		const made = pluginNew(ID, '--dir', plugins);
		expect(made.stderr).toBe('');
		expect(made.status).toBe(0);
		output = made.stdout;
	});
	afterAll(() => {
		rmSync(project, { recursive: true, force: true });
	});

	it('writes a manifest, a command, a listener, a dashboard page and a test, and says where', () => {
		expect(filesUnder(folder)).toEqual([
			`commands/${ID}.ts`,
			'listeners/member-add.ts',
			'plugin.ts',
			'routes/[guild]/index.get.ts',
			`test/${ID}.test.ts`,
		]);
		expect(output).toContain(`Wrote plugin "${ID}" in ${relative('.', folder)}:`);
		expect(readFileSync(join(folder, 'plugin.ts'), 'utf8')).toContain(`id: '${ID}',`);
	});

	it('refuses an id the manifest would refuse and a folder that exists, writing nothing', () => {
		const before = statSync(join(folder, 'plugin.ts')).mtimeMs;
		const cases: [string, RegExp][] = [
			['Bad_Id', /Plugin id "Bad_Id" must be 2-40 characters: lowercase letters, digits and dashes/],
			['x', /must be 2-40 characters/],
			['9lives', /starting with a letter/],
			['admin', /is taken by the core or the dashboard/],
			[ID, /exists already: choose another id, or remove the folder/],
		];
		for (const [id, message] of cases) {
			const refused = pluginNew(id, '--dir', plugins);
			expect(refused.status, id).toBe(1);
			expect(refused.stderr, id).toMatch(message);
		}
		expect(pluginNew('--dir', plugins).stderr).toMatch(/^usage: npm run plugin:new <id>/);
		expect(readdirSync(plugins)).toEqual([ID]);
		expect(statSync(join(folder, 'plugin.ts')).mtimeMs).toBe(before);
	});

	it('is written as Biome formats and lints the project', () => {
		for (const file of filesUnder(folder)) {
			const text = readFileSync(join(folder, file), 'utf8');
			const checked = spawnSync(
				resolve('node_modules/.bin/biome'),
				['check', '--write', `--stdin-file-path=plugins/${ID}/${file}`],
				{
					input: text,
					encoding: 'utf8',
				},
			);
			expect(checked.status, `${file}: ${checked.stderr}`).toBe(0);
			expect(checked.stdout, file).toBe(text);
		}
	});

	it('typechecks as generated', () => {
		writeFileSync(
			join(project, 'tsconfig.json'),
			JSON.stringify({ extends: '../../tsconfig.json', include: ['plugins'] }),
		);
		const checked = run(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '--noEmit', '-p', project]);
		expect(checked.stdout + checked.stderr).toBe('');
		expect(checked.status).toBe(0);
	}, 180_000);

	it('passes its own test as generated', () => {
		// The project's vitest config, scanning the generated project as it scans a clone's plugins/.
		const tested = run(process.execPath, [resolve('node_modules/vitest/vitest.mjs'), 'run', '--dir', project]);
		const summary = tested.stdout;
		expect(summary, tested.stderr).toMatch(/Test Files\s+1 passed \(1\)/);
		expect(summary).toMatch(/Tests\s+\d+ passed/);
		expect(summary).not.toMatch(/failed/);
		expect(tested.status).toBe(0);
	}, 180_000);

	it('loads in a running Foyer and hot-reloads an edit of its command', async () => {
		const h = await startTestFoyer({ plugins: [folder] });
		try {
			expect((await h.command(h.demo.memberId, ID)).content).toBe('Hello, Demo Member! Members who joined so far: 0.');
			const command = join(folder, 'commands', `${ID}.ts`);
			writeFileSync(command, readFileSync(command, 'utf8').replace('Members who joined so far', 'Joined so far'));
			await h.reload(ID);
			expect((await h.command(h.demo.memberId, ID)).content).toBe('Hello, Demo Member! Joined so far: 0.');
			expect(h.errors()).toEqual([]);
		} finally {
			await h.stop();
		}
	});
});
