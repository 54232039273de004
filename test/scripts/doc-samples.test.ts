import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocSamples } from '../../scripts/doc-samples.ts';
import { pluginFiles, pluginNames } from '../../scripts/plugin-template.ts';

/** The guides' code blocks are compiled files: this is the check `npm run typecheck` ends with. */
describe('the plugin guide and the README show the compiled samples, and nothing else', () => {
	it('finds every TypeScript block of docs/plugins.md and README.md equal to its sample', () => {
		expect(checkDocSamples('docs/plugins.md')).toEqual([]);
		expect(checkDocSamples('README.md')).toEqual([]);
		const guide = readFileSync('docs/plugins.md', 'utf8');
		expect(guide.match(/<!-- sample: /g)?.length).toBeGreaterThan(20);
	});

	it('says where a block drifted from its file, and refuses a block with no file', () => {
		const dir = mkdtempSync(join(resolve('test-artifacts'), 'doc-samples-'));
		try {
			// The block showing hello-world's manifest, one value changed; and a block with no file.
			const drifted = readFileSync('docs/plugins.md', 'utf8')
				.replace("version: '0.1.0',", "version: '0.2.0',")
				.replace('## Rules', '```ts\nconst unchecked = 1;\n```\n\n## Rules');
			const copy = relative('.', join(dir, 'plugins.md'));
			writeFileSync(copy, drifted);
			const line = drifted.split('\n').findIndex((l) => l.includes("version: '0.2.0',")) + 1;
			expect(checkDocSamples(copy)).toEqual([
				{
					where: `${copy}:${line}`,
					message: `differs from docs/samples/plugins/hello-world/plugin.ts: the file says "\\tversion: '0.1.0',", the guide "\\tversion: '0.2.0',"`,
				},
				{
					where: expect.stringMatching(/plugins\.md:\d+$/),
					message: 'a ts block without a <!-- sample: file --> line above it',
				},
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('shows in docs/samples/plugins/hello-world exactly what npm run plugin:new hello-world writes', () => {
		const root = 'docs/samples/plugins/hello-world';
		const files = readdirSync(root, { recursive: true, withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => relative(root, join(e.parentPath, e.name)));
		const generated = pluginFiles(pluginNames('hello-world'));
		expect(files.sort()).toEqual(Object.keys(generated).sort());
		for (const [file, text] of Object.entries(generated))
			expect(readFileSync(join(root, file), 'utf8'), file).toBe(text);
	});
});
